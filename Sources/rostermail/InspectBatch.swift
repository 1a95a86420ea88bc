import Foundation
import MailMessage
import Roster

/// `rostermail inspect --batch DIR`: the files of a directory through what the reply desk does before
/// matching (parse, choose the text part, trim it, read ADD/DROP lines and returned roster CSV files),
/// without a store: no sent roster, so no edited-roster comparison and no matching.
///
/// Messages are independent, so `jobs` workers (one per core by default) each take every `jobs`-th file
/// and keep their own counts; the counts are added up at the end.
struct InspectBatch: Sendable {
    /// What the summary line reports.
    struct Totals: Sendable {
        var messages = 0
        var limited = 0
        var items = 0
        var adds = 0
        var drops = 0
        var csvRows = 0
        var notUnderstood = 0

        static func + (a: Totals, b: Totals) -> Totals {
            Totals(
                messages: a.messages + b.messages, limited: a.limited + b.limited, items: a.items + b.items,
                adds: a.adds + b.adds, drops: a.drops + b.drops, csvRows: a.csvRows + b.csvRows,
                notUnderstood: a.notUnderstood + b.notUnderstood)
        }
    }

    let paths: [String]
    let jobs: Int
    let extractor = ReplyExtractor()

    /// The totals over every file, read by `jobs` threads.
    func run() -> Totals {
        let workers = max(1, min(jobs, paths.count))
        if workers == 1 { return totals(worker: 0, of: 1) }
        return concurrentMap(workers) { w in totals(worker: w, of: workers) }.reduce(Totals(), +)
    }

    /// The totals of files `w`, `w + n`, `w + 2n`, …
    private func totals(worker w: Int, of n: Int) -> Totals {
        var totals = Totals()
        for k in stride(from: w, to: paths.count, by: n) {
            guard let data = FileManager.default.contents(atPath: paths[k]) else { continue }
            totals.messages += 1
            add(data, to: &totals)
        }
        return totals
    }

    private func add(_ data: Data, to totals: inout Totals) {
        guard let parsed = try? MessageParser.parse(Array(data)) else {
            totals.limited += 1
            return
        }
        let attachments = parsed.parts.filter { part in
            guard part.isAttachment, let name = part.filename?.lowercased() else { return false }
            return name.hasSuffix(".csv") || name.hasSuffix(".txt")
        }.map { (filename: $0.filename ?? "", bytes: $0.body) }
        let fullText = ReplyBody.text(of: parsed)
        let found = extractor.extract(
            ownText: ReplyTrimmer.ownText(fullText), fullText: fullText, attachments: attachments, sentRoster: nil)
        totals.items += found.count
        for item in found {
            if case .csv = item.source { totals.csvRows += 1 }
            switch item.outcome {
            case .commands(let commands):
                for c in commands {
                    if c.action == .add { totals.adds += 1 } else { totals.drops += 1 }
                }
            case .notUnderstood: totals.notUnderstood += 1
            case .ignored: break
            }
        }
    }
}
