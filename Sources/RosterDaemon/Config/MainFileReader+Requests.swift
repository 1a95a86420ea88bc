import Foundation
import Roster
import Yams

extension MainFileReader {
    /// `requests:` — every key optional.
    mutating func readRequests(_ node: Node?) -> RosterMailConfig.Requests? {
        var r = RosterMailConfig.Requests.default
        guard let node else { return r }
        guard
            let m = reader.mapping(
                node, "requests", optional: ["address", "due_days", "approval", "data_team", "remind_after_days"])
        else { return nil }
        let before = reader.problems.count
        if let n = m["address"], let v = reader.string(n, "requests.address") {
            if let problem = ConfigLoader.addressProblem(v, what: "requests.address") {
                reader.problem(n, problem)
            } else if v.contains("+") {
                reader.problem(n, "requests.address must not contain '+': review reply addresses add +<token> to it")
            } else {
                r.address = v
            }
        }
        if let n = m["due_days"], let v = reader.int(n, "requests.due_days", range: 1...60) { r.dueDays = v }
        if let n = m["approval"], let v = reader.string(n, "requests.approval") {
            if let a = RosterMailConfig.Requests.Approval(rawValue: v.lowercased()) {
                r.approval = a
            } else {
                reader.problem(
                    n,
                    "requests.approval must be data_team (every answer is approved first) or auto (only identified "
                        + "answers wait for approval)")
            }
        }
        if let n = m["data_team"] {
            for item in reader.sequence(n, "requests.data_team") ?? [] {
                guard let v = reader.string(item, "requests.data_team") else { continue }
                if let problem = ConfigLoader.addressProblem(v, what: "requests.data_team") {
                    reader.problem(item, problem)
                } else {
                    r.dataTeam.append(v)
                }
            }
        }
        if let n = m["remind_after_days"] {
            let days = (reader.sequence(n, "requests.remind_after_days") ?? []).compactMap {
                reader.int($0, "requests.remind_after_days", range: 1...60)
            }
            if days != days.sorted() || Set(days).count != days.count || days.count > 4 {
                reader.problem(n, "requests.remind_after_days: up to four increasing numbers of days, e.g. [7, 12]")
            } else {
                r.remindAfterDays = days
            }
        }
        return reader.problems.count == before ? r : nil
    }
}
