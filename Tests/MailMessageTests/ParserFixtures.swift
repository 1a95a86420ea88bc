@testable import MailMessage

/// Message builders for the parser and trimmer tests.
enum ParserFixtures {
    /// `text` with LF line ends turned into CRLF, as bytes.
    static func crlf(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for b in text.utf8 {
            if b == 0x0A { out.append(0x0D) }
            out.append(b)
        }
        return out
    }

    static func parse(_ text: String, limits: ParseLimits = .default) throws -> ParsedMessage {
        try MessageParser.parse(crlf(text), limits: limits)
    }

    /// A message whose body is `depth` multiparts nested inside each other.
    static func nested(depth: Int) -> [UInt8] {
        var text = "From: a@b.org\nContent-Type: multipart/mixed; boundary=b0\n\n"
        for k in 0..<depth {
            text += "--b\(k)\nContent-Type: multipart/mixed; boundary=b\(k + 1)\n\n"
        }
        text += "--b\(depth)\nContent-Type: text/plain\n\ndeep\n"
        return crlf(text)
    }

    /// A deterministic generator (SplitMix64) so random-input tests are reproducible.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A realistic multipart reply: text + HTML alternative, a CSV attachment, an attached message.
    static let multipartReply = """
        From: =?utf-8?q?Jos=C3=A9?= =?utf-8?q?_Mu=C3=B1oz?= <jose@partner.example.org>
        To: "Community Schools" <rosters+tok@district.example.org>
        Cc: Smith, Pat <pat@lincoln.example.org>
        Subject: =?iso-8859-1?q?Re:_Lista_de_alumnos_=97?=
         =?utf-8?b?IHNlbWFuYSA0OQ==?=
        Message-ID: <reply-1@partner.example.org>
        In-Reply-To: <roster.12.2026-W49.3.abcdef@district.example.org>
        References: <a@x> <roster.12.2026-W49.3.abcdef@district.example.org>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        This is a multi-part message in MIME format.
        --outer
        Content-Type: multipart/alternative; boundary=inner

        --inner
        Content-Type: text/plain; charset="ISO-8859-1"
        Content-Transfer-Encoding: quoted-printable

        ADD 123456
        DROP Mar=EDa L=F3pez

        El lun, 1 dic 2025 a las 8:00, Community Schools <rosters@district.example.org> escribi=F3:
        > Reply with ADD or DROP lines.
        --inner
        Content-Type: text/html; charset=utf-8
        Content-Transfer-Encoding: base64

        PHA+SG9sYSBKb3MmZWFjdXRlOzwvcD4=
        --inner--
        --outer
        Content-Type: text/csv; name="roster.csv"
        Content-Disposition: attachment; filename*=utf-8''roster-Mu%C3%B1oz.csv
        Content-Transfer-Encoding: base64

        c3R1ZGVudF9udW1iZXIsYWN0aW9uCjEyMzQ1NixhZGQK
        --outer
        Content-Type: message/rfc822

        From: csc@lincoln.example.org
        Subject: inner

        Forwarded text.
        --outer--
        epilogue
        """
}
