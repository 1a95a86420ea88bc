import Testing

@testable import MailMessage

@Suite("Parser and trimmer on random and mutated input: no crash, limits hold")
struct ParserRandomInputTests {
    /// Bytes that matter to the grammars, so mutations hit the interesting paths.
    static let alphabet: [UInt8] = Array("\r\n\t :;=?\"<>-_@()*#>bBqQ0123456789abcdefxyz".utf8) + [0, 0x80, 0xC3, 0xFF]

    @Test(arguments: 0..<4)
    func randomBytes(seed: Int) {
        var rng = ParserFixtures.SplitMix(state: UInt64(seed))
        for _ in 0..<300 {
            let count = Int.random(in: 0..<2000, using: &rng)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &rng)
                    ? Self.alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            exercise(bytes)
        }
    }

    @Test(arguments: 0..<4)
    func mutatedMessages(seed: Int) {
        var rng = ParserFixtures.SplitMix(state: UInt64(1000 + seed))
        let base = ParserFixtures.crlf(ParserFixtures.multipartReply)
        for _ in 0..<300 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...20, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = Self.alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                default: bytes.insert(contentsOf: bytes[i..<min(bytes.count, i + 40)], at: i)
                }
            }
            exercise(bytes)
        }
    }

    private func exercise(_ bytes: [UInt8]) {
        let limits = ParseLimits(maxNestingDepth: 5, maxPartCount: 30, maxHeaderCount: 50, maxHeaderBytes: 4096)
        do {
            let message = try MessageParser.parse(bytes, limits: limits)
            #expect(message.parts.count <= limits.maxPartCount)
            _ = InspectReport(message).json()
        } catch {
            #expect(limits.value(of: error.limit) == error.allowed)
        }
        _ = ReplyTrimmer.ownText(String(decoding: bytes, as: UTF8.self))
        _ = HTMLText.text(fromHTML: String(decoding: bytes, as: UTF8.self))
    }
}
