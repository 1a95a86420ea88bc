/// Reads text made of header-like field groups separated by blank lines: the body of a
/// `message/delivery-status` part (RFC 3464 §2.1: one per-message group, then one group per recipient) or a
/// `text/rfc822-headers` part (one group). Continuation lines (starting with a space or tab) are unfolded;
/// lines that are not fields are skipped.
enum FieldGroups {
    static func parse(_ text: String) -> [[HeaderField]] {
        var groups: [[HeaderField]] = []
        var group: [HeaderField] = []
        var name: String?
        var value = ""
        func finish() {
            if let n = name { group.append(HeaderField(name: n, rawValue: value.trimmingBlanks())) }
            name = nil
            value = ""
        }
        // Split on every line end: "\r\n" is one Character, so splitting on "\n" would not split it.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                finish()
                if !group.isEmpty { groups.append(group) }
                group = []
                continue
            }
            if line.first == " " || line.first == "\t" {
                if name != nil { value += " " + String(line).trimmingBlanks() }
                continue
            }
            finish()
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex,
                !line[..<colon].contains(where: { $0 == " " || $0 == "\t" })
            else { continue }
            name = String(line[..<colon])
            value = String(line[line.index(after: colon)...])
        }
        finish()
        if !group.isEmpty { groups.append(group) }
        return groups
    }

    /// The value of an RFC 3464 typed field (`rfc822; a@b`, `dns; mx.example`, `smtp; 550 …`) without its
    /// type, trimmed; the whole value when it has no `;` type.
    static func untyped(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";") else { return value.trimmingBlanks() }
        let type = value[..<semicolon]
        guard !type.isEmpty, type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            return value.trimmingBlanks()
        }
        return String(value[value.index(after: semicolon)...]).trimmingBlanks()
    }
}
