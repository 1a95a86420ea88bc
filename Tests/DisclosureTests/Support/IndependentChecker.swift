import Foundation

/// Runs `scripts/disclosure_check.py` (scipy's linprog/milp) once on a batch of cases.
///
/// Needs `/usr/bin/python3` with scipy (Debian `python3-scipy`); the `python3` on PATH may be
/// another interpreter without it.
enum IndependentChecker {
    struct Report: Decodable {
        struct Failure: Decodable {
            var id: String
            var message: String
        }
        var cases: Int
        var failures: [Failure]
    }

    static let interpreter = "/usr/bin/python3"

    static var script: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // DisclosureTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("scripts/disclosure_check.py")
    }

    /// `cases`: JSON objects `{"id", "kind", "request", "response"}`.
    static func check(_ cases: [[String: Any]]) throws -> Report {
        let batch = FileManager.default.temporaryDirectory
            .appendingPathComponent("disclosure-batch-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: ["cases": cases]).write(to: batch)
        defer { try? FileManager.default.removeItem(at: batch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = [script.path, batch.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let diagnostics = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let report = try? JSONDecoder().decode(Report.self, from: data) else {
            throw CheckerFailure(output: String(decoding: data + diagnostics, as: UTF8.self))
        }
        return report
    }

    struct CheckerFailure: Error, CustomStringConvertible {
        var output: String
        var description: String { "the checker did not produce a report:\n\(output)" }
    }
}
