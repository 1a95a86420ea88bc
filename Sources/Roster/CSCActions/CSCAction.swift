import Foundation

/// What a Community School Coordinator may answer to the daily review email, one action per line:
///
///     APPLY 3                 apply item 3 as the partner asked (its student is known)
///     APPLY 4 AS 1001897      apply item 4 for this student (one of the candidates the digest listed)
///     REJECT 5 not in grade 4 reject item 5; the partner is told the reason
///     RELEASE Q2              process quarantined reply Q2 as if authorized (a partner's personal address)
///     DISCARD Q3              drop quarantined reply Q3 for good
///
/// Spanish: APLICAR … COMO …, RECHAZAR, LIBERAR, DESCARTAR. Keywords in any case, an optional `#` before the
/// number, a `:` or `.` after the keyword. Lines without a keyword are not actions (greetings, signatures).
public enum CSCAction: Sendable, Hashable {
    case apply(item: Int, as: String?)
    case reject(item: Int, reason: String)
    case release(quarantined: Int)
    case discard(quarantined: Int)

    /// The digest label the action names: `3` or `Q2`.
    public var label: String {
        switch self {
        case .apply(let n, _), .reject(let n, _): "\(n)"
        case .release(let n), .discard(let n): "Q\(n)"
        }
    }
}

/// One line of the coordinator's own words that starts with an action keyword: the action, or why it could not
/// be read.
public struct CSCActionLine: Sendable, Hashable {
    public var line: Int
    public var text: String
    public var action: CSCAction?
    public var problem: String?
}

public enum CSCActionReader {
    static let keywords: [String: String] = [
        "apply": "apply", "aplicar": "apply", "aplique": "apply", "reject": "reject", "rechazar": "reject",
        "rechace": "reject", "release": "release", "liberar": "release", "libere": "release", "discard": "discard",
        "descartar": "discard", "descarte": "discard",
    ]

    /// The action lines of `text` (the coordinator's own words, quotes removed), in order.
    public static func read(_ text: String) -> [CSCActionLine] {
        var out: [CSCActionLine] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = words.first else { continue }
            let keyword = first.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":.,"))
            guard let verb = keywords[keyword] else { continue }
            words.removeFirst()
            var result = CSCActionLine(line: index + 1, text: String(line.prefix(200)), action: nil, problem: nil)
            let word = verb.uppercased()
            func number(_ text: String?, quarantined: Bool) -> Int? {
                guard var t = text?.uppercased().trimmingCharacters(in: CharacterSet(charactersIn: ":.,#")) else {
                    return nil
                }
                if quarantined {
                    guard t.first == "Q" else { return nil }
                    t.removeFirst()
                }
                guard let n = Int(t), n > 0, n < 10_000 else { return nil }
                return n
            }
            switch verb {
            case "apply":
                guard let n = number(words.first, quarantined: false) else {
                    result.problem = "\(word) needs an item number from the list, e.g. \(word) 3"
                    break
                }
                let rest = words.dropFirst()
                if rest.isEmpty {
                    result.action = .apply(item: n, as: nil)
                } else if let k = rest.first?.lowercased(), k == "as" || k == "como", rest.count == 2,
                    let student = rest.last.map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,")) }),
                    !student.isEmpty, student.allSatisfy(\.isNumber)
                {
                    result.action = .apply(item: n, as: student)
                } else {
                    result.problem = "write \(word) \(n), or \(word) \(n) AS <student number> (one of the candidates)"
                }
            case "reject":
                guard let n = number(words.first, quarantined: false) else {
                    result.problem = "\(word) needs an item number from the list, e.g. \(word) 5 not in this program"
                    break
                }
                let reason = words.dropFirst().joined(separator: " ").trimmingCharacters(in: .whitespaces)
                result.action = .reject(item: n, reason: String(reason.prefix(300)))
            default:
                guard let n = number(words.first, quarantined: true), words.count == 1 else {
                    result.problem = "\(word) needs a quarantined reply's number from the list, e.g. \(word) Q2"
                    break
                }
                result.action = verb == "release" ? .release(quarantined: n) : .discard(quarantined: n)
            }
            out.append(result)
        }
        return out
    }
}
