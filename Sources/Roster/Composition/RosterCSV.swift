/// The `roster.csv` attachment: one row per student, with an empty `action` column partners may fill
/// with ADD or DROP and send back.
public enum RosterCSV {
    public static let header = [
        "student_number", "first_name", "last_name", "grade", "release_on_file", "change", "action",
    ]

    /// UTF-8 with a byte-order mark (so spreadsheet programs show accents), CRLF rows, RFC 4180 quoting.
    /// Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) are prefixed with `'`.
    public static func render(_ roster: WeeklyRoster) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(64 + roster.active.count * 64)
        appendRow(header, to: &out)
        for e in roster.active {
            appendRow(
                [
                    e.studentNumber, e.givenName, e.familyName, e.grade?.label ?? "", e.releaseOnFile ? "yes" : "no",
                    e.change.rawValue, "",
                ], to: &out)
        }
        return out
    }

    static func appendRow(_ cells: [String], to out: inout [UInt8]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendCell(cell, to: &out)
        }
        out.append(13)
        out.append(10)
    }

    static func appendCell(_ cell: String, to out: inout [UInt8]) {
        var utf8 = Array(cell.utf8)
        if let first = utf8.first,
            [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")]
                .contains(first)
        {
            utf8.insert(UInt8(ascii: "'"), at: 0)
        }
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for b in utf8 {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}
