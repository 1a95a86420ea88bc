import CFuzzer
import Glibc
import MailMessage

/// One fuzz input through everything `rostermail inspect` does with a message (parse with the default
/// limits, choose the reply body, trim it, build the JSON report), plus the trimmer on the raw bytes read
/// as UTF-8 text. A trap (overflow, index out of range, force unwrap), an ASan report, a timeout or an
/// out-of-memory is a finding; a `ParseError` (a limit exceeded) is an expected outcome.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    if let message = try? MessageParser.parse(bytes) {
        _ = ReplyBody.ownText(of: message)
        _ = InspectReport(message).json()
        _ = message.references
        _ = message.replyTo
    }
    _ = ReplyTrimmer.ownText(String(decoding: bytes, as: UTF8.self))
    return 0
}

/// SwiftPM links an executable with `main` = this entry point, so libFuzzer's main() is bypassed: hand
/// the command line to libFuzzer's driver (every libFuzzer flag works: -max_total_time, -runs, corpus dirs,
/// a crash file to reproduce, -minimize_crash=1, …).
@main
enum FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
        exit(status)
    }
}
