import Foundation
import Logging
import Roster
import RosterStore

/// The weekly SIS export: the applied roster changes not exported yet, as a participation-import CSV plus who
/// asked and when, written under `<state>/exports/` (or where asked), recorded with the changes it carried,
/// and mailed to the SIS operators (`sis_export.to`). The files are written first and the store records the
/// export after, so a crash in between only means the next export carries the same rows again.
public struct SISExporter: Sendable {
    let config: RosterMailConfig
    let store: RosterDatabase
    let paths: RuntimePaths
    let logger: Logger

    public init(config: RosterMailConfig, store: RosterDatabase, paths: RuntimePaths, logger: Logger) {
        self.config = config
        self.store = store
        self.paths = paths
        self.logger = logger
    }

    public struct Result: Sendable {
        public var exportID: Int64?
        public var week: ISOWeek
        public var rows = 0
        public var changes = 0
        /// The participation file and the requests file; nil when nothing was exported.
        public var files: (rows: String, requests: String)?
        public var emails = 0
    }

    /// Exports the applied changes not exported yet (with `again`, every applied change), or only those made in
    /// `week`. `out` names the participation file (the requests file is written beside it).
    public func export(
        week: ISOWeek? = nil, again: Bool = false, out: String? = nil, trigger: String, now: Date = Date()
    ) throws -> Result {
        let tz = config.timeZone
        let label = week ?? ISOWeek(containing: now, in: tz)
        let selection = try store.sisExportSelection(
            from: week.map { $0.monday.instant(hour: 0, minute: 0, in: tz) },
            to: week.map { $0.monday.adding(days: 7).instant(hour: 0, minute: 0, in: tz) }, again: again)
        var result = Result(week: label)
        guard !selection.requests.isEmpty else {
            if trigger == "schedule" {
                // The week's export ran, with nothing in it: later changes wait for next week's.
                try store.recordSISExport(
                    selection, week: label, trigger: trigger, again: again, file: "", sha256: "", emails: { _ in [] },
                    now: now)
            }
            return result
        }
        let rowsCSV = SISExportComposer.csv(
            header: SISExportComposer.participationHeader,
            rows: selection.rows.map {
                [$0.studentNumber, $0.schoolNumber, $0.programCode, $0.startDate, $0.endDate ?? ""]
            })
        let requestsCSV = SISExportComposer.csv(
            header: SISExportComposer.requestsHeader,
            rows: selection.requests.map {
                [
                    $0.studentNumber, $0.schoolNumber, $0.programCode, $0.action, $0.effective, $0.requestedBy,
                    $0.requestedAt, $0.source,
                ]
            })
        let stamp = ISO8601DateFormatter().string(from: now).filter { $0 != "-" && $0 != ":" }
        let names = SISExportComposer.fileNames(week: label, stamp: stamp)
        let rowsPath: String
        if let out {
            rowsPath = out
        } else {
            // Beside the store: `<state>/exports/`.
            let dir = ((paths.state(config.storeFile) as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent("exports")
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            rowsPath = (dir as NSString).appendingPathComponent(names.rows)
        }
        let requestsPath =
            rowsPath.hasSuffix(".csv")
            ? String(rowsPath.dropLast(4)) + "-requests.csv" : rowsPath + "-requests.csv"
        do {
            try Data(rowsCSV).write(to: URL(fileURLWithPath: rowsPath), options: .atomic)
            try Data(requestsCSV).write(to: URL(fileURLWithPath: requestsPath), options: .atomic)
        } catch {
            throw StoreError(
                .unreadableInput, location: rowsPath,
                "cannot write the SIS export: \(error.localizedDescription); check the directory and its permissions")
        }
        let composer = SISExportComposer(district: config.district, timeZone: tz)
        let to = config.sisExport.to
        var emails = 0
        // The files are removed again when the store does not record the export.
        func recordExport() throws -> Int64 {
            try store.recordSISExport(
                selection, week: label, trigger: trigger, again: again, file: rowsPath,
                sha256: SHA256Digest.hex(rowsCSV),
                emails: { id in
                    let composed = try composer.compose(
                        week: label, exportID: id,
                        names: ((rowsPath as NSString).lastPathComponent, (requestsPath as NSString).lastPathComponent),
                        rows: selection.rows.count, changes: selection.requests.count, files: (rowsCSV, requestsCSV),
                        to: to, now: now)
                    emails = composed.count
                    return composed
                }, now: now)
        }
        let id: Int64
        do {
            id = try recordExport()
        } catch {
            try? FileManager.default.removeItem(atPath: rowsPath)
            try? FileManager.default.removeItem(atPath: requestsPath)
            throw error
        }
        result.exportID = id
        result.rows = selection.rows.count
        result.changes = selection.requests.count
        result.files = (rowsPath, requestsPath)
        result.emails = emails
        logger.info(
            "SIS export written",
            metadata: [
                "sis.export": "\(id)", "roster.week": "\(label)", "sis.rows": "\(result.rows)",
                "sis.changes": "\(result.changes)", "mail.queued": "\(emails)",
            ])
        return result
    }

    /// The scheduled export, once a week at `sis_export.weekday`/`time`: runs when that moment of the current
    /// week has passed and this week's scheduled export has not run.
    public func runIfDue(now: Date = Date()) throws -> Result? {
        let week = ISOWeek(containing: now, in: config.timeZone)
        guard now >= config.sisExport.due(in: week, timeZone: config.timeZone),
            try !store.hasScheduledSISExport(week: week)
        else { return nil }
        return try export(trigger: "schedule", now: now)
    }

    /// Tells the admin, once per change, about exported changes the SIS contradicts or still lacks after two
    /// participation imports. Returns how many emails were queued.
    @discardableResult
    public func alertOutstanding(now: Date = Date()) throws -> Int {
        let fresh = try store.sisOutstanding().filter { !$0.alerted }
        guard !fresh.isEmpty else { return 0 }
        let email = try SISAlertComposer(district: config.district, timeZone: config.timeZone).compose(
            lines: fresh.map(\.line), to: config.adminAddress, key: fresh.map { String($0.participationID) }, now: now)
        let queued = try store.enqueue([email], kind: "sis-alert", now: now)
        try store.markSISAlerted(fresh.map(\.participationID))
        return queued
    }
}
