import ArgumentParser
import Foundation
import MailMessage

/// `rostermail inspect [FILE|-] [--reply-text]`: parses one message (RFC 5322 / MIME, or a bare reply
/// text) and prints its decoded headers, leaf parts and the sender's own words as JSON; with
/// `--reply-text` only those words (what the reply-trimming corpora are scored on). Exit 1 when the file
/// cannot be read or the message exceeds a parse limit (the reason names the limit).
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how a reply is parsed: subject, addresses, MIME parts and the trimmed reply text (JSON).")

    @Argument(help: "Message file (.eml or plain text); '-' or nothing reads standard input.") var file: String?

    @Flag(help: "Print only the sender's own words (quotes and signatures trimmed).") var replyText = false

    func run() throws {
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
}
