import Foundation

@testable import MailMessage

/// Small independent decoders and fixtures for the writer tests.
enum TestSupport {
    static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Without leading and trailing spaces and tabs, as the writer writes values.
    static func trimmed(_ s: String) -> String {
        String(
            s.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    /// Input with LF, CR and CRLF line ends turned into CRLF.
    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// Lines split on CRLF (CRLF excluded); a bare CR or LF stays inside a line.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                result.append(current)
                current = []
                i += 2
            } else {
                current.append(bytes[i])
                i += 1
            }
        }
        result.append(current)
        return result
    }

    /// No CR or LF except as CRLF pairs.
    static func onlyCRLF(_ bytes: [UInt8]) -> Bool {
        lines(bytes).allSatisfy { !$0.contains(0x0D) && !$0.contains(0x0A) }
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        default: return nil
        }
    }

    /// A strict quoted-printable decoder: uppercase `=XX` escapes and `=` CRLF soft breaks only.
    static func decodeQP(_ encoded: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var i = 0
        while i < encoded.count {
            let b = encoded[i]
            if b == 0x3D {
                guard i + 2 < encoded.count else { return nil }
                if encoded[i + 1] == 0x0D && encoded[i + 2] == 0x0A {
                    i += 3
                    continue
                }
                guard let hi = hexValue(encoded[i + 1]), let lo = hexValue(encoded[i + 2]) else { return nil }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    /// Decodes RFC 2047 UTF-8 encoded-words in `header`, dropping whitespace between adjacent ones.
    static func decode2047(_ header: String) -> String {
        var out = ""
        var whitespace = ""
        var token = ""
        var previousWasEncoded = false
        func flushToken() {
            guard !token.isEmpty else { return }
            if let decoded = decodeWord(token) {
                if !previousWasEncoded { out += whitespace }
                out += decoded
                previousWasEncoded = true
            } else {
                out += whitespace + token
                previousWasEncoded = false
            }
            whitespace = ""
            token = ""
        }
        for character in header {
            if character == " " || character == "\t" {
                flushToken()
                whitespace.append(character)
            } else {
                token.append(character)
            }
        }
        flushToken()
        return out + whitespace
    }

    /// The text of one `=?UTF-8?Q|B?…?=` word, or nil when `token` is not one (or not valid UTF-8).
    static func decodeWord(_ token: String) -> String? {
        guard let bytes = decodeWordBytes(token) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    static func decodeWordBytes(_ token: String) -> [UInt8]? {
        guard token.hasPrefix("=?UTF-8?"), token.hasSuffix("?="), token.count >= 12 else { return nil }
        let inner = Array(token.utf8)[10..<(token.utf8.count - 2)]
        switch Array(token.utf8)[8] {
        case UInt8(ascii: "B"):
            return Data(base64Encoded: Data(inner)).map { Array($0) }
        case UInt8(ascii: "Q"):
            var out: [UInt8] = []
            var it = Array(inner)[...]
            while let b = it.popFirst() {
                if b == UInt8(ascii: "_") {
                    out.append(0x20)
                } else if b == UInt8(ascii: "=") {
                    guard let h = it.popFirst().flatMap(hexValue), let l = it.popFirst().flatMap(hexValue) else {
                        return nil
                    }
                    out.append(h << 4 | l)
                } else {
                    out.append(b)
                }
            }
            return out
        default:
            return nil
        }
    }

    /// Header fields of a rendered message, unfolded, in order.
    static func headers(_ message: [UInt8]) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for line in lines(message) {
            if line.isEmpty { break }
            let text = string(line)
            if text.first == " " || text.first == "\t" {
                result[result.count - 1].value += text
            } else if let colon = text.firstIndex(of: ":") {
                var value = String(text[text.index(after: colon)...])
                if value.first == " " { value.removeFirst() }
                result.append((String(text[..<colon]), value))
            }
        }
        return result
    }

    static func header(_ name: String, in message: [UInt8]) -> String? {
        headers(message).first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static let csv = "student_number,name,grade,release\n123456,José Muñoz,4,yes\n234567,Zoë Ångström,5,no\n"

    /// The roster-shaped message the Python check also reads.
    static func rosterMessage() throws -> OutgoingMessage {
        var message = OutgoingMessage(
            from: try MailAddress("community@district.example.org", displayName: "Community Schools", field: "From"),
            to: [try MailAddress("jose@partner.example.org", displayName: "José Muñoz", field: "To")],
            subject: "Weekly roster for José Muñoz — Lincoln Elementary, week 2026-W49",
            date: Date(timeIntervalSince1970: 1_796_043_600),
            timeZone: TimeZone(identifier: "America/Chicago")!,
            messageID: "roster.12.2026-W49.3.abcdef@district.example.org",
            body: .multipart(
                "mixed",
                [
                    .multipart(
                        "alternative",
                        [
                            .text("Hello José,\n\nHere is this week's roster.\nReply with ADD or DROP lines.\n"),
                            .text(
                                "<html><body><p>Hello Jos&eacute;,</p><table><tr><td>123456</td>"
                                    + "<td>José Muñoz</td></tr></table></body></html>\n",
                                subtype: "html"),
                        ]),
                    .attachment(Array(csv.utf8), contentType: "text/csv; charset=utf-8", filename: "roster-Muñoz.csv"),
                ]))
        message.cc = [try MailAddress("csc@lincoln.example.org", displayName: "Smith, Pat (CSC)", field: "Cc")]
        message.replyTo = [try MailAddress("rosters+tok123@district.example.org", field: "Reply-To")]
        message.extraHeaders = [
            ("Auto-Submitted", "auto-generated"), ("List-Id", "Roster mail <rosters.district.example.org>"),
        ]
        return message
    }
}
