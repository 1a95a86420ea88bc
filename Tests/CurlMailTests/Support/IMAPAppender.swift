import CCurl
import Foundation

/// Puts messages into a Dovecot mailbox with IMAP APPEND, through libcurl (CURLOPT_UPLOAD to the mailbox
/// URL), over one connection: how the tests deliver replies. Each message is stored byte for byte.
final class IMAPAppender {
    private let handle: UnsafeMutableRawPointer
    private let body = Body()

    /// What the read callback hands libcurl.
    private final class Body {
        var bytes: [UInt8] = []
        var offset = 0
    }

    init(server: DovecotServer) throws {
        guard let handle = curl_easy_init() else { throw TestServerError(message: "curl_easy_init failed") }
        self.handle = handle
        let ca = try TestCA.shared.get()
        let context = Unmanaged.passUnretained(body).toOpaque()
        let codes = [
            ccurl_setopt_string(handle, CURLOPT_USERNAME, "roster"),
            ccurl_setopt_string(handle, CURLOPT_PASSWORD, "secret"),
            ccurl_setopt_string(handle, CURLOPT_CAINFO, ca.caFile),
            ccurl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)),
            ccurl_setopt_long(handle, CURLOPT_UPLOAD, 1),
            ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            ccurl_setopt_long(handle, CURLOPT_TIMEOUT, 10),
            ccurl_setopt_read_function(handle, Self.read),
            ccurl_setopt_pointer(handle, CURLOPT_READDATA, context),
        ]
        guard codes.allSatisfy({ $0 == CURLE_OK }) else {
            curl_easy_cleanup(handle)
            throw TestServerError(message: "curl_easy_setopt failed: \(codes)")
        }
        baseURL = "imap://127.0.0.1:\(server.port)/"
    }

    private let baseURL: String

    deinit {
        curl_easy_cleanup(handle)
        withExtendedLifetime(body) {}
    }

    private static let read: curl_read_callback = { buffer, size, count, context in
        guard let buffer, let context else { return ccurl_readfunc_abort() }
        let body = Unmanaged<Body>.fromOpaque(context).takeUnretainedValue()
        let length = min(size * count, body.bytes.count - body.offset)
        guard length > 0 else { return 0 }
        body.bytes.withUnsafeBytes { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + body.offset, byteCount: length)
        }
        body.offset += length
        return length
    }

    /// APPENDs `message` to `mailbox` (created by Dovecot's INBOX autocreation only: create others first).
    func append(_ message: [UInt8], to mailbox: String = "INBOX") throws {
        body.bytes = message
        body.offset = 0
        let url = baseURL + (mailbox.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? mailbox)
        guard ccurl_setopt_string(handle, CURLOPT_URL, url) == CURLE_OK,
            ccurl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count)) == CURLE_OK
        else { throw TestServerError(message: "curl_easy_setopt failed") }
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            throw TestServerError(message: "APPEND to \(mailbox) failed: \(String(cString: curl_easy_strerror(code)))")
        }
    }
}
