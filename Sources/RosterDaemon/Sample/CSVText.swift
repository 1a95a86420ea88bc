import Foundation

/// Builds RFC 4180 CSV (CRLF rows, quotes only where needed) in one byte buffer.
struct CSVText {
    var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func row(_ cells: [String]) {
        for (i, c) in cells.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            if c.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                bytes.append(UInt8(ascii: "\""))
                for b in c.utf8 {
                    if b == UInt8(ascii: "\"") { bytes.append(b) }
                    bytes.append(b)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: c.utf8)
            }
        }
        bytes.append(13)
        bytes.append(10)
    }

    func write(to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
