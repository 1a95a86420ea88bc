import Foundation
import GRDB

/// The outbox state machine: `queued → sending → sent | deferred(next_at) | failed | unknown`.
/// `sending` is committed before the transport starts (before SMTP `MAIL FROM`), the outcome after the
/// transport's final answer, so a crash at any instant leaves a row that says what may have happened.
extension RosterDatabase {
    /// After a crash: rows left in `sending` may have been accepted by the server. They become `unknown`
    /// and are resent after the reconciliation delay, under the same Message-ID. Returns how many.
    @discardableResult
    public func recoverInterrupted(now: Date = Date(), policy: RetryPolicy = RetryPolicy()) throws -> Int {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'unknown', next_at = ?,
                        last_reply = 'interrupted while sending; the server may have accepted it'
                    WHERE state = 'sending'
                    """, arguments: [Timestamp.string(now.addingTimeInterval(policy.reconcileDelay))])
            return db.changesCount
        }
    }

    /// Takes the oldest message that is due (queued, or deferred/unknown whose time has come), marks it
    /// `sending` with one more attempt, and commits; nil when nothing is due. `excluding` are messages
    /// already attempted in this run (a retry delay of zero must not make a run loop on one message).
    public func claimNextDue(now: Date = Date(), excluding: Set<Int64> = []) throws -> OutboxMessage? {
        try deliveryWrite { db in try Self.claim(db, now: now, excluding: excluding) }
    }

    /// Records the outcome of the attempt on a `sending` message and returns its new state. A temporary
    /// failure whose next attempt would fall after `giveUpAt` fails instead (given up).
    @discardableResult
    public func recordResult(
        id: Int64, _ result: DeliveryResult, giveUpAt: Date, now: Date = Date(), policy: RetryPolicy = RetryPolicy(),
        random: Double = Double.random(in: 0..<1)
    ) throws -> OutboxMessage.State {
        try deliveryWrite { db in
            try Self.record(db, id: id, result, giveUpAt: giveUpAt, now: now, policy: policy, random: random)
        }
    }

    /// ``recordResult(id:_:giveUpAt:now:policy:random:)`` and ``claimNextDue(now:excluding:)`` in one commit:
    /// the outcome of one message is committed after its final reply and the next message's `sending` before
    /// its `MAIL FROM`, as always, with one commit per message instead of two. A message that will be
    /// retried is not claimed again in the same call.
    public func recordResultAndClaimNext(
        id: Int64, _ result: DeliveryResult, giveUpAt: Date, now: Date = Date(), policy: RetryPolicy = RetryPolicy(),
        excluding: Set<Int64> = [], random: Double = Double.random(in: 0..<1)
    ) throws -> (state: OutboxMessage.State, next: OutboxMessage?) {
        try deliveryWrite { db in
            let state = try Self.record(
                db, id: id, result, giveUpAt: giveUpAt, now: now, policy: policy, random: random)
            let skip = state == .deferred || state == .unknown ? excluding.union([id]) : excluding
            return (state, try Self.claim(db, now: now, excluding: skip))
        }
    }

    static func claim(_ db: Database, now: Date, excluding: Set<Int64>) throws -> OutboxMessage? {
        let skip =
            excluding.isEmpty ? "" : " AND outbox.id NOT IN (\(excluding.map(String.init).joined(separator: ",")))"
        let columns = outboxColumns, from = outboxJoin
        let row =
            try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT \(columns) FROM \(from) WHERE state = 'queued'\(skip) ORDER BY outbox.id LIMIT 1"))
            ?? Row.fetchOne(
                db,
                sql: """
                    SELECT \(columns) FROM \(from) WHERE state IN ('deferred', 'unknown') AND next_at <= ?\(skip)
                    ORDER BY outbox.id LIMIT 1
                    """, arguments: [Timestamp.string(now)])
        guard let row else { return nil }
        var m = outboxMessage(row)
        try db.cachedStatement(sql: "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?")
            .execute(arguments: [m.id])
        m.state = .sending
        m.attempts += 1
        return m
    }

    static func record(
        _ db: Database, id: Int64, _ result: DeliveryResult, giveUpAt: Date, now: Date, policy: RetryPolicy,
        random: Double
    ) throws -> OutboxMessage.State {
        // The message's age only matters for a retry delay; an accepted or refused message needs no read.
        var age: TimeInterval {
            get throws {
                guard
                    let created = try String.fetchOne(
                        db.cachedStatement(sql: "SELECT created_at FROM outbox WHERE id = ? AND state = 'sending'"),
                        arguments: [id])
                else { throw Self.notSending(id) }
                return now.timeIntervalSince(Timestamp.date(created) ?? now)
            }
        }
        var state: OutboxMessage.State
        var next: Date?
        let reply: String
        switch result {
        case .accepted(let r):
            state = .sent
            reply = r
        case .permanent(let r):
            state = .failed
            reply = r
        case .temporary(let r):
            next = now.addingTimeInterval(policy.delay(age: try age, random: random))
            state = next! < giveUpAt ? .deferred : .failed
            reply = state == .failed ? "given up before the next mailing; last reply: \(r)" : r
        case .unknown(let detail):
            next = now.addingTimeInterval(policy.reconcileDelay)
            state = next! < giveUpAt ? .unknown : .failed
            reply = state == .failed ? "given up before the next mailing; last: \(detail)" : detail
        }
        try db.cachedStatement(
            sql: """
                UPDATE outbox SET state = ?, next_at = ?, last_reply = ?, sent_at = ?
                WHERE id = ? AND state = 'sending'
                """
        )
        .execute(arguments: [
            state.rawValue, state == .failed || state == .sent ? nil : next.map(Timestamp.string), reply,
            state == .sent ? Timestamp.string(now) : nil, id,
        ])
        guard db.changesCount == 1 else { throw Self.notSending(id) }
        return state
    }

    static func notSending(_ id: Int64) -> StoreError {
        StoreError(.notFound, location: "outbox \(id)", "no message in state sending")
    }

    /// A write transaction of the delivery state machine, committed with `synchronous = NORMAL` (every other
    /// transaction of the store commits with `FULL`). In WAL mode such a commit survives any crash of the
    /// process — the case this state machine exists for — without an fsync; only a power failure or kernel
    /// crash can roll back the last commits, which moves a message back to an earlier state (`sent` →
    /// `sending` → unknown), so it is sent again under the same Message-ID: a possible duplicate, never a
    /// lost message.
    func deliveryWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            // Cached: preparing the two PRAGMAs anew cost more than running them.
            try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute()
            defer { try? db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute() }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Whether any message is due now (queued, or deferred/unknown whose time has come), apart from
    /// `excluding`.
    public func hasDue(now: Date = Date(), excluding: Set<Int64> = []) throws -> Bool {
        let skip = excluding.isEmpty ? "" : " AND id NOT IN (\(excluding.map(String.init).joined(separator: ",")))"
        return try read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM outbox WHERE (state = 'queued' OR (state IN ('deferred', 'unknown')
                        AND next_at <= ?))\(skip))
                    """, arguments: [Timestamp.string(now)]) ?? false
        }
    }

    /// The earliest `next_at` of a waiting retry, for the sender's sleep.
    public func nextRetryDate() throws -> Date? {
        try read { db in
            try String.fetchOne(
                db, sql: "SELECT MIN(next_at) FROM outbox WHERE state IN ('deferred', 'unknown')"
            ).flatMap(Timestamp.date)
        }
    }

    /// Puts a claimed message back as it was (the circuit breaker opened before anything was sent):
    /// its attempt does not count, nothing is skipped.
    public func releaseClaim(id: Int64, reason: String) throws {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = CASE WHEN next_at IS NULL THEN 'queued' ELSE 'deferred' END,
                        attempts = attempts - 1, last_reply = ? WHERE id = ? AND state = 'sending'
                    """, arguments: [reason, id])
        }
    }

    /// `outbox retry ID`: a failed, deferred or unknown message becomes due now.
    public func retryNow(id: Int64) throws {
        try write { db in
            try db.execute(
                sql:
                    "UPDATE outbox SET state = 'queued', next_at = NULL WHERE id = ? AND state IN ('failed', 'deferred', 'unknown', 'cancelled')",
                arguments: [id])
            guard db.changesCount == 1 else {
                throw StoreError(
                    .notFound, location: "outbox \(id)",
                    "no failed, deferred, unknown or cancelled message with this id")
            }
        }
    }

    /// `outbox cancel ID`: a message not yet sent is never sent.
    public func cancel(id: Int64) throws {
        try write { db in
            try db.execute(
                sql:
                    "UPDATE outbox SET state = 'cancelled', next_at = NULL WHERE id = ? AND state IN ('queued', 'deferred', 'unknown', 'failed')",
                arguments: [id])
            guard db.changesCount == 1 else {
                throw StoreError(
                    .notFound, location: "outbox \(id)",
                    "no unsent message with this id (sent or sending messages cannot be cancelled)")
            }
        }
    }

    /// One line per message for `outbox list`: id, state, attempts, kind, week, site, recipient, last reply.
    public func outboxSummaries(states: [OutboxMessage.State]? = nil, limit: Int = 1000) throws -> [[String]] {
        try read { db in
            var sql =
                "SELECT id, state, attempts, kind, week, site_id, recipient, COALESCE(next_at, ''), COALESCE(last_reply, '') FROM outbox"
            var args: StatementArguments = []
            if let states {
                sql += " WHERE state IN (\(states.map { _ in "?" }.joined(separator: ",")))"
                args += StatementArguments(states.map(\.rawValue))
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id LIMIT ?", arguments: args + [limit]).map { r in
                (0..<9).map { i in
                    (r[i] as DatabaseValue).description.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                }
            }
        }
    }
}
