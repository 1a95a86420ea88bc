import Foundation
import Yams

extension MainFileReader {
    /// `metrics:` — `listen` (a loopback `HOST:PORT`) and/or `textfile` (an absolute `.prom` path). Off when
    /// absent.
    mutating func readMetrics(_ node: Node?) -> RosterMailConfig.Metrics? {
        var metrics = RosterMailConfig.Metrics(listen: nil, textfile: nil, textfileSeconds: 30)
        guard let node else { return metrics }
        guard let m = reader.mapping(node, "metrics", optional: ["listen", "textfile", "textfile_seconds"]) else {
            return nil
        }
        let before = reader.problems.count
        if let text = m["listen"].flatMap({ reader.string($0, "metrics.listen") }) {
            if let listen = Self.loopbackAddress(text) {
                metrics.listen = listen
            } else {
                reader.problem(
                    m["listen"],
                    "metrics.listen “\(text)” must be a loopback address and port, like 127.0.0.1:9464 or [::1]:9464 "
                        + "(the metrics are not for the network; put a proxy or node_exporter in front)")
            }
        }
        if let path = m["textfile"].flatMap({ reader.string($0, "metrics.textfile") }) {
            let dir = (path as NSString).deletingLastPathComponent
            var isDir: ObjCBool = false
            if !path.hasPrefix("/") || !path.hasSuffix(".prom") {
                reader.problem(
                    m["textfile"],
                    "metrics.textfile must be an absolute path ending in .prom (node_exporter reads only *.prom)")
            } else if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
                reader.problem(
                    m["textfile"], "metrics.textfile: the directory \(dir) does not exist; create it or fix the path")
            } else {
                metrics.textfile = path
            }
        }
        if let n = m["textfile_seconds"], let v = reader.int(n, "metrics.textfile_seconds", range: 1...3600) {
            metrics.textfileSeconds = v
        }
        return reader.problems.count == before ? metrics : nil
    }

    /// `backup:` — `dir` (default `backups`, in the state directory) and `keep_days` (default 14; 0: off).
    mutating func readBackup(_ node: Node?) -> RosterMailConfig.Backup? {
        var backup = RosterMailConfig.Backup(directory: "backups", keepDays: 14)
        guard let node else { return backup }
        guard let m = reader.mapping(node, "backup", optional: ["dir", "keep_days"]) else { return nil }
        let before = reader.problems.count
        if let dir = m["dir"].flatMap({ reader.string($0, "backup.dir") }) { backup.directory = dir }
        if let n = m["keep_days"], let v = reader.int(n, "backup.keep_days", range: 0...3650) { backup.keepDays = v }
        return reader.problems.count == before ? backup : nil
    }

    /// `127.0.0.1:9464`, `localhost:9464`, `[::1]:9464` → host and port; nil for anything else.
    static func loopbackAddress(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" { host = "127.0.0.1" }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        let isIPv4Loopback =
            octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
        guard isIPv4Loopback || host == "::1" else { return nil }
        return (host, port)
    }
}
