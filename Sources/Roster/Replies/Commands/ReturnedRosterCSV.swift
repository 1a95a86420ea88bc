import Foundation

/// The `roster.csv` attachment sent back with the `action` column filled: one item per row whose action is
/// not blank. Tolerates what spreadsheet programs do on re-save: a UTF-8 BOM or none, UTF-16 with a BOM,
/// Windows-1252 when the bytes are not UTF-8, `;` or tab separators, CRLF or LF, quoted fields, a `'`
/// before numbers, `123456.0`. Columns are found by header name (`student_number`, `first_name`,
/// `last_name`, `grade`, `action`; any case, spaces or underscores), so reordered columns still work.
public enum ReturnedRosterCSV {
    /// The items of a returned roster file, or `nil` when `bytes` is not one (no `action` column, or no
    /// student number or name columns): the caller then treats it as an ordinary attachment.
    public static func items(_ bytes: [UInt8], filename: String = "roster.csv") -> [ReplyItem]? {
        let text = decode(bytes)
        let separator = detectSeparator(text)
        let rows = parseRows(text, separator: separator)
        guard let header = rows.first else { return nil }
        let columns = header.map(normalizedHeader)
        func column(_ names: String...) -> Int? { columns.firstIndex { names.contains($0) } }
        guard let action = column("action", "accion"),
            let number = column("studentnumber", "student", "studentid", "numero", "numerodeestudiante")
        else { return nil }
        let first = column("firstname", "givenname", "nombre")
        let last = column("lastname", "familyname", "apellido", "apellidos")
        let grade = column("grade", "grado")

        var items: [ReplyItem] = []
        for (index, row) in rows.dropFirst().enumerated() {
            func cell(_ i: Int?) -> String {
                guard let i, i < row.count else { return "" }
                return trimmingWhitespace(row[i])
            }
            let actionText = cell(action)
            if actionText.isEmpty { continue }
            let source = ReplyItem.Source.csv(filename: filename, row: index + 1)
            let shown = row.map(trimmingWhitespace).joined(separator: ", ")
            let folded = TextFolding.fold(actionText).trimmingCharacters(in: CharacterSet(charactersIn: " .!"))
            guard let act = ReplyVocabulary.actions[folded] else {
                items.append(ReplyItem(source: source, text: shown, outcome: .notUnderstood(.unknownAction)))
                continue
            }
            let nameWords = (cell(first) + " " + cell(last)).split(whereSeparator: \.isWhitespace).map(String.init)
            let name = nameWords.isEmpty ? nil : WrittenName(words: nameWords)
            let g = GradeWords.grade(TextFolding.fold(cell(grade)))
            let numberText = cleanNumber(cell(number))
            let outcome: ReplyItem.Outcome
            if let numberText {
                outcome = .commands([ReplyCommand(action: act, studentNumber: numberText, name: name, grade: g)])
            } else if cell(number).isEmpty, let name, name.words.count >= 2 {
                outcome = .commands([ReplyCommand(action: act, name: name, grade: g)])
            } else {
                outcome = .notUnderstood(cell(number).isEmpty ? .missingStudent : .unreadable)
            }
            items.append(ReplyItem(source: source, text: shown, outcome: outcome))
        }
        return items
    }

    /// `cell.trimmingCharacters(in: .whitespaces)`, without calling Foundation for the usual cell whose
    /// first and last bytes are ASCII and not blank (Foundation would return it unchanged).
    static func trimmingWhitespace(_ cell: String) -> String {
        let utf8 = cell.utf8
        guard let first = utf8.first, let last = utf8.last else { return cell }
        func keeps(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && b != 0x09 }
        if keeps(first) && keeps(last) { return cell }
        return cell.trimmingCharacters(in: .whitespaces)
    }

    /// `123456`, `'123456`, `123456.0`, ` 123 456 ` → digits; anything else `nil`.
    static func cleanNumber(_ cell: String) -> String? {
        var s = Substring(cell.filter { $0 != " " && $0 != "\u{00A0}" })
        if s.first == "'" { s = s.dropFirst() }
        if s.hasSuffix(".0") { s = s.dropLast(2) }
        guard !s.isEmpty, s.allSatisfy(\.isASCIIDigit) else { return nil }
        return String(s)
    }

    static func normalizedHeader(_ cell: String) -> String {
        TextFolding.fold(cell).filter { $0.isLetter || $0.isNumber }
    }

    /// Text of the file: UTF-16 by its BOM, UTF-8 (BOM optional) when valid, else Windows-1252.
    static func decode(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                units.append(
                    little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
                )
                i += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let utf8 = String(validating: body, as: UTF8.self) { return utf8 }
        var scalars = String.UnicodeScalarView()
        for b in body {
            if (0x80...0x9F).contains(b), let s = Unicode.Scalar(windows1252High[Int(b - 0x80)]) {
                scalars.append(s)
            } else {
                scalars.append(Unicode.Scalar(b))
            }
        }
        return String(scalars)
    }

    /// Windows-1252 0x80–0x9F (undefined bytes kept as their C1 code point, like Latin-1).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The separator of the header line: the most frequent of `,`, `;`, tab outside quotes.
    static func detectSeparator(_ text: String) -> Character {
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for ch in text {
            if ch == "\"" { quoted.toggle() }
            if !quoted && (ch == "\n" || ch == "\r\n" || ch == "\r") { break }
            if !quoted, counts[ch] != nil { counts[ch]! += 1 }
        }
        let best = counts.max { ($0.value, $0.key == "," ? 1 : 0) < ($1.value, $1.key == "," ? 1 : 0) }!
        return best.value > 0 ? best.key : ","
    }

    /// RFC 4180 rows: quoted fields with `""`, line breaks inside quotes, CRLF or LF; blank lines skipped.
    static func parseRows(_ text: String, separator: Character) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        func endRow() {
            row.append(field)
            field = ""
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }
        for ch in text {
            if quoted {
                if ch == "\"" {
                    quoted = false
                    afterQuote = true
                } else {
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case "\"":
                if afterQuote { field.append("\"") }  // "" inside a quoted field
                quoted = true
                afterQuote = false
            case separator:
                row.append(field)
                field = ""
                afterQuote = false
            case "\n", "\r\n", "\r":
                endRow()
                afterQuote = false
            default:
                field.append(ch)
                afterQuote = false
            }
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }
}
