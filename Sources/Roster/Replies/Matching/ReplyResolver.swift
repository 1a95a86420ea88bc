/// Turns a reply's items into entries: every command matched, repeated commands folded into the first,
/// and a reply that both adds and drops one student sent to the CSC instead of applied.
public enum ReplyResolver {
    public static func resolve(_ items: [ReplyItem], matcher: StudentMatcher) -> [ResolvedEntry] {
        var entries: [ResolvedEntry] = []
        var seen: [String: ReplyItem.Source] = [:]
        for item in items {
            switch item.outcome {
            case .ignored: continue
            case .notUnderstood(let problem):
                entries.append(
                    ResolvedEntry(source: item.source, text: item.text, command: nil, status: .notUnderstood(problem)))
            case .commands(let commands):
                for command in commands {
                    let status: ResolvedEntry.Status
                    switch matcher.match(command) {
                    case .matched(let s): status = .apply(s)
                    case .alreadyDone(let s): status = .alreadyDone(s)
                    case .needsReview(let r): status = .needsReview(r)
                    case .rejected(let r): status = .rejected(r)
                    }
                    let key = Self.key(command, status)
                    if let first = seen[key] {
                        entries.append(
                            ResolvedEntry(
                                source: item.source, text: item.text, command: command, status: .duplicate(of: first)))
                    } else {
                        seen[key] = item.source
                        entries.append(
                            ResolvedEntry(source: item.source, text: item.text, command: command, status: status))
                    }
                }
            }
        }
        // A DROP refused only because the student is added by this same reply counts as that student.
        let added = Set(
            entries.compactMap { e -> String? in
                if case .apply(let s) = e.status, e.command?.action == .add { return s.studentNumber }
                return nil
            })
        if !added.isEmpty {
            let after = matcher.addingToRoster(added)
            for i in entries.indices {
                guard case .rejected = entries[i].status, let c = entries[i].command,
                    case .matched(let s) = after.match(c), added.contains(s.studentNumber)
                else { continue }
                entries[i].status = .needsReview(.conflictingCommands(s))
            }
        }
        // ADD and DROP of the same student in one reply: neither is applied.
        var actions: [String: Set<ReplyCommand.Action>] = [:]
        for e in entries {
            if let s = e.student, let c = e.command { actions[s.studentNumber, default: []].insert(c.action) }
        }
        for i in entries.indices {
            if case .needsReview(.conflictingCommands(let s)) = entries[i].status {
                actions[s.studentNumber, default: []].insert(.drop)
            }
        }
        for i in entries.indices {
            if let s = entries[i].student, actions[s.studentNumber]?.count == 2 {
                entries[i].status = .needsReview(.conflictingCommands(s))
            }
        }
        return entries
    }

    /// Same action on the same student (or, unmatched, the same words) = same change.
    static func key(_ c: ReplyCommand, _ status: ResolvedEntry.Status) -> String {
        switch status {
        case .apply(let s), .alreadyDone(let s): return "\(c.action.rawValue) #\(s.studentNumber)"
        default:
            let who = c.studentNumber ?? c.name.map { StudentMatcher.written($0).sorted().joined(separator: " ") } ?? ""
            return "\(c.action.rawValue) ?\(who)"
        }
    }
}

extension ResolvedEntry {
    /// The matched student of an `apply` or `alreadyDone` entry.
    var student: SchoolStudent? {
        switch status {
        case .apply(let s), .alreadyDone(let s): return s
        default: return nil
        }
    }
}
