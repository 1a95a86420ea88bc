import Foundation
import Roster

/// The partner directory as it was last read from a valid partners.yaml, so commands and `serve` start
/// without parsing and validating the YAML again (a 2 100-school district's file took ~80 ms; this
/// takes a few).
///
/// An entry is used only for the exact same bytes of both configuration files read by the exact same
/// `rostermail` executable: its name is the SHA-256 of a format version, the executable's identity
/// (device, inode, size, modification time) and both files' bytes. Any edit, or a new build with other
/// validation rules, misses and parses again. `check-config` never uses it. Entries live in the state
/// directory (`cache/`, mode 0600), are written atomically, and a damaged one is ignored.
enum DirectoryCache {
    static let formatVersion = "rostermail directory cache 2"

    /// The entry name for these files, or nil when this executable cannot be identified.
    static func key(main: Data, partners: Data) -> String? {
        guard let binary = executableIdentity() else { return nil }
        return SHA256Digest.hex(concatenating: [
            Data(formatVersion.utf8), Data(binary.utf8), lengthPrefix(main.count), main, lengthPrefix(partners.count),
            partners,
        ])
    }

    static func load(key: String, directory: String) -> Directory? {
        guard let data = FileManager.default.contents(atPath: path(key: key, directory: directory)) else { return nil }
        var reader = Reader(bytes: [UInt8](data))
        return reader.directory()
    }

    /// Writes the entry (temporary file, then rename) and removes older ones. Failures are ignored: the
    /// cache only saves time.
    static func store(_ value: Directory, key: String, directory: String) {
        let fm = FileManager.default
        do {
            try fm.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for old in try fm.contentsOfDirectory(atPath: directory) where old.hasPrefix("directory-") {
                try? fm.removeItem(atPath: (directory as NSString).appendingPathComponent(old))
            }
            let final = path(key: key, directory: directory)
            let temporary = final + ".tmp.\(getpid())"
            guard
                fm.createFile(atPath: temporary, contents: Data(encode(value)), attributes: [.posixPermissions: 0o600])
            else { return }
            if rename(temporary, final) != 0 { try? fm.removeItem(atPath: temporary) }
        } catch {
            return
        }
    }

    static func path(key: String, directory: String) -> String {
        (directory as NSString).appendingPathComponent("directory-\(key).bin")
    }

    /// Device, inode, size and modification time of the running executable.
    static func executableIdentity() -> String? {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return nil }
        return "\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }

    static func lengthPrefix(_ n: Int) -> Data { Data(String(n).utf8 + [0]) }

    // MARK: Encoding: counts and strings (UInt32 little-endian length, then UTF-8), in declaration order.

    static func encode(_ d: Directory) -> [UInt8] {
        var out: [UInt8] = Array(formatVersion.utf8)
        func count(_ n: Int) { withUnsafeBytes(of: UInt32(n).littleEndian) { out.append(contentsOf: $0) } }
        func string(_ s: String) {
            count(s.utf8.count)
            out.append(contentsOf: s.utf8)
        }
        func person(_ p: Person) {
            string(p.name)
            string(p.email)
        }
        count(d.schools.count)
        for s in d.schools {
            string(s.number)
            string(s.name)
            person(s.coordinator)
        }
        count(d.partners.count)
        for p in d.partners {
            string(p.id)
            string(p.name)
            string(p.releasePurpose)
            count(p.programs.count)
            for g in p.programs {
                string(g.id)
                string(g.partnerID)
                string(g.code)
                string(g.name)
                count(g.sites.count)
                for site in g.sites {
                    string(site.programID)
                    string(site.schoolNumber)
                    count(site.contacts.count)
                    site.contacts.forEach(person)
                }
            }
        }
        return out
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// The directory, or nil when the bytes are not exactly one well-formed entry.
        mutating func directory() -> Directory? {
            let magic = Array(DirectoryCache.formatVersion.utf8)
            guard bytes.starts(with: magic) else { return nil }
            offset = magic.count
            guard let schoolCount = count() else { return nil }
            var schools: [School] = []
            for _ in 0..<schoolCount {
                guard let number = string(), let name = string(), let csc = person() else { return nil }
                schools.append(School(number: number, name: name, coordinator: csc))
            }
            guard let partnerCount = count() else { return nil }
            var partners: [Partner] = []
            for _ in 0..<partnerCount {
                guard let id = string(), let name = string(), let purpose = string(), let programCount = count() else {
                    return nil
                }
                var programs: [Program] = []
                for _ in 0..<programCount {
                    guard let pid = string(), let partnerID = string(), let code = string(), let pname = string(),
                        let siteCount = count()
                    else { return nil }
                    var sites: [Site] = []
                    for _ in 0..<siteCount {
                        guard let programID = string(), let school = string(), let contactCount = count() else {
                            return nil
                        }
                        var contacts: [Person] = []
                        for _ in 0..<contactCount {
                            guard let c = person() else { return nil }
                            contacts.append(c)
                        }
                        sites.append(Site(programID: programID, schoolNumber: school, contacts: contacts))
                    }
                    programs.append(Program(id: pid, partnerID: partnerID, code: code, name: pname, sites: sites))
                }
                partners.append(Partner(id: id, name: name, programs: programs, releasePurpose: purpose))
            }
            guard offset == bytes.count else { return nil }
            return Directory(schools: schools, partners: partners)
        }

        /// An element count: never more than the bytes left could hold (each element takes 4 at least).
        mutating func count() -> Int? {
            guard let n = uint32(), n <= (bytes.count - offset) / 4 else { return nil }
            return n
        }

        mutating func string() -> String? {
            guard let n = uint32(), n <= bytes.count - offset else { return nil }
            defer { offset += n }
            return String(validating: bytes[offset..<offset + n], as: UTF8.self)
        }

        mutating func uint32() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            let n =
                Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
                | Int(bytes[offset + 3]) << 24
            offset += 4
            return n
        }

        mutating func person() -> Person? {
            guard let name = string(), let email = string() else { return nil }
            return Person(name: name, email: email)
        }
    }
}
