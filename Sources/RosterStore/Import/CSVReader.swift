import Foundation

/// One CSV record: field byte ranges into the file's bytes, decoded only when asked for.
public struct CSVRecord {
    let bytes: UnsafeBufferPointer<UInt8>
    let fields: [CSVReader.Field]
    /// The 1-based line the record starts on.
    public let line: Int

    public var count: Int { fields.count }

    /// The field's text, or `nil` if it is not valid UTF-8. An index past the end reads as "".
    public subscript(_ i: Int) -> String? { field(i, trimmed: false) }

    /// The field's text without leading and trailing spaces and tabs (trimmed on the bytes: this is the
    /// import's hot path), or `nil` if it is not valid UTF-8.
    public func trimmed(_ i: Int) -> String? { field(i, trimmed: true) }

    /// ASCII case-insensitive comparison of the trimmed field with `expected` (lower-case ASCII), on the
    /// bytes: no `String` is made, which matters for flag columns read on every one of 500 000 rows.
    /// A quoted field takes the `String` path, whose trimming (Unicode whitespace) differs.
    func trimmedEquals(_ i: Int, ignoringCase expected: StaticString) -> Bool {
        guard i < fields.count else { return expected.utf8CodeUnitCount == 0 }
        let f = fields[i]
        if f.quoted {
            guard let text = field(i, trimmed: true) else { return false }
            return OneRosterParser.equalsIgnoringCase(text, expected)
        }
        var start = f.start, end = f.end
        while start < end && (bytes[start] == 32 || bytes[start] == 9) { start += 1 }
        while end > start && (bytes[end - 1] == 32 || bytes[end - 1] == 9) { end -= 1 }
        guard end - start == expected.utf8CodeUnitCount else { return false }
        let e = expected.utf8Start
        for k in 0..<(end - start) {
            let a = bytes[start + k], b = e[k]
            guard a == b || (a >= 65 && a <= 90 && a + 32 == b) else { return false }
        }
        return true
    }

    /// Whether every byte of the field is ASCII (so a failed byte comparison needs no UTF-8 check).
    func isASCII(_ i: Int) -> Bool {
        guard i < fields.count else { return true }
        let f = fields[i]
        for k in f.start..<f.end where bytes[k] >= 0x80 { return false }
        return true
    }

    func field(_ i: Int, trimmed: Bool) -> String? {
        guard i < fields.count else { return "" }
        let f = fields[i]
        var start = f.start, end = f.end
        if trimmed && !f.quoted {
            while start < end && (bytes[start] == 32 || bytes[start] == 9) { start += 1 }
            while end > start && (bytes[end - 1] == 32 || bytes[end - 1] == 9) { end -= 1 }
        }
        if start == end { return "" }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !f.quoted {
            // ASCII needs no validation, and `String(decoding:)` is specialized for this buffer type, where
            // `String(validating:)` goes through unspecialized generic code (a metadata lookup per field).
            if slice.allSatisfy({ $0 < 0x80 }) { return String(decoding: slice, as: UTF8.self) }
            return String(validating: slice, as: UTF8.self)
        }
        var unquoted = [UInt8]()
        unquoted.reserveCapacity(slice.count)
        var i = 0
        while i < slice.count {
            unquoted.append(slice[i])
            i += (slice[i] == UInt8(ascii: "\"") && i + 1 < slice.count && slice[i + 1] == UInt8(ascii: "\"")) ? 2 : 1
        }
        guard let text = String(validating: unquoted, as: UTF8.self) else { return nil }
        return trimmed ? text.trimmingCharacters(in: .whitespaces) : text
    }
}

/// A fast RFC 4180 reader over bytes (quoted fields, doubled quotes, CRLF or LF, a leading BOM).
/// Written by hand because the imports must stay well ahead of Python's C `csv` module on 500 000 rows,
/// which the character-based Swift CSV packages available here do not.
public enum CSVReader {
    struct Field {
        var start: Int
        var end: Int
        var quoted: Bool
    }

    /// Calls `body` for every record (blank lines skipped). Throws `StoreError.unreadableInput` naming
    /// `file:line` for an unterminated quoted field or text after a closing quote. `firstLine` is the line
    /// number of the first byte (a part of a file starting at ``recordStart(in:atOrAfter:)``).
    public static func forEachRecord(
        in data: Data, file: String, firstLine: Int = 1, _ body: (CSVRecord) throws -> Void
    ) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            let n = b.count
            var i = (firstLine == 1 && n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0
            var line = firstLine
            var fields: [Field] = []
            fields.reserveCapacity(32)
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 13, lf: UInt8 = 10
            while i < n {
                let recordLine = line
                fields.removeAll(keepingCapacity: true)
                // Parse one record.
                while true {
                    if i < n && b[i] == quote {
                        let start = i + 1
                        var j = start
                        var closed = false
                        while j < n {
                            if b[j] == quote {
                                if j + 1 < n && b[j + 1] == quote {
                                    j += 2
                                    continue
                                }
                                closed = true
                                break
                            }
                            if b[j] == lf { line += 1 }
                            j += 1
                        }
                        guard closed else {
                            throw StoreError(
                                .unreadableInput, location: "\(file):\(recordLine)",
                                "a quoted field is never closed; check for a stray \" in this row")
                        }
                        fields.append(Field(start: start, end: j, quoted: true))
                        i = j + 1
                        if i < n && b[i] != comma && b[i] != cr && b[i] != lf {
                            throw StoreError(
                                .unreadableInput, location: "\(file):\(line)",
                                "text after a closing quote; quote the whole field and double inner quotes")
                        }
                    } else {
                        let start = i
                        while i < n && b[i] != comma && b[i] != cr && b[i] != lf { i += 1 }
                        fields.append(Field(start: start, end: i, quoted: false))
                    }
                    if i < n && b[i] == comma {
                        i += 1
                        continue
                    }
                    break
                }
                if i < n && b[i] == cr { i += 1 }
                if i < n && b[i] == lf { i += 1 }
                line += 1
                let blank = fields.count == 1 && fields[0].start == fields[0].end && !fields[0].quoted
                if !blank {
                    try body(CSVRecord(bytes: b, fields: fields, line: recordLine))
                }
            }
        }
    }
}

extension CSVReader {
    /// The offset and line number of the first record that starts at or after byte `target`, found by
    /// stepping over records exactly as ``forEachRecord(in:file:firstLine:_:)`` does (fields only skipped), so
    /// that the file can be read in two parts on two threads. `nil` when there is none, or when the file
    /// has an error before it (the one-part read then reports it).
    static func recordStart(in data: Data, atOrAfter target: Int) -> (offset: Int, line: Int)? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (offset: Int, line: Int)? in
            let b = raw.bindMemory(to: UInt8.self)
            let n = b.count
            var i = (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0
            var line = 1
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 13, lf: UInt8 = 10
            while i < n {
                if i >= target { return (i, line) }
                while true {
                    if i < n && b[i] == quote {
                        var j = i + 1
                        var closed = false
                        while j < n {
                            if b[j] == quote {
                                if j + 1 < n && b[j + 1] == quote {
                                    j += 2
                                    continue
                                }
                                closed = true
                                break
                            }
                            if b[j] == lf { line += 1 }
                            j += 1
                        }
                        guard closed else { return nil }
                        i = j + 1
                        if i < n && b[i] != comma && b[i] != cr && b[i] != lf { return nil }
                    } else {
                        while i < n && b[i] != comma && b[i] != cr && b[i] != lf { i += 1 }
                    }
                    if i < n && b[i] == comma {
                        i += 1
                        continue
                    }
                    break
                }
                if i < n && b[i] == cr { i += 1 }
                if i < n && b[i] == lf { i += 1 }
                line += 1
            }
            return nil
        }
    }
}

/// A CSV file's header, mapping column names to indices.
public struct CSVHeader: Sendable {
    public let names: [String]
    let index: [String: Int]

    public init(_ record: CSVRecord) {
        names = (0..<record.count).map { (record[$0] ?? "").trimmingCharacters(in: .whitespaces) }
        var idx: [String: Int] = [:]
        for (i, n) in names.enumerated() where idx[n] == nil { idx[n] = i }
        index = idx
    }

    public func column(_ name: String) -> Int? { index[name] }
}
