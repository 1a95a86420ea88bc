import Foundation
import Testing

@testable import Roster

@Suite("Replies: authorization and automatic mail")
struct RepliesAuthorizationTests {
    static let now = CalendarDay(year: 2026, month: 12, day: 2)!.instant(hour: 10, minute: 0, in: ReplyFixture.timeZone)

    func auth(requireDMARC: Bool = true) -> ReplyAuthorization {
        ReplyAuthorization(
            district: ReplyFixture.district, directory: ReplyFixture.directory, keys: [ReplyFixture.key],
            policy: .init(requireDMARC: requireDMARC, authservID: "mx.riverbend.example"),
            timeZone: ReplyFixture.timeZone)
    }

    static func headers(
        from: String = "Ana Ruiz <ana@brightfutures.example>", token: ReplyToken? = ReplyFixture.token(),
        messageID: String? = "<CAF1234@mail.gmail.com>",
        ar: String? =
            "mx.riverbend.example; dkim=pass header.d=brightfutures.example; dmarc=pass (p=none) header.from=brightfutures.example",
        extra: [(String, String)] = []
    ) -> [(name: String, value: String)] {
        var h: [(name: String, value: String)] = []
        if let ar { h.append(("Authentication-Results", ar)) }
        h.append(("From", from))
        if let token { h.append(("To", "Riverbend Community Schools <rosters+\(token.text)@riverbend.example>")) }
        h.append(("Subject", "Re: After School Club roster"))
        if let messageID { h.append(("Message-ID", messageID)) }
        for (n, v) in extra { h.append((n, v)) }
        return h
    }

    func decide(
        _ h: [(name: String, value: String)], processed: Set<String> = [], dmarc: Bool = true,
        envelopeSender: String? = "ana@brightfutures.example", recipient: String? = nil, now: Date = Self.now
    ) -> ReplyDecision {
        auth(requireDMARC: dmarc).decide(
            headers: ReplyHeaders(h), envelopeSender: envelopeSender, envelopeRecipient: recipient,
            processedMessageIDs: processed, now: now)
    }

    func reason(_ d: ReplyDecision) -> QuarantineReason? {
        if case .quarantine(let q) = d { return q.reason }
        return nil
    }

    @Test func acceptsAContact() {
        guard case .accept(let a) = decide(Self.headers()) else {
            Issue.record("not accepted")
            return
        }
        #expect(a.site == ReplyFixture.siteA && a.role == .contact && a.sender == ReplyFixture.ana)
        #expect(a.messageID == "CAF1234@mail.gmail.com" && a.token.week == ReplyFixture.week)
    }

    @Test func acceptsTheCSCAndCaseDifferences() {
        guard
            case .accept(let a) = decide(
                Self.headers(
                    from: "CSC.101@Riverbend.Example",
                    ar: "mx.riverbend.example; dmarc=pass header.from=riverbend.example"))
        else {
            Issue.record("not accepted")
            return
        }
        #expect(a.role == .coordinator)
    }

    @Test func tokenFoundOnlyInReferencesOrSubjectOrEnvelope() {
        let t = ReplyFixture.token()
        let id = t.messageID(recipient: "ana@brightfutures.example", domain: "riverbend.example")
        for extra in [
            [("References", "<x@y> <\(id)>")], [("In-Reply-To", "<\(id)>")],
            [("Subject", "Re: roster \(t.subjectTag)")],
        ] {
            var h = Self.headers(token: nil, extra: extra)
            h.removeAll { $0.name == "Subject" && extra[0].0 != "Subject" }
            if case .accept = decide(h) {} else { Issue.record("\(extra) not accepted") }
        }
        if case .accept = decide(Self.headers(token: nil), recipient: "rosters+\(t.text)@riverbend.example") {
        } else {
            Issue.record("envelope recipient not used")
        }
    }

    @Test func missingMessageID() { #expect(reason(decide(Self.headers(messageID: nil))) == .missingMessageID) }

    @Test func replayedMessageID() {
        #expect(
            reason(decide(Self.headers(), processed: ["CAF1234@mail.gmail.com"]))
                == .replayedMessageID("CAF1234@mail.gmail.com"))
    }

    @Test func missingToken() { #expect(reason(decide(Self.headers(token: nil))) == .missingToken) }

    @Test func forgedToken() {
        var h = Self.headers(token: nil)
        let t = ReplyFixture.token().text
        let forged = String(t.dropLast()) + (t.last == "a" ? "b" : "a")
        h.append(("Cc", "rosters+\(forged)@riverbend.example"))
        #expect(reason(decide(h)) == .forgedToken(.badMAC))
        h[h.count - 1] = ("Cc", "rosters+bright-futures-after-school-club-101.2026w49@riverbend.example")
        #expect(reason(decide(h)) == .forgedToken(.malformed))
    }

    @Test func tokenSignedWithAnotherSecretIsForged() {
        let t = try! ReplyToken.sign(
            site: ReplyFixture.siteA.id, week: ReplyFixture.week, kind: .roster, secret: ReplyFixture.otherKey)
        #expect(reason(decide(Self.headers(token: t))) == .forgedToken(.badMAC))
    }

    @Test func expiredToken() {
        let old = ReplyFixture.token(week: ISOWeek(year: 2026, week: 45)!)
        #expect(
            reason(decide(Self.headers(token: old)))
                == .expiredToken(week: ISOWeek(year: 2026, week: 45)!, siteID: ReplyFixture.siteA.id))
    }

    @Test func unknownSite() {
        let t = try! ReplyToken.sign(
            site: "gone-program-101", week: ReplyFixture.week, kind: .roster, secret: ReplyFixture.key)
        #expect(reason(decide(Self.headers(token: t))) == .unknownSite)
    }

    @Test func tokenOfAnotherSite() {
        // Rob is a contact of site B only; he replies with site A's token.
        #expect(
            reason(
                decide(
                    Self.headers(
                        from: "rob@readup.example",
                        ar: "mx.riverbend.example; dmarc=pass header.from=readup.example")))
                == .tokenForAnotherSite(senderSites: [ReplyFixture.siteB.id]))
        // The CSC of school 102 with a token of a site at school 101.
        #expect(
            reason(decide(Self.headers(from: "csc.102@riverbend.example")))
                == .tokenForAnotherSite(senderSites: [ReplyFixture.siteC.id]))
    }

    @Test func senderNotAContact() {
        #expect(reason(decide(Self.headers(from: "Mallory <mallory@evil.example>"))) == .senderNotAContact)
        #expect(reason(decide(Self.headers(from: "a@x.example, b@y.example"))) == .severalSenders(2))
        #expect(reason(decide(Self.headers(from: "undisclosed"))) == .missingSender)
    }

    @Test func dmarcRequired() {
        #expect(reason(decide(Self.headers(ar: nil))) == .dmarcNotPass(nil))
        #expect(
            reason(decide(Self.headers(ar: "mx.riverbend.example; dmarc=fail header.from=brightfutures.example")))
                == .dmarcFail("brightfutures.example"))
        // A pass from anyone else's authserv-id is not trusted.
        #expect(
            reason(decide(Self.headers(ar: "mx.evil.example; dmarc=pass header.from=brightfutures.example")))
                == .dmarcNotPass(nil))
        // A forged pass below our MTA's own field is ignored: only the topmost field of ours counts.
        let h = Self.headers(
            ar: "mx.riverbend.example 1; spf=fail; dmarc = fail header.from=brightfutures.example",
            extra: [("Authentication-Results", "mx.riverbend.example; dmarc=pass header.from=brightfutures.example")])
        #expect(reason(decide(h)) == .dmarcFail("brightfutures.example"))
        #expect(
            reason(decide(Self.headers(ar: "mx.riverbend.example; dmarc=pass header.from=evil.example")))
                == .dmarcDomainMismatch("evil.example"))
        if case .accept = decide(Self.headers(ar: nil), dmarc: false) {
        } else {
            Issue.record("policy off still refused")
        }
    }

    @Test("a dmarc=fail from our MTA is quarantined even with require_dmarc off; a missing verdict is then accepted")
    func dmarcFailWithoutPolicy() {
        // The attack of issue 9: a valid token, From the contact, sent from elsewhere; our MTA says fail.
        let fail = Self.headers(
            ar: "mx.riverbend.example; spf=fail; dmarc=fail (p=none) header.from=brightfutures.example")
        #expect(reason(decide(fail, dmarc: false)) == .dmarcFail("brightfutures.example"))
        // Without header.from, a failure is still a failure.
        #expect(reason(decide(Self.headers(ar: "mx.riverbend.example; dmarc=fail"), dmarc: false)) == .dmarcFail(nil))
        // A fail written by someone else (another authserv-id) proves nothing either way: accepted with the policy off.
        for accepted in [
            Self.headers(ar: nil), Self.headers(ar: "mx.evil.example; dmarc=fail header.from=brightfutures.example"),
            Self.headers(ar: "mx.riverbend.example; dmarc=none header.from=brightfutures.example"),
        ] {
            if case .accept = decide(accepted, dmarc: false) {
            } else {
                Issue.record("refused with the policy off: \(decide(accepted, dmarc: false))")
            }
        }
        #expect(
            QuarantineReason.dmarcFail("brightfutures.example").description.contains(
                "dmarc=fail for brightfutures.example"))
    }

    @Test func authenticationResultsParsing() {
        let v = AuthenticationResults.dmarc(
            in: [
                "MX.Riverbend.Example (postfix); dkim=pass (2048-bit key; unprotected) header.d=a.example;\r\n dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=\"a.example\""
            ],
            authservID: "mx.riverbend.example")
        #expect(v == .init(result: "pass", headerFrom: "a.example"))
    }

    @Test(
        arguments: [
            ([("Auto-Submitted", "auto-replied")], true),
            ([("Auto-Submitted", "auto-generated; type=vacation")], true),
            ([("Auto-Submitted", "no")], false),
            ([("Precedence", "bulk")], true),
            ([("Precedence", "junk")], true),
            ([("Precedence", "list")], true),
            ([("Precedence", "first-class")], false),
            ([("List-Id", "<staff.brightfutures.example>")], true),
            ([("List-Unsubscribe", "<mailto:x@y>")], true),
            ([("X-Autoreply", "yes")], true),
            ([("X-Autorespond", "Out of office")], true),
            ([("X-Auto-Response-Suppress", "All")], true),
            ([("X-Auto-Response-Suppress", "DR, OOF, AutoReply")], true),
            ([("X-Auto-Response-Suppress", "DR, RN")], false),
            ([("Return-Path", "<>")], true),
            ([("Content-Type", "multipart/report; report-type=delivery-status")], true),
            ([("From", "MAILER-DAEMON@mx.example")], true),
            ([("Subject", "Automatic reply: After School Club roster")], true),
            ([("Subject", "Respuesta automática: Lista")], true),
            ([("Subject", "Re: After School Club roster")], false),
        ] as [([(String, String)], Bool)])
    func automaticMail(_ extra: [(String, String)], _ automatic: Bool) {
        let h = ReplyHeaders(extra.map { (name: $0.0, value: $0.1) })
        #expect((AutoReplyDetector.detect(h, envelopeSender: "a@b.example") != nil) == automatic, "\(extra)")
    }

    @Test func automaticMailIsIgnoredBeforeAnyOtherCheck() {
        // Even from a contact with a valid token: nothing applied, nothing answered.
        let d = decide(Self.headers(extra: [("Auto-Submitted", "auto-replied")]))
        #expect(d == .ignore(.autoSubmitted("auto-replied")))
        #expect(decide(Self.headers(), envelopeSender: "") == .ignore(.emptyReturnPath))
    }
}
