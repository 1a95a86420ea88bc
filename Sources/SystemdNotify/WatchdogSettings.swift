#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The watchdog systemd expects (`WatchdogSec=`): `$WATCHDOG_USEC`, for this process only when
/// `$WATCHDOG_PID` is unset or names it (`sd_watchdog_enabled(3)`).
public struct WatchdogSettings: Sendable, Equatable {
    /// systemd restarts the service when no `WATCHDOG=1` arrives within this time.
    public var timeout: Duration

    public init(timeout: Duration) { self.timeout = timeout }

    /// How often to ping: half the timeout, as systemd recommends.
    public var pingInterval: Duration { timeout / 2 }

    /// The settings for process `pid` from `usec` and `pidText` (the two variables); nil when off.
    public static func parse(usec: String?, pid pidText: String?, ownPID: Int32) -> WatchdogSettings? {
        guard let usec, let micros = UInt64(usec), micros > 0 else { return nil }
        if let pidText, !pidText.isEmpty, Int32(pidText) != ownPID { return nil }
        return WatchdogSettings(timeout: .microseconds(Int64(clamping: micros)))
    }

    /// The settings of this process from its environment; nil when no watchdog is expected.
    public static func fromEnvironment() -> WatchdogSettings? {
        parse(
            usec: getenv("WATCHDOG_USEC").map { String(cString: $0) },
            pid: getenv("WATCHDOG_PID").map { String(cString: $0) }, ownPID: getpid())
    }
}
