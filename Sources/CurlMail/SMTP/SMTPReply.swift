/// One complete SMTP reply as the server sent it: `451 4.7.1 Greylisted, try again later`.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The three-digit reply code (RFC 5321 §4.2).
    public var code: Int
    /// The RFC 3463 enhanced status code (`4.7.1`) when the first line starts with one of the code's class.
    public var enhancedStatus: String?
    /// The text after the code and enhanced status; the lines of a multi-line reply joined with a space.
    public var text: String
    /// The server's queue id from a 2xx reply after the final dot, when it says one in a known way:
    /// Postfix `queued as 4XyZ`, Exim `id=1abc-00012X-AB`, sendmail `2.0.0 8ABC123 Message accepted`.
    public var queueID: String?

    public init(code: Int, enhancedStatus: String? = nil, text: String, queueID: String? = nil) {
        self.code = code
        self.enhancedStatus = enhancedStatus
        self.text = text
        self.queueID = queueID
    }

    /// The reply as one line, e.g. for a log or an alert: `550 5.1.1 User unknown`.
    public var description: String {
        [String(code), enhancedStatus, text.isEmpty ? nil : text].compactMap { $0 }.joined(separator: " ")
    }

    /// 2xx.
    public var isPositive: Bool { (200..<300).contains(code) }
    /// 4xx: try again later.
    public var isTransient: Bool { (400..<500).contains(code) }
    /// 5xx: do not try again as is.
    public var isPermanent: Bool { (500..<600).contains(code) }

    /// Parses the lines of one reply (without their CRLF), e.g. `["250-first", "250 last"]`.
    /// A line that does not start with three digits keeps its whole text and code 0.
    init(lines: [String]) {
        var code = 0
        var status: String?
        var texts: [String] = []
        for (index, line) in lines.enumerated() {
            var rest = Substring(line)
            let digits = rest.prefix(3)
            if digits.count == 3, digits.allSatisfy(Self.isDigit), let value = Int(digits) {
                if index == 0 { code = value }
                rest = rest.dropFirst(3)
                if let separator = rest.first, separator == "-" || separator == " " { rest = rest.dropFirst() }
            }
            if let found = Self.enhancedStatus(at: rest, code: code) {
                if index == 0 { status = found }
                if found == status { rest = rest.dropFirst(found.count).drop(while: { $0 == " " }) }
            }
            texts.append(String(rest))
        }
        self.code = code
        enhancedStatus = status
        text = texts.filter { !$0.isEmpty }.joined(separator: " ")
        queueID = (200..<300).contains(code) ? Self.queueID(in: text) : nil
    }

    /// `class.subject.detail` at the start of `text`, class equal to the reply code's (RFC 3463 §2).
    private static func enhancedStatus(at text: Substring, code: Int) -> String? {
        let token = text.prefix { $0 != " " }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 1,
            parts[0].first?.asciiValue == UInt8(ascii: "0") + UInt8(code / 100),
            parts.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(isDigit) })
        else { return nil }
        return String(token)
    }

    /// 0-9 (`isASCII && isNumber`, without a Unicode property lookup).
    private static func isDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= UInt8(ascii: "0") && a <= UInt8(ascii: "9")
    }

    private static func queueID(in text: String) -> String? {
        let words = text.split(separator: " ")
        // Postfix: "Ok: queued as 4XyZ"
        for index in words.indices.dropLast(2) where words[index] == "queued" && words[index + 1] == "as" {
            return token(words[index + 2])
        }
        // Exim: "OK id=1abcde-0001Xy-AB"
        if let word = words.first(where: { $0.hasPrefix("id=") }) {
            return token(word.dropFirst(3))
        }
        // sendmail: "8ABC123 Message accepted for delivery" (after the enhanced status)
        if words.count >= 3, words[1] == "Message", words[2] == "accepted" {
            return token(words[0])
        }
        return nil
    }

    private static func token(_ word: Substring) -> String? {
        let id = word.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        let trimmed = id.hasSuffix(".") ? id.dropLast() : id
        return trimmed.isEmpty ? nil : String(trimmed)
    }
}
