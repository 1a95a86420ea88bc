import Testing

@testable import MailMessage

@Suite("AddressListParser: tolerant address lists")
struct AddressListParserTests {
    @Test(arguments: [
        ("jose@partner.org", [ParsedAddress(displayName: nil, address: "jose@partner.org")]),
        ("José <jose@p.org>", [ParsedAddress(displayName: "José", address: "jose@p.org")]),
        (
            "\"Muñoz, José\" <jose@p.org>, pat@x.org",
            [
                ParsedAddress(displayName: "Muñoz, José", address: "jose@p.org"),
                ParsedAddress(displayName: nil, address: "pat@x.org"),
            ]
        ),
        (
            "=?utf-8?q?Jos=C3=A9?= =?utf-8?q?_Mu=C3=B1oz?= <jose@p.org>",
            [ParsedAddress(displayName: "José Muñoz", address: "jose@p.org")]
        ),
        ("\"=?utf-8?q?Jos=C3=A9?=\" <jose@p.org>", [ParsedAddress(displayName: "José", address: "jose@p.org")]),
        ("jose@p.org (José Muñoz)", [ParsedAddress(displayName: "José Muñoz", address: "jose@p.org")]),
        ("Smith, Pat <pat@x.org>", [ParsedAddress(displayName: "Smith, Pat", address: "pat@x.org")]),
        (
            "Team: a@b.org, C <c@d.org>;, e@f.org",
            [
                ParsedAddress(displayName: nil, address: "a@b.org"),
                ParsedAddress(displayName: "C", address: "c@d.org"),
                ParsedAddress(displayName: nil, address: "e@f.org"),
            ]
        ),
        ("undisclosed-recipients:;", []),
        ("<@route.org:jose@p.org>", [ParsedAddress(displayName: nil, address: "jose@p.org")]),
        ("Name jose@p.org", [ParsedAddress(displayName: "Name", address: "jose@p.org")]),
        ("\"unterminated <jose@p.org>", [ParsedAddress(displayName: nil, address: "unterminated <jose@p.org>")]),
        ("", []),
    ])
    func parses(raw: String, expected: [ParsedAddress]) {
        #expect(AddressListParser.parse(raw) == expected)
    }
}
