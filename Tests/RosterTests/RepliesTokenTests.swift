import Foundation
import MailMessage
import Testing

@testable import Roster

@Suite("Replies: reply token")
struct RepliesTokenTests {
    let sites = ReplyToken.SiteIndex(ReplyFixture.directory)

    @Test func roundTrip() throws {
        for site in ReplyFixture.directory.sites {
            for kind in ReplyToken.Kind.allCases {
                let t = try ReplyToken.sign(
                    site: site.id, week: ReplyFixture.week, kind: kind, secret: ReplyFixture.key)
                let back = try ReplyToken.verify(t.text, keys: [ReplyFixture.key], sites: sites).get()
                #expect(back == t)
                #expect(back.siteID == site.id && back.week == ReplyFixture.week && back.kind == kind)
            }
        }
    }

    @Test func shapeIsSafeInALocalPart() throws {
        let t = ReplyFixture.token()
        #expect(t.text.count == 34)
        #expect(t.text.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "." })
        let address = t.replyAddress(ReplyFixture.district)
        #expect(address.split(separator: "@")[0].count <= 64)
        // The longest site id of the fixture still makes a valid address for MailMessage.
        _ = try MailAddress(address)
    }

    @Test func upperCasedTokenVerifies() throws {
        let t = ReplyFixture.token()
        #expect(try ReplyToken.verify(t.text.uppercased(), keys: [ReplyFixture.key], sites: sites).get() == t)
    }

    @Test func everySingleCharacterChangeIsRefused() {
        let text = ReplyFixture.token().text
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567.0189w")
        var refused = 0
        var total = 0
        for (i, ch) in text.enumerated() {
            for replacement in alphabet where replacement != ch {
                var chars = Array(text)
                chars[i] = replacement
                total += 1
                if case .failure = ReplyToken.verify(String(chars), keys: [ReplyFixture.key], sites: sites) {
                    refused += 1
                }
            }
        }
        #expect(refused == total)
    }

    @Test func wrongKeyIsBadMAC() {
        let t = ReplyFixture.token()
        let r = ReplyToken.verify(t.text, keys: [ReplyFixture.otherKey], sites: sites)
        #expect(r.error?.code == .badMAC)
    }

    @Test func retiredKeyStillVerifiesDuringRotation() throws {
        let t = ReplyFixture.token()
        #expect(
            try ReplyToken.verify(t.text, keys: [ReplyFixture.otherKey, ReplyFixture.key], sites: sites).get() == t)
    }

    @Test func tokenOfOneSiteCannotBeMovedToAnother() {
        let a = ReplyFixture.token(site: ReplyFixture.siteA)
        let b = ReplyFixture.token(site: ReplyFixture.siteB)
        // Site key of B with the MAC of A.
        let spliced = String(a.text.prefix(9)) + String(b.text.dropFirst(9).prefix(8)) + String(a.text.suffix(17))
        #expect(ReplyToken.verify(spliced, keys: [ReplyFixture.key], sites: sites).error?.code == .badMAC)
    }

    @Test(arguments: [
        "", "abc", "r2026w49.abcdefgh.abcdefghabcdefgh1", "r2026w60.abcdefgh.abcdefghabcdefgh",
        "r2026x49.abcdefgh.abcdefghabcdefgh", "r2026w49-abcdefgh-abcdefghabcdefgh",
        "r2026w49.abcdefg1.abcdefghabcdefgh",
        "readup-tutoring-101.2026w49",
    ])
    func malformed(_ text: String) {
        #expect(ReplyToken.verify(text, keys: [ReplyFixture.key], sites: sites).error?.code == .malformed)
    }

    @Test func unknownSiteKey() {
        let t = ReplyFixture.token()
        let other = ReplyToken.SiteIndex(siteIDs: ["somewhere-else-999"])
        #expect(ReplyToken.verify(t.text, keys: [ReplyFixture.key], sites: other).error?.code == .unknownSite)
    }

    @Test func unknownKindWithAValidMAC() {
        let site = ReplyFixture.siteA.id
        let week = ReplyFixture.week
        let mac = ReplyToken.mac(kind: "x", site: site, week: week, key: ReplyFixture.key)
        let text = "x\(week.compact).\(ReplyToken.siteKey(for: site)).\(mac)"
        #expect(ReplyToken.verify(text, keys: [ReplyFixture.key], sites: sites).error?.code == .unknownKind)
    }

    @Test func invalidSiteIDsAreRefused() {
        for id in ["", "a b", "a..b", ".a", "a+b", "ä"] {
            #expect(throws: ReplyTokenError.self) {
                try ReplyToken.sign(site: id, week: ReplyFixture.week, kind: .roster, secret: ReplyFixture.key)
            }
        }
    }

    @Test func secrets() throws {
        #expect(throws: ReplyTokenError.self) { try ReplyTokenKey(bytes: Array(repeating: 1, count: 31)) }
        let hex = String(repeating: "ab", count: 32)
        #expect(try ReplyTokenKey(text: hex + "\n") == ReplyTokenKey(bytes: Array(repeating: 0xAB, count: 32)))
        let b64 = Data(Array(repeating: UInt8(7), count: 40)).base64EncodedString()
        #expect(try ReplyTokenKey(text: b64).bytes.count == 40)
        #expect(throws: ReplyTokenError.self) { try ReplyTokenKey(text: "short") }
        #expect(!String(describing: ReplyFixture.key).contains("0, 1, 2"))
    }

    /// Week 49 of 2026 runs Mon Nov 30 – Sun Dec 6; replies are good until the end of week 51 (Sun Dec 20),
    /// midnight in the district's zone.
    @Test(arguments: [
        (2026, 12, 20, 23, 59, false), (2026, 12, 21, 0, 0, true), (2026, 11, 30, 7, 0, false),
        (2027, 1, 5, 9, 0, true),
    ])
    func expiry(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int, _ expired: Bool) {
        let now = CalendarDay(year: y, month: m, day: d)!.instant(hour: h, minute: min, in: ReplyFixture.timeZone)
        #expect(ReplyFixture.token().isExpired(now: now, timeZone: ReplyFixture.timeZone) == expired)
    }

    @Test func expiryIsConfigurable() {
        let t = ReplyFixture.token()
        let now = CalendarDay(year: 2026, month: 12, day: 8)!.instant(hour: 9, minute: 0, in: ReplyFixture.timeZone)
        #expect(t.isExpired(now: now, validWeeksAfter: 0, timeZone: ReplyFixture.timeZone))
        #expect(!t.isExpired(now: now, validWeeksAfter: 1, timeZone: ReplyFixture.timeZone))
    }

    @Test func findEverywhere() {
        let t = ReplyFixture.token()
        let d = ReplyFixture.district
        let msgID = t.messageID(recipient: "ana@brightfutures.example", domain: d.domain)
        let cases: [[String]] = [
            ["ROSTERS+\(t.text.uppercased())@Riverbend.Example"],
            ["\"Community Schools\" <rosters+\(t.text)@riverbend.example>, someone@else.example"],
            ["<\(msgID)>"],
            ["<a@b.example> <\(msgID)>"],
            ["Re: After School Club roster \(t.subjectTag)"],
            ["mailto:rosters+\(t.text)@riverbend.example"],
        ]
        for values in cases {
            #expect(ReplyToken.find(in: values, localPart: d.replyLocalPart, domain: d.domain) == [t.text], "\(values)")
        }
    }

    @Test func findIgnoresOtherDomainsAndKeepsPriority() {
        let t = ReplyFixture.token()
        let u = ReplyFixture.token(site: ReplyFixture.siteB)
        let d = ReplyFixture.district
        let found = ReplyToken.find(
            in: ["rosters+\(t.text)@evil.example", "rosters+\(u.text)@riverbend.example", "x \(t.subjectTag)"],
            localPart: d.replyLocalPart, domain: d.domain)
        #expect(found == [u.text, t.text])
    }
}

extension Result {
    var error: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
