import Foundation
import GRDB
import Roster
import Testing

@testable import RosterStore

@Suite("outbox state machine")
struct OutboxStateMachineTests {
    static let t0 = Date(timeIntervalSince1970: 1_796_000_000)
    static let giveUp = t0.addingTimeInterval(6 * 86_400)

    static func store(_ dir: TempDir, messages: Int = 3) throws -> RosterDatabase {
        let db = try Sample.store(in: dir)
        let week = ISOWeek("2026-W49")!
        let emails = (0..<messages).map {
            ComposedEmail(
                siteID: "readup-tut-101", week: week, recipient: "c\($0)@p.example", messageID: "m\($0)@d.example",
                bytes: [65])
        }
        try db.enqueue(emails, now: t0)
        return db
    }

    func state(_ db: RosterDatabase, _ id: Int64) throws -> (String, Int, String?, String?) {
        try db.read { db in
            let r = try Row.fetchOne(
                db, sql: "SELECT state, attempts, next_at, last_reply FROM outbox WHERE id = ?", arguments: [id])!
            return (r[0], r[1], r[2], r[3])
        }
    }

    @Test("claim commits sending with one more attempt; accepted → sent with the reply")
    func accepted() throws {
        let dir = TempDir()
        let db = try Self.store(dir)
        let m = try #require(try db.claimNextDue(now: Self.t0))
        #expect(try state(db, m.id).0 == "sending")
        #expect(try state(db, m.id).1 == 1)
        #expect(
            try db.recordResult(
                id: m.id, .accepted(reply: "250 2.0.0 Ok: queued as ABC"), giveUpAt: Self.giveUp, now: Self.t0) == .sent
        )
        #expect(try state(db, m.id).3 == "250 2.0.0 Ok: queued as ABC")
    }

    @Test("4xx → deferred with Postfix-style backoff; due again later; 5xx → failed")
    func temporaryAndPermanent() throws {
        let dir = TempDir()
        let db = try Self.store(dir)
        let a = try #require(try db.claimNextDue(now: Self.t0))
        #expect(
            try db.recordResult(
                id: a.id, .temporary(reply: "451 4.7.1 try later"), giveUpAt: Self.giveUp, now: Self.t0, random: 0)
                == .deferred)
        // Age 0 → the minimum delay, 5 minutes.
        let (_, _, next, reply) = try state(db, a.id)
        #expect(next == Timestamp.string(Self.t0.addingTimeInterval(300)))
        #expect(reply == "451 4.7.1 try later")
        let b = try #require(try db.claimNextDue(now: Self.t0))
        #expect(b.id != a.id)
        #expect(
            try db.recordResult(
                id: b.id, .permanent(reply: "550 5.1.1 no such user"), giveUpAt: Self.giveUp, now: Self.t0) == .failed)
        let c = try #require(try db.claimNextDue(now: Self.t0))
        _ = try db.recordResult(id: c.id, .accepted(reply: "250 ok"), giveUpAt: Self.giveUp, now: Self.t0)
        #expect(try db.claimNextDue(now: Self.t0.addingTimeInterval(299)) == nil)
        let again = try #require(try db.claimNextDue(now: Self.t0.addingTimeInterval(301)))
        #expect(again.id == a.id && again.attempts == 2)
    }

    @Test("backoff: delay is the message's age clamped to 5 min … 1 h, plus jitter")
    func backoff() {
        let p = RetryPolicy()
        #expect(p.delay(age: 10, random: 0) == 300)
        #expect(p.delay(age: 1200, random: 0) == 1200)
        #expect(p.delay(age: 86_400, random: 0) == 3600)
        #expect(p.delay(age: 86_400, random: 0.5) == 3780)
    }

    @Test("a retry that would fall after the give-up time fails the message instead")
    func giveUp() throws {
        let dir = TempDir()
        let db = try Self.store(dir, messages: 1)
        let m = try #require(try db.claimNextDue(now: Self.t0))
        let state = try db.recordResult(
            id: m.id, .temporary(reply: "421 busy"), giveUpAt: Self.t0.addingTimeInterval(60), now: Self.t0)
        #expect(state == .failed)
        #expect(try self.state(db, m.id).3?.hasPrefix("given up before the next mailing") == true)
    }

    @Test("unknown (timeout after DATA) is resent after the reconciliation delay under the same Message-ID")
    func unknown() throws {
        let dir = TempDir()
        let db = try Self.store(dir, messages: 1)
        let m = try #require(try db.claimNextDue(now: Self.t0))
        #expect(
            try db.recordResult(id: m.id, .unknown(detail: "timeout after DATA"), giveUpAt: Self.giveUp, now: Self.t0)
                == .unknown)
        #expect(try db.claimNextDue(now: Self.t0.addingTimeInterval(899)) == nil)
        let again = try #require(try db.claimNextDue(now: Self.t0.addingTimeInterval(900)))
        #expect(again.messageID == m.messageID)
    }

    @Test("a crash while sending: the row becomes unknown and is resent later")
    func recover() throws {
        let dir = TempDir()
        let db = try Self.store(dir, messages: 2)
        let m = try #require(try db.claimNextDue(now: Self.t0))
        // The process dies here; a new one starts.
        let reopened = try RosterDatabase(path: db.path)
        #expect(try reopened.recoverInterrupted(now: Self.t0) == 1)
        #expect(try state(reopened, m.id).0 == "unknown")
        let next = try #require(try reopened.claimNextDue(now: Self.t0))
        #expect(next.id != m.id)  // the other queued one first
    }

    @Test("circuit breaker: a released claim is as before, its attempt not counted")
    func release() throws {
        let dir = TempDir()
        let db = try Self.store(dir, messages: 1)
        let m = try #require(try db.claimNextDue(now: Self.t0))
        try db.releaseClaim(id: m.id, reason: "connection refused; paused")
        #expect(try state(db, m.id).0 == "queued")
        #expect(try state(db, m.id).1 == 0)
    }

    @Test("retry and cancel from the CLI")
    func retryCancel() throws {
        let dir = TempDir()
        let db = try Self.store(dir, messages: 2)
        let m = try #require(try db.claimNextDue(now: Self.t0))
        _ = try db.recordResult(id: m.id, .permanent(reply: "554 rejected"), giveUpAt: Self.giveUp, now: Self.t0)
        try db.retryNow(id: m.id)
        #expect(try state(db, m.id).0 == "queued")
        try db.cancel(id: m.id)
        #expect(try state(db, m.id).0 == "cancelled")
        #expect(throws: StoreError.self) { try db.cancel(id: 999) }
    }
}
