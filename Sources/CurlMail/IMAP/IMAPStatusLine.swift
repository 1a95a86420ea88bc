/// A tagged server response that completes a command: `A006 NO [TRYCREATE] Mailbox doesn't exist: Nope`.
struct IMAPStatusLine: Equatable, Sendable {
    /// libcurl's tag, `A006`.
    var tag: String
    /// `OK`, `NO` or `BAD` (upper-cased).
    var status: String
    /// The response code's atom (`TRYCREATE`, `ALREADYEXISTS`, `NONEXISTENT`, …), upper-cased, if any.
    var code: String?
    /// The whole line, without CRLF.
    var line: String

    var isOK: Bool { status == "OK" }

    /// `nil` for untagged (`* …`) and continuation (`+ …`) lines.
    init?(_ line: String) {
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard words.count >= 2, let first = words.first, first != "*", first != "+", !first.isEmpty else {
            return nil
        }
        tag = String(first)
        status = words[1].uppercased()
        guard ["OK", "NO", "BAD"].contains(status) else { return nil }
        self.line = line
        code = nil
        if words.count == 3, words[2].hasPrefix("[") {
            let inside = words[2].dropFirst().prefix { $0 != "]" && $0 != " " }
            code = inside.isEmpty ? nil : inside.uppercased()
        }
    }
}
