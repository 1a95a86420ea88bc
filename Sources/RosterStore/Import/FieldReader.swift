/// The fields of one data row of a OneRoster table, read by column position. The positions are resolved
/// once from the header: looking a column up by name on every row cost more than parsing the CSV itself.
/// A `nil` column (absent from the header) reads as "".
struct FieldReader {
    let record: CSVRecord
    /// Set when a field read was not valid UTF-8: the row is then reported once, as before.
    private(set) var badUTF8 = false

    init(_ record: CSVRecord) { self.record = record }

    /// The 1-based line the row starts on.
    var line: Int { record.line }

    /// The field's text without leading and trailing spaces and tabs.
    mutating func callAsFunction(_ column: Int?) -> String {
        guard let column else { return "" }
        guard let text = record.trimmed(column) else {
            badUTF8 = true
            return ""
        }
        return text
    }

    /// Whether the trimmed field is `expected` (lower-case ASCII) ignoring ASCII case. Compared on the
    /// bytes, without making a `String`; a field with non-ASCII bytes is still checked for valid UTF-8.
    mutating func equals(_ column: Int?, ignoringCase expected: StaticString) -> Bool {
        guard let column else { return expected.utf8CodeUnitCount == 0 }
        if record.trimmedEquals(column, ignoringCase: expected) { return true }
        if !record.isASCII(column) { _ = self(column) }
        return false
    }
}
