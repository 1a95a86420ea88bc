import Foundation
import Roster
import Yams

extension MainFileReader {
    /// `sis_export:` — every key optional.
    mutating func readSISExport(_ node: Node?) -> RosterMailConfig.SISExport? {
        var e = RosterMailConfig.SISExport.default
        guard let node else { return e }
        guard let m = reader.mapping(node, "sis_export", optional: ["weekday", "time", "to"]) else { return nil }
        let before = reader.problems.count
        if let n = m["weekday"], let w = reader.string(n, "sis_export.weekday") {
            if let i = Self.weekdays.firstIndex(of: w.lowercased()) {
                e.weekday = i + 1
            } else {
                reader.problem(n, "sis_export.weekday “\(w)” must be a day name (monday … sunday)")
            }
        }
        if let n = m["time"], let t = reader.string(n, "sis_export.time") {
            let parts = t.split(separator: ":").compactMap { Int($0) }
            if parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]), t.count == 5 {
                e.hour = parts[0]
                e.minute = parts[1]
            } else {
                reader.problem(n, "sis_export.time “\(t)” must be HH:MM in 24-hour time, quoted (\"15:00\")")
            }
        }
        if let n = m["to"] {
            for item in reader.sequence(n, "sis_export.to") ?? [] {
                guard let v = reader.string(item, "sis_export.to") else { continue }
                if let problem = ConfigLoader.addressProblem(v, what: "sis_export.to") {
                    reader.problem(item, problem)
                } else {
                    e.to.append(v)
                }
            }
        }
        return reader.problems.count == before ? e : nil
    }
}
