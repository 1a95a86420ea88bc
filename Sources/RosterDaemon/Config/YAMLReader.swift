import Foundation
import Yams

/// Walks a composed YAML document and collects every problem with its line and column, so that
/// `check-config` can report all of them at once (Codable stops at the first).
struct YAMLReader {
    let file: String
    private(set) var problems: [ConfigProblem] = []

    init(file: String) { self.file = file }

    /// Parses `text`; a syntax error becomes a problem and the result is nil.
    ///
    /// With Yams's `.basic` resolver (no implicit-tag rules): every plain scalar is a string, which is how
    /// this reader treats them anyway (`int` parses the text itself). Yams checks every mapping for
    /// duplicate keys by hashing each key with its resolved tag; the default resolver resolves that tag with
    /// seven NSRegularExpressions per key (two thirds of `rostermail`'s start-up with a 2 100-school
    /// partners.yaml). Equal texts resolve to equal tags, so duplicates are found exactly as before.
    mutating func compose(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                problem(at: (1, 1), "the file is empty")
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _), .composer(_, let p, let mark, _):
                problem(at: (mark.line, mark.column), "YAML syntax error: \(p)")
            case .duplicatedKeysInMapping(let dups, let context):
                problem(
                    at: (context.mark.line, context.mark.column), "duplicate key(s) \(dups.joined(separator: ", "))")
            default:
                problem(at: (1, 1), "YAML error: \(error)")
            }
            return nil
        } catch {
            problem(at: (1, 1), "YAML error: \(error)")
            return nil
        }
    }

    mutating func problem(_ node: Node?, _ message: String) {
        problem(at: (node?.mark?.line ?? 1, node?.mark?.column ?? 1), message)
    }

    mutating func problem(at pos: (Int, Int), _ message: String) {
        problems.append(ConfigProblem(file: file, line: pos.0, column: pos.1, message: message))
    }

    /// A mapping's entries by key. Unknown keys and missing required keys are problems.
    ///
    /// `what` names the value in messages; it is only built when there is a problem (so are the others').
    mutating func mapping(
        _ node: Node?, _ what: @autoclosure () -> String, required: [String] = [], optional: [String] = []
    ) -> [String: Node]? {
        guard let node else { return nil }
        guard case .mapping(let m) = node else {
            problem(node, "\(what()) must be a mapping (key: value lines)")
            return nil
        }
        var out: [String: Node] = [:]
        for (k, v) in m {
            guard let key = k.string else {
                problem(k, "\(what()): keys must be plain text")
                continue
            }
            // A handful of allowed keys: two short arrays are searched faster than a Set is built.
            guard required.contains(key) || optional.contains(key) else {
                let allowed = Set(required + optional)
                let hint = Self.closest(key, in: allowed).map { "; did you mean “\($0)”?" } ?? ""
                problem(
                    k, "unknown key “\(key)” in \(what())\(hint) (allowed: \(allowed.sorted().joined(separator: ", ")))"
                )
                continue
            }
            out[key] = v
        }
        for key in required where out[key] == nil {
            problem(node, "\(what()) is missing the required key “\(key)”")
        }
        return out
    }

    mutating func sequence(_ node: Node?, _ what: @autoclosure () -> String) -> [Node]? {
        guard let node else { return nil }
        guard case .sequence(let s) = node else {
            problem(node, "\(what()) must be a list (lines starting with “- ”)")
            return nil
        }
        return Array(s)
    }

    /// A non-empty scalar without control characters.
    mutating func string(_ node: Node?, _ what: @autoclosure () -> String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let s) = node else {
            problem(node, "\(what()) must be a single value")
            return nil
        }
        let v = Self.trimmingWhitespace(s.string)
        if v.isEmpty {
            problem(node, "\(what()) is empty")
            return nil
        }
        if v.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            problem(node, "\(what()) contains a line break, tab or other control character; remove it")
            return nil
        }
        return v
    }

    mutating func int(_ node: Node?, _ what: @autoclosure () -> String, range: ClosedRange<Int>) -> Int? {
        guard let node, let text = string(node, what()) else { return nil }
        guard let v = Int(text), range.contains(v) else {
            problem(
                node, "\(what()) must be a whole number from \(range.lowerBound) to \(range.upperBound), not “\(text)”")
            return nil
        }
        return v
    }

    /// `text.trimmingCharacters(in: .whitespaces)` (tab and Unicode category Zs) without Foundation's
    /// NSString bridge, which costs a UTF-16 copy per scalar.
    ///
    /// Always a new string, never the node's own: the configuration keeps these values for the life of the
    /// process, and a kept node string would pin the heap pages of the whole parse tree around it (the
    /// daemon's idle RSS; see `ServeCommand`'s `malloc_trim`).
    static func trimmingWhitespace(_ text: String) -> String {
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            // ASCII answered without the Unicode property tables (almost every configuration value).
            u.isASCII ? u == " " || u == "\t" : u.properties.generalCategory == .spaceSeparator
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        // Through an array: `String(Substring)` returns the base string itself when nothing was trimmed.
        return String(decoding: Array(Substring(scalars[first...last]).utf8), as: UTF8.self)
    }

    static func closest(_ key: String, in allowed: Set<String>) -> String? {
        allowed.map { ($0, distance(key, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var prev = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
