// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "RosterMail",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rostermail", targets: ["rostermail"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // Metrics API and its Prometheus exposition (swift-prometheus needs only swift-atomics besides).
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        // Pure RFC 5322 / MIME: message model and writer (parser and reply trimming: issue 3).
        .target(name: "MailMessage", swiftSettings: strict),
        // OpenSSL's libcrypto (SHA-256, HMAC), Debian libssl-dev.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // libcurl (Debian libcurl4-openssl-dev): typed shims over the variadic setopt/getinfo.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // The only importer of CCurl: SMTP submission and IMAP mailbox actors on their own serial executors.
        .target(name: "CurlMail", dependencies: ["CCurl", "MailMessage"], swiftSettings: strict),
        // GLPK (Debian libglpk-dev): the LP/MIP solver of the disclosure audit.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        // Pure FERPA rules: thresholds, complementary suppression with an audit, de-identification, release ledger.
        .target(name: "Disclosure", dependencies: ["CGLPK"], swiftSettings: strict),
        // Pure outcome measures (attendance, behavior, grades, assessments, improvement) and the data answer's
        // tables, de-identified rows and attachments, through the Disclosure engine.
        .target(name: "Outcomes", dependencies: ["Roster", "Disclosure"], swiftSettings: strict),
        // Pure domain: entities, grades, ISO weeks, roster building, email composition.
        .target(
            name: "Roster",
            dependencies: ["MailMessage", "CCrypto", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),
        // GRDB store: schema, migrations, imports, outbox, audit.
        .target(
            name: "RosterStore",
            dependencies: [
                "Roster",
                "MailMessage",
                "Outcomes",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The systemd notify protocol (READY, STATUS, WATCHDOG, STOPPING): a datagram client, no dependencies.
        .target(name: "SystemdNotify", swiftSettings: strict),
        // Config, templates, sample district, mailing and delivery services, operations (reload, watchdog,
        // metrics, backups).
        .target(
            name: "RosterDaemon",
            dependencies: [
                "Roster", "RosterStore", "MailMessage", "Disclosure", "Outcomes", "CurlMail", "SystemdNotify",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "rostermail",
            dependencies: [
                "RosterDaemon", "Disclosure", "MailMessage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "SystemdNotifyTests", dependencies: ["SystemdNotify"], swiftSettings: strict),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"], swiftSettings: strict),
        .testTarget(name: "CurlMailTests", dependencies: ["CurlMail"], swiftSettings: strict),
        .testTarget(name: "DisclosureTests", dependencies: ["Disclosure"], swiftSettings: strict),
        .testTarget(name: "OutcomesTests", dependencies: ["Outcomes"], swiftSettings: strict),
        .testTarget(name: "RosterTests", dependencies: ["Roster"], swiftSettings: strict),
        .testTarget(
            name: "RosterStoreTests", dependencies: ["RosterStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(
            name: "RosterDaemonTests", dependencies: ["RosterDaemon", "RosterStore", "Roster", "MailMessage"],
            swiftSettings: strict),
        // Runs the built `rostermail` binary end to end (and Python's email parser on its output).
        .testTarget(
            name: "IntegrationTests", dependencies: ["RosterDaemon", "RosterStore", "Roster"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
