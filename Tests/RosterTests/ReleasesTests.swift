import Foundation
import Testing

@testable import Roster

@Suite("Releases: consent in the guardian's own words")
struct ConsentReaderTests {
    func read(_ text: String) -> ConsentReader.Answer {
        ConsentReader.read(text, guardianGiven: "María José", guardianFamily: "Núñez")
    }

    @Test(arguments: [
        "I AGREE\nMaria Jose Nunez", "i agree - María José Núñez", "I agree.\n\nNúñez, María José",
        "ACEPTO\nMARÍA JOSÉ NÚÑEZ", "Yo acepto\nMaria Jose Nunez\nEnviado desde mi teléfono",
        "- I AGREE\n- María José Núñez",
    ])
    func signs(_ text: String) {
        #expect(read(text) == .agree(typedName: "maria jose nunez"), "\(text)")
    }

    @Test func consentWithoutTheNameOnFileIsForReview() {
        #expect(read("I AGREE\nMaria Nunez") == .agreeNameMismatch(typed: "Maria Nunez"))
        #expect(read("I AGREE") == .agreeNameMismatch(typed: nil))
        #expect(read("I AGREE\nJohn Smith") == .agreeNameMismatch(typed: "John Smith"))
    }

    @Test func declineRevokeConflictAndNothing() {
        #expect(read("I DECLINE") == .decline)
        #expect(read("No acepto") == .decline)
        #expect(read("I do not agree.") == .decline)
        #expect(read("REVOKE") == .revoke(studentNumber: nil))
        #expect(read("Revocar 1000123 por favor") == .revoke(studentNumber: "1000123"))
        #expect(read("I AGREE\nMaría José Núñez\nI DECLINE") == .conflicting)
        #expect(read("Thanks, I will think about it") == .none)
        #expect(read("") == .none)
        // "agree" in a sentence is not the consent line.
        #expect(read("We all agree this program is great") == .none)
    }
}

@Suite("Releases: tokens")
struct ReleaseTokenTests {
    let key = try! ReplyTokenKey(text: String(repeating: "cd", count: 32))
    let request = ReleaseToken.Request(id: 42, guardianID: "g-7", partnerID: "readup", cycle: "2026-2027", round: 1)

    @Test func signsVerifiesAndFinds() throws {
        let t = ReleaseToken.sign(request, secret: key)
        #expect(t.text.hasPrefix("g42."))
        let parsed = try #require(ReleaseToken.parse(t.text.uppercased()))
        #expect(parsed.verifies(for: request, keys: [key]))
        // Moved to another guardian, partner, cycle or round, or another key: refused.
        for other in [
            ReleaseToken.Request(id: 42, guardianID: "g-8", partnerID: "readup", cycle: "2026-2027", round: 1),
            ReleaseToken.Request(id: 42, guardianID: "g-7", partnerID: "codeclub", cycle: "2026-2027", round: 1),
            ReleaseToken.Request(id: 42, guardianID: "g-7", partnerID: "readup", cycle: "2027-2028", round: 1),
            ReleaseToken.Request(id: 42, guardianID: "g-7", partnerID: "readup", cycle: "2026-2027", round: 2),
            ReleaseToken.Request(id: 43, guardianID: "g-7", partnerID: "readup", cycle: "2026-2027", round: 1),
        ] {
            #expect(!parsed.verifies(for: other, keys: [key]))
        }
        #expect(!parsed.verifies(for: request, keys: [try ReplyTokenKey(text: String(repeating: "ef", count: 32))]))
        // Found in the reply address and in our Message-ID, at our domain only.
        let address = t.replyAddress(domain: "riverbend.example")
        #expect(ReleaseToken.find(in: ["Parent <\(address)>"], domain: "riverbend.example") == [parsed])
        let id = t.messageID(recipient: "p@x.example", domain: "riverbend.example")
        #expect(ReleaseToken.find(in: ["<\(id)>"], domain: "riverbend.example") == [parsed])
        #expect(ReleaseToken.find(in: ["<\(id)>", address], domain: "evil.example").isEmpty)
        #expect(ReleaseToken.parse("g0.aaaaaaaaaaaaaaaa") == nil)
        #expect(ReleaseToken.parse("r2026w49.k3mq7zta.ab3d5fgh2jk4mn6p") == nil)
    }
}
