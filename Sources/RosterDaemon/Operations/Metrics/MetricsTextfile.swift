import Foundation

/// node_exporter's textfile collector reads every `*.prom` file of its directory at each scrape: the file
/// is replaced atomically (written to a hidden temporary file in the same directory, then renamed), so a
/// scrape never sees half of it.
public enum MetricsTextfile {
    public static func write(_ text: String, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let temp = (dir as NSString).appendingPathComponent(
            ".\((path as NSString).lastPathComponent).tmp-\(getpid())")
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw MetricsTextfileError(path: temp, errno: errno) }
        // World-readable whatever the umask (node_exporter runs as another user); it holds no personal data.
        _ = fchmod(fd, 0o644)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                let e = errno
                close(fd)
                unlink(temp)
                throw MetricsTextfileError(path: temp, errno: e)
            }
            written += n
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            let e = errno
            unlink(temp)
            throw MetricsTextfileError(path: path, errno: e)
        }
    }
}

/// The textfile could not be written: where and why.
public struct MetricsTextfileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var errno: Int32

    public var description: String {
        "cannot write the metrics textfile \(path): \(String(cString: strerror(errno))); "
            + "check metrics.textfile and that the service may write there (ReadWritePaths=)"
    }
}
