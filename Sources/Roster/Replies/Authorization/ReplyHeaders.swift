/// The header fields of a received message as the reply desk needs them: names and raw values in message
/// order (top first). Values may still be folded; lookups unfold them.
public struct ReplyHeaders: Sendable {
    public var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)]) { self.fields = fields }

    /// Every value of `name` (any case), unfolded and trimmed, top first.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map { Self.unfold($0.value) }
    }

    /// The first value of `name`, if any.
    public func first(_ name: String) -> String? { values(name).first }

    /// `true` when a field named `name` (any case) is present.
    public func contains(_ name: String) -> Bool { fields.contains { $0.name.caseInsensitiveEquals(name) } }

    /// CRLF/LF followed by white space becomes one space; surrounding white space removed.
    static func unfold(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for ch in value {
            if ch == "\r\n" || ch == "\n" || ch == "\r" || ch == " " || ch == "\t" {
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            }
        }
        return out
    }

    /// The addr-specs of an address-list value (`"Lopez, Maria" <m@x.org>, b@y.org (Bob)`, groups too),
    /// as written; comments and display names dropped.
    public static func addresses(in value: String) -> [String] {
        var result: [String] = []
        var element = ""
        var angle = ""
        var inQuote = false
        var inAngle = false
        var sawAngle = false
        var comment = 0
        var escape = false
        func finish() {
            let addr = (sawAngle ? angle : element).trimmingSpaces()
            if !addr.isEmpty, addr.contains("@") { result.append(addr) }
            element = ""
            angle = ""
            sawAngle = false
        }
        for ch in value {
            if escape {
                escape = false
                continue
            }
            if ch == "\\" && (inQuote || comment > 0) {
                escape = true
                continue
            }
            if inQuote {
                if ch == "\"" { inQuote = false }
                continue
            }
            if comment > 0 {
                if ch == "(" { comment += 1 } else if ch == ")" { comment -= 1 }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "(": comment = 1
            case "<":
                inAngle = true
                sawAngle = true
                angle = ""
            case ">": inAngle = false
            case ",", ";":
                if inAngle { angle.append(ch) } else { finish() }
            case ":":
                if inAngle { angle.append(ch) } else { element = "" }  // group name
            default:
                if inAngle { angle.append(ch) } else if ch != " " && ch != "\t" { element.append(ch) }
            }
        }
        finish()
        return result
    }

    /// Message-ID values of a field (`<a@b> <c@d>`), without brackets, in order.
    static func messageIDs(in value: String) -> [String] {
        var ids: [String] = []
        var current = ""
        var inside = false
        for ch in value {
            if ch == "<" {
                inside = true
                current = ""
            } else if ch == ">" {
                if inside && !current.isEmpty { ids.append(current) }
                inside = false
            } else if inside && ch != " " && ch != "\t" {
                current.append(ch)
            }
        }
        if ids.isEmpty {
            let bare = value.trimmingSpaces()
            if !bare.isEmpty && !bare.contains(" ") && bare.contains("@") { ids.append(bare) }
        }
        return ids
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }

    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
