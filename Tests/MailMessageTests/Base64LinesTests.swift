import Foundation
import Testing

@testable import MailMessage

@Suite("Base64 attachment bodies")
struct Base64LinesTests {
    @Test("76-character CRLF lines that decode back", arguments: [0, 1, 2, 3, 56, 57, 58, 114, 1000, 5001])
    func lines(_ count: Int) throws {
        let data = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let encoded = Base64Lines.encode(data)
        #expect(TestSupport.onlyCRLF(encoded))
        var lines = TestSupport.lines(encoded)
        #expect(lines.removeLast().isEmpty, "ends with CRLF")
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(lines.allSatisfy { $0.count <= 76 && !$0.isEmpty })
        let decoded = try #require(Data(base64Encoded: Data(encoded), options: .ignoreUnknownCharacters))
        #expect(Array(decoded) == data)
        #expect(Array(encoded.filter { $0 != 0x0D && $0 != 0x0A }) == Array(Data(data).base64EncodedData()))
    }
}
