import Foundation
import Roster
import Yams

extension MainFileReader {
    /// `releases:` — every key optional.
    mutating func readReleases(_ node: Node?) -> RosterMailConfig.Releases? {
        var r = RosterMailConfig.Releases.default
        guard let node else { return r }
        guard
            let m = reader.mapping(
                node, "releases",
                optional: [
                    "request", "signers", "valid_until", "remind_after_days", "require_dmarc", "purpose", "measures",
                ])
        else { return nil }
        let before = reader.problems.count
        if let n = m["request"], let v = reader.string(n, "releases.request") {
            if let mode = RosterMailConfig.Releases.RequestMode(rawValue: v.lowercased()) {
                r.request = mode
            } else {
                reader.problem(n, "releases.request must be auto or manual")
            }
        }
        if let n = m["signers"], let v = reader.string(n, "releases.signers") {
            if let s = RosterMailConfig.Releases.Signers(rawValue: v.lowercased()) {
                r.signers = s
            } else {
                reader.problem(n, "releases.signers must be one (the first guardian decides) or all")
            }
        }
        if let n = m["valid_until"], let v = reader.string(n, "releases.valid_until") {
            if let day = CalendarDay(iso: v) {
                r.validUntil = day
            } else {
                reader.problem(n, "releases.valid_until “\(v)” is not a date (YYYY-MM-DD)")
            }
        }
        if let n = m["remind_after_days"] {
            let days = (reader.sequence(n, "releases.remind_after_days") ?? []).compactMap {
                reader.int($0, "releases.remind_after_days", range: 1...180)
            }
            if days.count > 2 || days != days.sorted() || Set(days).count != days.count {
                reader.problem(n, "releases.remind_after_days: at most two increasing numbers of days, e.g. [7, 21]")
            } else {
                r.remindAfterDays = days
            }
        }
        if let n = m["require_dmarc"], let v = reader.string(n, "releases.require_dmarc") {
            switch v.lowercased() {
            case "true", "yes": r.requireDMARC = true
            case "false", "no": r.requireDMARC = false
            default: reader.problem(n, "releases.require_dmarc must be true or false")
            }
        }
        if let v = m["purpose"].flatMap({ reader.string($0, "releases.purpose") }) {
            if v.trimmingCharacters(in: .whitespaces).isEmpty || v.contains(where: \.isNewline) {
                reader.problem(m["purpose"], "releases.purpose must be one line of text")
            } else {
                r.purpose = v
            }
        }
        if let n = m["measures"] {
            let words = (reader.sequence(n, "releases.measures") ?? []).compactMap {
                reader.string($0, "releases.measures")
            }
            if let list = ReleaseMeasure.list(words.joined(separator: ",")), !list.isEmpty {
                r.measures = list
            } else {
                reader.problem(
                    n,
                    "releases.measures: a list of "
                        + ReleaseMeasure.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        return reader.problems.count == before ? r : nil
    }
}
