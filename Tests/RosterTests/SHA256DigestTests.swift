import Foundation
import Roster
import Testing

@Suite("SHA-256 through libcrypto")
struct SHA256DigestTests {
    @Test("hashing parts one by one gives the digest of their concatenation")
    func concatenating() {
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(SHA256Digest.hex(Array("abc".utf8)) == abc)
        #expect(SHA256Digest.hex(concatenating: [Data("ab".utf8), Data(), Data("c".utf8)]) == abc)
        let big = Data((0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        #expect(SHA256Digest.hex(concatenating: [big.prefix(12345), big.dropFirst(12345)]) == SHA256Digest.hex(big))
        #expect(SHA256Digest.hex(concatenating: []) == SHA256Digest.hex([UInt8]()))
    }
}
