import Foundation
import Logging

/// Log lines for journald when systemd connected standard error to the journal (`$JOURNAL_STREAM`): each
/// line starts with its syslog priority (`<6>` info … `<2>` critical, `sd-daemon(3)`), which the journal
/// reads as the entry's priority, and carries no timestamp of its own (the journal stamps every entry).
/// Metadata follows the message as `key=value`, sorted.
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .notice
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void = JournalLogHandler.standardError) {
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, b in b } }
        if let extra = event.metadata { all.merge(extra) { _, b in b } }
        write(Self.line(level: event.level, message: "\(event.message)", metadata: all))
    }

    /// The syslog priority of a swift-log level.
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// `<p>message key=value …`; a message of several lines becomes several entries of the same priority.
    public static func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        let prefix = "<\(priority(level))>"
        var text = message
        if !metadata.isEmpty {
            text += " " + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(
            separator: "\n") + "\n"
    }

    @Sendable public static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether standard error is the journal stream systemd named in `$JOURNAL_STREAM` (`device:inode`;
    /// a child whose stderr was redirected elsewhere inherits the variable, so the pair is compared).
    public static func standardErrorIsJournal(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var st = stat()
        guard fstat(2, &st) == 0 else { return false }
        return UInt64(st.st_dev) == device && UInt64(st.st_ino) == inode
    }
}
