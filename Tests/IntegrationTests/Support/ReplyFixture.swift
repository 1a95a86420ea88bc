import Foundation
import Roster

/// One reply of Tests/Fixtures/replies/: `NAME.eml` (with the placeholders of README.txt) and
/// `NAME.expected.json`.
struct ReplyFixture: Sendable {
    static let directory = root + "/Tests/Fixtures/replies"

    /// Fixture names (file names without `.eml`), sorted.
    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// What the desk should make of a fixture.
    struct Expected: Decodable, Sendable {
        struct Change: Decodable, Sendable, Hashable {
            var action: String
            var student: String
            /// `YYYY-MM-DD` when the reply gave an effective date.
            var effective: String?
        }

        /// `applied`, `quarantined` or `ignored` (the inbox state).
        var state: String
        /// Exactly the applied change rows.
        var applied: [Change] = []
        var needsReview = 0
        var rejected = 0
        /// Lines listed as not understood in the confirmation; checked only when given.
        var notUnderstood: Int?
        var confirmation: Bool
        /// A piece of the inbox reason (quarantined and ignored messages).
        var reasonContains: String?
        /// Text the confirmation must (not) contain (placeholders allowed).
        var confirmationIncludes: [String] = []
        var confirmationExcludes: [String] = []
        /// What the fixture is, for people.
        var note: String?

        enum CodingKeys: String, CodingKey {
            case state, applied, needsReview, rejected, notUnderstood, confirmation, reasonContains
            case confirmationIncludes, confirmationExcludes, note
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            state = try c.decode(String.self, forKey: .state)
            applied = try c.decodeIfPresent([Change].self, forKey: .applied) ?? []
            needsReview = try c.decodeIfPresent(Int.self, forKey: .needsReview) ?? 0
            rejected = try c.decodeIfPresent(Int.self, forKey: .rejected) ?? 0
            notUnderstood = try c.decodeIfPresent(Int.self, forKey: .notUnderstood)
            confirmation = try c.decode(Bool.self, forKey: .confirmation)
            reasonContains = try c.decodeIfPresent(String.self, forKey: .reasonContains)
            confirmationIncludes = try c.decodeIfPresent([String].self, forKey: .confirmationIncludes) ?? []
            confirmationExcludes = try c.decodeIfPresent([String].self, forKey: .confirmationExcludes) ?? []
            note = try c.decodeIfPresent(String.self, forKey: .note)
        }
    }

    let name: String
    let template: String
    let expected: Expected

    init(_ name: String) throws {
        self.name = name
        template = try String(contentsOfFile: Self.directory + "/\(name).eml", encoding: .utf8)
        let json = try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/\(name).expected.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        expected = try decoder.decode(Expected.self, from: json)
    }

    // MARK: Rendering

    /// The message as it arrives: placeholders replaced, encoding blocks encoded, CRLF line ends.
    func render(_ d: ReplyCorpusDistrict) throws -> [UInt8] {
        var out: [UInt8] = []
        var lines = template.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if let block = EncodingBlock(line) {
                guard let end = lines[(i + 1)...].firstIndex(of: block.closer) else {
                    throw HarnessError("\(name).eml: \(line) without \(block.closer)")
                }
                let content = try lines[(i + 1)..<end].map { try Self.substitute($0, d) }
                out += try block.encode(content)
                i = end + 1
                continue
            }
            out += Array(try Self.substitute(line, d).utf8) + [13, 10]
            i += 1
        }
        return out
    }

    /// `text` with every `{{…}}` placeholder replaced (README.txt lists them); an unknown one is an error.
    static func substitute(_ text: String, _ d: ReplyCorpusDistrict) throws -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw HarnessError("unclosed placeholder in \"\(text)\"")
            }
            out += try value(String(rest[open.upperBound..<close.lowerBound]), d)
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    static func value(_ placeholder: String, _ d: ReplyCorpusDistrict) throws -> String {
        let parts = placeholder.split(separator: ":", maxSplits: 1).map(String.init)
        let key = parts[0]
        let argument = parts.count > 1 ? parts[1] : nil
        func index(_ count: Int) throws -> Int {
            guard let argument, let n = Int(argument), (1...count).contains(n) else {
                throw HarnessError("{{\(placeholder)}}: give a number from 1 to \(count)")
            }
            return n - 1
        }
        switch key {
        case "TOKEN_ADDRESS":
            guard let argument else { return try d.tokenAddress() }
            guard let week = ISOWeek(argument) else { throw HarnessError("{{\(placeholder)}}: not an ISO week") }
            return try d.tokenAddress(week: week)
        case "TOKEN": return d.token.text
        case "ROSTER_MESSAGE_ID":
            return d.rosterMessageIDs[argument == nil ? 0 : try index(d.rosterMessageIDs.count)]
        case "CONTACT": return ReplyCorpusDistrict.contacts[try index(ReplyCorpusDistrict.contacts.count)].email
        case "CONTACT_NAME": return ReplyCorpusDistrict.contacts[try index(ReplyCorpusDistrict.contacts.count)].name
        case "CSC": return ReplyCorpusDistrict.csc.email
        case "CSC_NAME": return ReplyCorpusDistrict.csc.name
        case "OTHER_SITE_CONTACT": return ReplyCorpusDistrict.otherSiteContact.email
        case "OTHER_SITE_CONTACT_NAME": return ReplyCorpusDistrict.otherSiteContact.name
        case "BOM": return "\u{FEFF}"
        default: break
        }
        for (prefix, list) in [
            ("", ReplyCorpusDistrict.roster), ("OTHER_", ReplyCorpusDistrict.others),
            ("FOREIGN_", ReplyCorpusDistrict.foreign),
        ] {
            let numberKey = prefix.isEmpty ? "STUDENT" : String(prefix.dropLast())
            guard key == numberKey || (key.hasPrefix(prefix) && fields.contains(String(key.dropFirst(prefix.count))))
            else { continue }
            let s = list[try index(list.count)]
            switch key == numberKey ? "NUMBER" : String(key.dropFirst(prefix.count)) {
            case "NUMBER": return s.number
            case "NAME": return s.name
            case "GIVEN": return s.given
            case "FAMILY": return s.family
            case "GRADE": return s.gradeLabel
            case "PLAIN_NAME": return plain(s.name)
            case "LISTING":
                return "\(s.name) (student no. \(s.number), grade \(s.gradeLabel), release on file: no)"
            default: break
            }
        }
        throw HarnessError("unknown placeholder {{\(placeholder)}} (see README.txt)")
    }

    static let fields: Set<String> = ["NAME", "GIVEN", "FAMILY", "GRADE", "PLAIN_NAME", "LISTING"]

    /// Without accents: "Zoë Nguyễn" → "Zoe Nguyen".
    static func plain(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        for u in s.decomposedStringWithCanonicalMapping.unicodeScalars
        where u.properties.generalCategory != .nonspacingMark {
            scalars.append(u)
        }
        return String(scalars)
    }
}

/// `{{BASE64:charset}}`, `{{QP:charset}}` or `{{8BIT:charset}}` on a line of its own up to `{{/BASE64}}`
/// (`{{/QP}}`, `{{/8BIT}}`): the lines between, with placeholders replaced, are converted to the charset
/// and transfer-encoded, each line ending CRLF (`:lf` after the charset: LF).
struct EncodingBlock {
    enum Kind: String { case base64 = "BASE64", qp = "QP", eightBit = "8BIT" }
    let kind: Kind
    let charset: String
    let lineEnd: [UInt8]

    init?(_ line: String) {
        guard line.hasPrefix("{{"), line.hasSuffix("}}") else { return nil }
        let inner = line.dropFirst(2).dropLast(2).split(separator: ":").map(String.init)
        guard inner.count >= 2, let kind = Kind(rawValue: inner[0]) else { return nil }
        self.kind = kind
        charset = inner[1].lowercased()
        lineEnd = inner.count > 2 && inner[2] == "lf" ? [10] : [13, 10]
    }

    var closer: String { "{{/\(kind.rawValue)}}" }

    func encode(_ lines: [String]) throws -> [UInt8] {
        let encoded = try lines.map { try Self.bytes($0, charset: charset) }
        switch kind {
        case .eightBit:
            return encoded.flatMap { $0 + [13, 10] }
        case .base64:
            let all = encoded.flatMap { $0 + lineEnd }
            let text = Data(all).base64EncodedString()
            var out: [UInt8] = []
            var start = text.startIndex
            while start < text.endIndex {
                let end = text.index(start, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
                out += Array(text[start..<end].utf8) + [13, 10]
                start = end
            }
            return out
        case .qp:
            return encoded.flatMap { Self.quotedPrintable($0) }
        }
    }

    /// One line of text as quoted-printable lines (soft breaks at 76 characters), CRLF after each.
    static func quotedPrintable(_ line: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var current: [UInt8] = []
        let hex = Array("0123456789ABCDEF".utf8)
        for (i, b) in line.enumerated() {
            let last = i == line.count - 1
            let literal = (b >= 33 && b <= 126 && b != 61) || ((b == 32 || b == 9) && !last)
            let piece = literal ? [b] : [61, hex[Int(b >> 4)], hex[Int(b & 15)]]
            if current.count + piece.count > 75 {
                out += current + [61, 13, 10]
                current = []
            }
            current += piece
        }
        return out + current + [13, 10]
    }

    /// `text` in `charset` (utf-8, us-ascii, iso-8859-1, windows-1252); a character it lacks is an error.
    static func bytes(_ text: String, charset: String) throws -> [UInt8] {
        if charset == "utf-8" { return Array(text.utf8) }
        var out: [UInt8] = []
        for u in text.unicodeScalars {
            let v = u.value
            if v < 0x80 {
                out.append(UInt8(v))
            } else if charset == "iso-8859-1" && v <= 0xFF {
                out.append(UInt8(v))
            } else if charset == "windows-1252" && v >= 0xA0 && v <= 0xFF {
                out.append(UInt8(v))
            } else if charset == "windows-1252", let b = windows1252[v] {
                out.append(b)
            } else if let base = String(u).decomposedStringWithCanonicalMapping.unicodeScalars.first, base != u {
                // What Windows' "best fit" conversion does: ễ → e (then ê when the charset has it).
                out += try bytes(String(base), charset: charset)
            } else {
                throw HarnessError("\"\(text)\": U+\(String(v, radix: 16)) is not in \(charset)")
            }
        }
        return out
    }

    static let windows1252: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
