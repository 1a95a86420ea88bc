import Foundation
import Synchronization

/// What the daemon is doing, in one line for systemd's `STATUS=` (shown by `systemctl status`):
/// `idle; next mailing Mon 2026-12-07 06:00`, `sending 120/540`, `composing the mailing of 2026-W49`.
public final class DaemonStatus: Sendable {
    private struct State {
        var nextMailing: Date?
        var timeZone = TimeZone(identifier: "UTC")!
        var composing: String?
        var sending: (done: Int, total: Int)?
        var stalled: String?
    }
    private let state = Mutex(State())

    public init() {}

    public func nextMailing(_ date: Date?, timeZone: TimeZone) {
        state.withLock {
            $0.nextMailing = date
            $0.timeZone = timeZone
        }
    }

    public func composing(_ week: String?) {
        state.withLock { $0.composing = week }
    }

    /// A delivery run of `total` messages begins (nil: it ended).
    public func sending(total: Int?) {
        state.withLock { $0.sending = total.map { (0, $0) } }
    }

    /// One more message of the run has its outcome.
    public func sentOne() {
        state.withLock { s in
            if let v = s.sending { s.sending = (v.done + 1, max(v.total, v.done + 1)) }
        }
    }

    /// A service made no progress past its allowance (the watchdog stopped pinging).
    public func stalled(_ reason: String?) {
        state.withLock { $0.stalled = reason }
    }

    public var text: String {
        state.withLock { s in
            if let stalled = s.stalled { return "stalled: \(stalled)" }
            if let week = s.composing { return "composing the mailing of \(week)" }
            if let v = s.sending { return "sending \(v.done)/\(v.total)" }
            guard let next = s.nextMailing else { return "idle; no mailing scheduled" }
            return "idle; next mailing " + Self.format(next, in: s.timeZone)
        }
    }

    /// `Mon 2026-12-07 06:00` in the district's time zone.
    static func format(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "??" }
        return "\(days[((c.weekday ?? 1) - 1) % 7]) \(c.year ?? 0)-\(two(c.month))-\(two(c.day)) "
            + "\(two(c.hour)):\(two(c.minute))"
    }
}
