import Foundation
import RosterStore

/// A test hook, for the watchdog's end-to-end test only: `ROSTERMAIL_TEST_HANG=sender:SECONDS` makes the
/// transport's first delivery block its channel thread forever (a transfer hung past every timeout) and
/// gives the sender an allowance of SECONDS instead of its timeouts' (minutes), so the test sees the
/// watchdog pings stop within seconds. Never set it in production.
public struct TestHang: Sendable, Equatable {
    public var part: String
    public var allowance: Duration

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> TestHang?
    {
        guard let text = environment["ROSTERMAIL_TEST_HANG"], !text.isEmpty else { return nil }
        let parts = text.split(separator: ":")
        let seconds = parts.count > 1 ? Double(parts[1]) ?? 2 : 2
        return TestHang(part: String(parts[0]), allowance: .seconds(seconds))
    }
}

/// A transport whose deliveries never return (see ``TestHang``).
public struct HangingTransport: MessageTransport {
    let inner: any MessageTransport

    public init(_ inner: any MessageTransport) { self.inner = inner }

    public var channels: Int { inner.channels }

    public func withChannel<T: Sendable>(
        _ channel: Int, _ body: @escaping @Sendable (_ deliver: DeliverFunction) throws -> T
    ) async throws -> T {
        try await inner.withChannel(channel) { _ in
            try body { _, _ in
                while true { Thread.sleep(forTimeInterval: 3600) }
            }
        }
    }

    public func close() async { await inner.close() }
}
