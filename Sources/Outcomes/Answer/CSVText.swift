/// RFC 4180 CSV text: CRLF line ends, a field quoted when it holds a comma, a quote, a line break or leading
/// or trailing spaces.
public struct CSVText: Sendable {
    public private(set) var text = ""

    public init(header: [String]) { append(header) }

    public mutating func append(_ fields: [String]) {
        text += fields.map(Self.field).joined(separator: ",") + "\r\n"
    }

    public var bytes: [UInt8] { Array(text.utf8) }

    static func field(_ value: String) -> String {
        let special = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard special || value.first == " " || value.last == " " else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
