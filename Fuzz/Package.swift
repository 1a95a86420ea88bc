// swift-tools-version: 6.1
// libFuzzer harness for MailMessage's MIME parser and reply trimmer (`make fuzz`; never built by CI or
// `make test`). MailMessage is compiled from its sources through the symlink Sources/MailMessage →
// ../../Sources/MailMessage, since the root package exports no library product.
//
// Built and run by Fuzz/run (see there; `make fuzz`, FUZZ_SECONDS=60):
//   swift build -c release --product FuzzMail -Xswiftc -sanitize=fuzzer,address
//   .build/release/FuzzMail -max_total_time=60 -dict=mail.dict .build/corpus corpus
// SwiftPM links executables with main = FuzzMail_main, so FuzzMail has a @main that hands over to libFuzzer's
// LLVMFuzzerRunDriver (declared by CFuzzer) instead of relying on libFuzzer's own main().
import PackageDescription

let package = Package(
    name: "RosterMailFuzz",
    products: [.executable(name: "FuzzMail", targets: ["FuzzMail"])],
    targets: [
        .target(name: "MailMessage", swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        // Declares libFuzzer's LLVMFuzzerRunDriver (the runtime itself comes with -sanitize=fuzzer).
        .target(name: "CFuzzer"),
        .executableTarget(name: "FuzzMail", dependencies: ["MailMessage", "CFuzzer"]),
    ],
    swiftLanguageModes: [.v6]
)
