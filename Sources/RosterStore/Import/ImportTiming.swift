import Foundation

/// Phase timings of an import, printed to stderr when `ROSTERMAIL_IMPORT_TIMING` is set (any value).
/// The import is the one place where we tune for wall time, and a profile of a release binary does not
/// show where a phase waits on the other core or on fsync: this does, at the cost of one clock read per phase.
struct ImportTiming {
    private let enabled: Bool
    private var last: UInt64
    private let start: UInt64

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        enabled = environment["ROSTERMAIL_IMPORT_TIMING"] != nil
        start = DispatchTime.now().uptimeNanoseconds
        last = start
    }

    /// Prints a duration measured elsewhere (one thread of a parallel phase), without moving the mark.
    func note(_ phase: String, seconds: Double) {
        guard enabled else { return }
        let name = phase.padding(toLength: 28, withPad: " ", startingAt: 0)
        FileHandle.standardError.write(Data(String(format: "import timing:   \(name) %7.3f s\n", seconds).utf8))
    }

    /// Prints the time since the previous mark (and since the start) under `phase`.
    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let name = phase.padding(toLength: 28, withPad: " ", startingAt: 0)
        let line = String(
            format: "import timing: \(name) %7.3f s  (total %7.3f s)\n", Double(now - last) / 1e9,
            Double(now - start) / 1e9)
        FileHandle.standardError.write(Data(line.utf8))
        last = now
    }
}
