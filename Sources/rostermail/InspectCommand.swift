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
/// files), in one process, and prints one summary line with the counts and messages per second.
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

    /// The files of `directory` (sorted, hidden files skipped) as the reply desk reads them, without a store:
    /// no sent roster, so no edited-roster comparison and no matching.
    private func runBatch(_ directory: String) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }
                .sorted()
        } catch {
            Console.error("\(directory): cannot list the directory")
            throw ExitCode(1)
        }
        let extractor = ReplyExtractor()
        var messages = 0
        var limited = 0
        var items = 0
        var adds = 0
        var drops = 0
        var csvRows = 0
        var notUnderstood = 0
        let clock = ContinuousClock()
        let start = clock.now
        for name in names {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            messages += 1
            guard let parsed = try? MessageParser.parse(Array(data)) else {
                limited += 1
                continue
            }
            let attachments = parsed.parts.filter { part in
                guard part.isAttachment, let name = part.filename?.lowercased() else { return false }
                return name.hasSuffix(".csv") || name.hasSuffix(".txt")
            }.map { (filename: $0.filename ?? "", bytes: $0.body) }
            let fullText = ReplyBody.text(of: parsed)
            let found = extractor.extract(
                ownText: ReplyTrimmer.ownText(fullText), fullText: fullText, attachments: attachments, sentRoster: nil)
            items += found.count
            for item in found {
                if case .csv = item.source { csvRows += 1 }
                switch item.outcome {
                case .commands(let commands):
                    for c in commands {
                        if c.action == .add { adds += 1 } else { drops += 1 }
                    }
                case .notUnderstood: notUnderstood += 1
                case .ignored: break
                }
            }
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(messages) / seconds : 0
        let line =
            "messages=\(messages) limited=\(limited) items=\(items) add=\(adds) drop=\(drops) csv_rows=\(csvRows) "
            + "not_understood=\(notUnderstood) seconds=\(String(format: "%.3f", seconds)) "
            + "msgs_per_s=\(String(format: "%.0f", rate))\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
}
