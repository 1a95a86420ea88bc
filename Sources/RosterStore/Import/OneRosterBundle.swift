import Foundation
import Roster
import ZIPFoundation

/// The CSV files of a OneRoster bundle, read from a directory or a zip file, keyed by file name.
struct OneRosterBundle {
    var files: [String: Data]
    var source: String

    static func read(path: String) throws(StoreError) -> OneRosterBundle {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw StoreError(
                .unreadableInput, location: path, "no such file or directory; give a OneRoster directory or .zip")
        }
        var files: [String: Data] = [:]
        do {
            if isDir.boolValue {
                for name in try FileManager.default.contentsOfDirectory(atPath: path)
                where name.lowercased().hasSuffix(".csv") {
                    files[name] = try Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent(name))
                }
            } else {
                let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
                for entry in archive where entry.type == .file && entry.path.lowercased().hasSuffix(".csv") {
                    var data = Data()
                    _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
                    files[(entry.path as NSString).lastPathComponent] = data
                }
            }
        } catch {
            throw StoreError(.unreadableInput, location: path, "cannot read the OneRoster bundle: \(error)")
        }
        guard files["manifest.csv"] != nil else {
            throw StoreError(
                .unreadableInput, location: path,
                "manifest.csv is missing; a OneRoster CSV bundle must contain manifest.csv")
        }
        return OneRosterBundle(files: files, source: path)
    }

    /// SHA-256 of all files (name, a NUL byte, then the bytes; sorted by name), hashed part by part rather
    /// than copied into one buffer first (75 MB for 500 000 students).
    var hash: String {
        var parts: [Data] = []
        for name in files.keys.sorted() {
            parts.append(Data(name.utf8) + [0])
            parts.append(files[name]!)
        }
        return SHA256Digest.hex(concatenating: parts)
    }
}
