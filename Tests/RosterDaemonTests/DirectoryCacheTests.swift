import Foundation
import Roster
import Testing

@testable import RosterDaemon

@Suite("directory cache: the partner directory of unchanged configuration files")
struct DirectoryCacheTests {
    static let directory = Directory(
        schools: [
            School(
                number: "101", name: "Escuela José Martí",
                coordinator: Person(name: "Morgan Díaz", email: "c@d.example")),
            School(number: "102", name: "", coordinator: Person(name: "李 小龍", email: "l@d.example")),
        ],
        partners: [
            Partner(
                id: "readup", name: "ReadUp 📚",
                programs: [
                    Program(
                        id: "readup-tut", partnerID: "readup", code: "TUT1", name: "Tutoring",
                        sites: [
                            Site(
                                programID: "readup-tut", schoolNumber: "101",
                                contacts: [Person(name: "Dana Reyes", email: "dana@readup.example")]),
                            Site(programID: "readup-tut", schoolNumber: "102", contacts: []),
                        ])
                ]),
            Partner(id: "empty", name: "No programs yet", programs: []),
        ])

    @Test("an entry reads back as the same directory, accents and emoji included")
    func roundTrip() {
        var reader = DirectoryCache.Reader(bytes: DirectoryCache.encode(Self.directory))
        #expect(reader.directory() == Self.directory)
    }

    @Test("a damaged entry is ignored, never half-read: every truncation, a wrong length, trailing bytes")
    func damaged() {
        let bytes = DirectoryCache.encode(Self.directory)
        for n in 0..<bytes.count {
            var reader = DirectoryCache.Reader(bytes: Array(bytes.prefix(n)))
            #expect(reader.directory() == nil, "truncated at \(n)")
        }
        var longer = DirectoryCache.Reader(bytes: bytes + [0])
        #expect(longer.directory() == nil)
        var wrongLength = bytes
        wrongLength[DirectoryCache.formatVersion.utf8.count] = 0xFF
        var reader = DirectoryCache.Reader(bytes: wrongLength)
        #expect(reader.directory() == nil)
    }

    @Test("loading: the first load writes an entry (0600), the next uses it; any edit of either file misses")
    func loading() throws {
        let dir = ConfigDir(main: ConfigLoaderTests.goodMain, partners: ConfigLoaderTests.goodPartners)
        let cache = dir.path + "/state-cache"
        let first = try ConfigLoader.load(directory: dir.path, cacheDirectory: cache)
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(entries.count == 1 && entries[0].hasPrefix("directory-"))
        let mode = try FileManager.default.attributesOfItem(atPath: cache + "/" + entries[0])[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let second = try ConfigLoader.load(directory: dir.path, cacheDirectory: cache)
        #expect(second.directory == first.directory)

        // A contact's address changes: the new one is used, never the cached one.
        let edited = ConfigLoaderTests.goodPartners.replacingOccurrences(
            of: "dana@readup.example", with: "dana.reyes@readup.example")
        try edited.write(toFile: dir.path + "/partners.yaml", atomically: true, encoding: .utf8)
        let third = try ConfigLoader.load(directory: dir.path, cacheDirectory: cache)
        #expect(third.directory.sites[0].contacts[0].email == "dana.reyes@readup.example")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).count == 1, "the old entry is removed")

        // Broken partners.yaml after a valid one: every problem is reported, nothing comes from the cache.
        try (edited + "  - bogus\n").write(toFile: dir.path + "/partners.yaml", atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(directory: dir.path, cacheDirectory: cache) }

        // rostermail.yaml is part of the key, and is always checked itself.
        try edited.write(toFile: dir.path + "/partners.yaml", atomically: true, encoding: .utf8)
        try (ConfigLoaderTests.goodMain + "bogus_key: 1\n").write(
            toFile: dir.path + "/rostermail.yaml", atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(directory: dir.path, cacheDirectory: cache) }
    }
}
