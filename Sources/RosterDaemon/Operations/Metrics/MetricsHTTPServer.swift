import Foundation
import Synchronization

/// A minimal HTTP/1.1 responder for Prometheus scrapes on a loopback address: `GET /metrics` (and `HEAD`),
/// one request per connection, on its own thread with plain blocking sockets (a scrape every few seconds
/// needs no event loop; the cooperative pool never waits on it). Every socket operation has a timeout, so
/// a client that connects and says nothing cannot hold the thread.
public final class MetricsHTTPServer: Sendable {
    public let host: String
    public let port: Int
    private let fd: Int32
    private let render: @Sendable () -> String
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Binds `host:port` (a loopback address) and starts answering; throws what and where when it cannot.
    public init(host: String, port: Int, render: @escaping @Sendable () -> String) throws(MetricsServerError) {
        self.host = host
        self.port = port
        self.render = render
        let v6 = host.contains(":")
        let s = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else {
            throw MetricsServerError(address: "\(host):\(port)", errno: errno, "cannot create a socket")
        }
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound: Int32
        if v6 {
            var a = sockaddr_in6()
            a.sin6_family = sa_family_t(AF_INET6)
            a.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &a.sin6_addr)
            bound = withUnsafePointer(to: &a) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(s, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET)
            a.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &a.sin_addr)
            bound = withUnsafePointer(to: &a) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard bound == 0, listen(s, 16) == 0 else {
            let e = errno
            close(s)
            throw MetricsServerError(
                address: "\(host):\(port)", errno: e, "cannot listen for metrics (is metrics.listen's port in use?)")
        }
        fd = s
        let thread = Thread { [self] in
            self.serve()
            self.finished.signal()
        }
        thread.name = "rostermail-metrics"
        thread.start()
    }

    /// Stops answering and closes the socket (waits up to 2 s for a scrape in progress).
    public func stop() {
        guard !stopping.exchange(true, ordering: .sequentiallyConsistent) else { return }
        _ = finished.wait(timeout: .now() + 2)
        close(fd)
    }

    private func serve() {
        while !stopping.load(ordering: .relaxed) {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 250) > 0 else { continue }
            let client = accept(fd, nil, nil)
            guard client >= 0 else { continue }
            answer(client)
            close(client)
        }
    }

    private func answer(_ client: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        // Only the head matters; a body (there should be none) is not read.
        while request.count < 16_384, !Self.headComplete(request) {
            let n = recv(client, &buffer, buffer.count, 0)
            guard n > 0 else { break }
            request += buffer[..<n]
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
        let parts = line.split(separator: " ")
        let response: [UInt8]
        if parts.count != 3 || !parts[2].hasPrefix("HTTP/1.") {
            response = Self.response(400, "Bad Request", "bad request\n", head: false)
        } else if parts[0] != "GET" && parts[0] != "HEAD" {
            response = Self.response(405, "Method Not Allowed", "only GET and HEAD\n", head: false)
        } else if parts[1] == "/metrics" || parts[1].hasPrefix("/metrics?") {
            response = Self.response(
                200, "OK", render(), head: parts[0] == "HEAD",
                contentType: "text/plain; version=0.0.4; charset=utf-8")
        } else {
            response = Self.response(404, "Not Found", "the metrics are at /metrics\n", head: parts[0] == "HEAD")
        }
        var sent = 0
        while sent < response.count {
            let n = response[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            sent += n
        }
    }

    /// Whether `bytes` hold a whole request head (ended by an empty line, CRLF or bare LF).
    static func headComplete(_ bytes: [UInt8]) -> Bool {
        var i = bytes.startIndex
        while i + 1 < bytes.count {
            if bytes[i] == 10 && bytes[i + 1] == 10 { return true }
            if i + 3 < bytes.count, bytes[i] == 13, bytes[i + 1] == 10, bytes[i + 2] == 13, bytes[i + 3] == 10 {
                return true
            }
            i += 1
        }
        return false
    }

    static func response(
        _ status: Int, _ reason: String, _ body: String, head: Bool, contentType: String = "text/plain; charset=utf-8"
    ) -> [UInt8] {
        let bytes = Array(body.utf8)
        let headers =
            "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(bytes.count)\r\n"
            + "Connection: close\r\n\r\n"
        return Array(headers.utf8) + (head ? [] : bytes)
    }
}

/// The metrics endpoint could not be opened: the address, the system's error, and what to check.
public struct MetricsServerError: Error, Sendable, CustomStringConvertible {
    public var address: String
    public var errno: Int32
    public var message: String

    init(address: String, errno: Int32, _ message: String) {
        self.address = address
        self.errno = errno
        self.message = message
    }

    public var description: String { "\(message): \(address): \(String(cString: strerror(errno)))" }
}
