import ArgumentParser
import Foundation
import MailMessage
import Roster

/// `rostermail inspect [FILE|-] [--reply-text]`: parses one message (RFC 5322 / MIME, or a bare reply
/// text) and prints its decoded headers, leaf parts and the sender's own words as JSON; with
/// `--reply-text` only those words (what the reply-trimming corpora are scored on). Exit 1 when the file
/// cannot be read or the message exceeds a parse limit (the reason names the limit).
///
/// `rostermail inspect --batch DIR` (for `make bench`): every file of DIR through what the reply desk does
/// before matching (parse, choose the text part, trim it, read ADD/DROP lines and returned roster CSV
/// files), in one process (one worker thread per core, or `--jobs N`), and prints one summary line with the
/// counts and messages per second.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how a reply is parsed: subject, addresses, MIME parts and the trimmed reply text (JSON).")

    @Argument(help: "Message file (.eml or plain text); '-' or nothing reads standard input.") var file: String?

    @Flag(help: "Print only the sender's own words (quotes and signatures trimmed).") var replyText = false

    @Option(
        help: ArgumentHelp(
            "Parse, trim and extract ADD/DROP from every file in DIR; print one summary line (benchmark).",
            valueName: "DIR"))
    var batch: String?

    @Option(help: "With --batch: worker threads (default: one per core).") var jobs: Int?

    func run() throws {
        if let batch {
            try runBatch(batch)
            return
        }
        let data: Data
        if let file, file != "-" {
            guard let contents = FileManager.default.contents(atPath: file) else {
                Console.error("\(file): cannot read the file")
                throw ExitCode(1)
            }
            data = contents
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        let message: ParsedMessage
        do {
            message = try MessageParser.parse(Array(data))
        } catch {
            Console.error("\(file ?? "stdin"): \(error)")
            throw ExitCode(1)
        }
        let report = InspectReport(message)
        if replyText {
            FileHandle.standardOutput.write(Data((report.replyText + "\n").utf8))
        } else {
            FileHandle.standardOutput.write(Data(report.json().utf8))
        }
    }

    /// The files of `directory` (sorted, hidden files skipped) through `InspectBatch`; one summary line.
    private func runBatch(_ directory: String) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }
                .sorted()
        } catch {
            Console.error("\(directory): cannot list the directory")
            throw ExitCode(1)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let t = InspectBatch(
            paths: names.map { directory + "/" + $0 }, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount
        ).run()
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(t.messages) / seconds : 0
        let line =
            "messages=\(t.messages) limited=\(t.limited) items=\(t.items) add=\(t.adds) drop=\(t.drops) "
            + "csv_rows=\(t.csvRows) not_understood=\(t.notUnderstood) seconds=\(String(format: "%.3f", seconds)) "
            + "msgs_per_s=\(String(format: "%.0f", rate))\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
}
