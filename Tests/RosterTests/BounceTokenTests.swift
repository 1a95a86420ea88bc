import Roster
import Testing

@Suite("VERP bounce tokens")
struct BounceTokenTests {
    let key = try! ReplyTokenKey(text: String(repeating: "cd", count: 32))
    let other = try! ReplyTokenKey(text: String(repeating: "ef", count: 32))

    @Test("signed, found in an address and verified; another key, id or MAC does not verify")
    func roundTrip() throws {
        let t = BounceToken.sign(outboxID: 4711, secret: key)
        let address = t.address(domain: "riverbend.example")
        #expect(address.hasPrefix("bounces+4711.") && address.hasSuffix("@riverbend.example"))
        let found = BounceToken.find(in: ["Mail Delivery <\(address.uppercased())>"], domain: "riverbend.example")
        #expect(found == [t])
        #expect(found[0].outboxID == 4711)
        #expect(found[0].verifies(keys: [other, key]))
        #expect(!found[0].verifies(keys: [other]))
        let mac = t.text.split(separator: ".")[1]
        let moved = try #require(BounceToken.parse("4712.\(mac)"))
        #expect(!moved.verifies(keys: [key]))
        let flipped = String(t.text.dropLast()) + (t.text.hasSuffix("a") ? "b" : "a")
        #expect(BounceToken.parse(flipped)?.verifies(keys: [key]) == false)
        #expect(BounceToken.find(in: [address], domain: "other.example").isEmpty)
        #expect(BounceToken.addressed(in: ["bounces+junk@riverbend.example"], domain: "riverbend.example"))
        #expect(!BounceToken.addressed(in: ["rosters+junk@riverbend.example"], domain: "riverbend.example"))
    }

    @Test(
        "malformed tokens are not parsed",
        arguments: ["", "0.aaaaaaaaaaaaaaaa", "-1.aaaaaaaaaaaaaaaa", "12", "12.short", "x12.aaaaaaaaaaaaaaaa"])
    func malformed(_ text: String) {
        #expect(BounceToken.parse(text) == nil)
    }
}
