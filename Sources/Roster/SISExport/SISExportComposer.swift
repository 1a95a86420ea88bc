import Foundation
import MailMessage

/// The weekly SIS export's two files and the email that carries them to the SIS operators. No student names:
/// student numbers are what the SIS imports.
public struct SISExportComposer: Sendable {
    public let district: DistrictIdentity
    public let timeZone: TimeZone

    public init(district: DistrictIdentity, timeZone: TimeZone) {
        self.district = district
        self.timeZone = timeZone
    }

    /// The participation import's columns, in its order.
    public static let participationHeader = [
        "student_number", "school_number", "program_code", "start_date", "end_date",
    ]
    public static let requestsHeader = [
        "student_number", "school_number", "program_code", "action", "effective_date", "requested_by",
        "requested_at", "source",
    ]

    /// A CSV (no byte-order mark, CRLF rows, RFC 4180 quoting) of `rows` under `header`.
    public static func csv(header: [String], rows: [[String]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + rows.count * 48)
        RosterCSV.appendRow(header, to: &out)
        for row in rows { RosterCSV.appendRow(row, to: &out) }
        return out
    }

    /// The file names of an export made at `stamp` (`20261204T150000Z`):
    /// `participation-changes-2026-W49-20261204T150000Z.csv` and `…-requests.csv`.
    public static func fileNames(week: ISOWeek, stamp: String) -> (rows: String, requests: String) {
        let base = "participation-changes-\(week)-\(stamp)"
        return (base + ".csv", base + "-requests.csv")
    }

    /// One email per operator with both files.
    public func compose(
        week: ISOWeek, exportID: Int64, names: (rows: String, requests: String), rows: Int, changes: Int,
        files: (rows: [UInt8], requests: [UInt8]), to: [String], now: Date
    ) throws -> [ComposedEmail] {
        let text = """
            The roster changes partners made by email, ready for the SIS (export \(exportID), \(week)):

              \(names.rows): \(rows) participation row(s), in the layout of the program participation
                export (student_number, school_number, program_code, start_date, end_date). A row
                without an end_date starts that participation; a row with one ends it on that day.
              \(names.requests): the \(changes) change(s) behind them: who asked, when, and how.

            Load the first file with the SIS's program participation import. The next participation export
            RosterMail imports confirms each row; a row still missing after two imports, or one the SIS
            contradicts, is shown to the school's Community School Coordinator and to the RosterMail admin.

            \(district.communitySchools.name)
            """
        return try to.map { address in
            let id = "sis-export.\(exportID).\(StableHash.hex(address.lowercased()))@\(district.domain)"
            var message = OutgoingMessage(
                from: try MailAddress(
                    district.communitySchools.email, displayName: district.communitySchools.name, field: "From"),
                to: [try MailAddress(address, field: "To")],
                subject: "RosterMail: participation changes for the SIS, \(week) (\(rows) rows)", date: now,
                timeZone: timeZone, messageID: id,
                body: .multipart(
                    "mixed",
                    [
                        .text(text), .attachment(files.rows, contentType: "text/csv", filename: names.rows),
                        .attachment(files.requests, contentType: "text/csv", filename: names.requests),
                    ]))
            message.extraHeaders = [("Auto-Submitted", "auto-generated"), ("X-RosterMail-Kind", "sis-export")]
            return ComposedEmail(
                siteID: "sis-export-\(exportID)", week: week, recipient: address, messageID: id,
                bytes: try MessageWriter.render(message, seed: id))
        }
    }
}
