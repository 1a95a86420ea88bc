import Foundation
import Testing

@testable import RosterStore

/// Upgrades: every store committed in Tests/Fixtures/stores (one per schema version, made by
/// scripts/make-store-fixture with the build of that version) opens with today's code and migrates forward
/// with its data intact.
@Suite("stores made by earlier schema versions")
struct StoreFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/stores").path

    static var fixtures: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".sqlite") }
            .sorted()
    }

    @Test("the current schema has a fixture (run scripts/make-store-fixture before adding a migration)")
    func currentSchemaHasFixture() {
        #expect(Self.fixtures.contains(RosterDatabase.schemaVersion + ".sqlite"), "fixtures: \(Self.fixtures)")
    }

    @Test("each fixture opens, migrates to the current schema and keeps its rows", arguments: fixtures)
    func migrates(_ name: String) throws {
        let scratch = NSTemporaryDirectory() + "rostermail-fixture-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let path = scratch + "/rostermail.sqlite"
        try FileManager.default.copyItem(atPath: Self.directory + "/" + name, toPath: path)
        let before = try RosterDatabase.verify(path: path)
        #expect(name == before.schemaVersion + ".sqlite")
        #expect(before.outboxMessages > 0 && before.students > 0)

        let store = try RosterDatabase(path: path)
        #expect(try store.appliedMigrations() == RosterDatabase.migrations)
        let counts = try store.counts()
        #expect(counts["student"] == before.students)
        #expect(counts["outbox"] == before.outboxMessages)
        #expect((counts["site"] ?? 0) > 0 && (counts["participation"] ?? 0) > 0)
        let messages = try store.outboxMessages()
        #expect(messages.count == before.outboxMessages)
        #expect(messages.allSatisfy { !$0.bytes.isEmpty && $0.messageID.contains("@") })
        #expect(try store.lastWeekMailed() == "2026-W49")
        // The migrated store still passes SQLite's own check.
        let copy = scratch + "/checked.sqlite"
        #expect(try store.backup(to: copy).schemaVersion == RosterDatabase.schemaVersion)
    }
}
