import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owns one libcurl easy handle: typed option setters that throw on a libcurl error, and cleanup.
///
/// Not `Sendable`: an easy handle must be used by one thread at a time, so a `CurlEasy` lives inside an
/// actor (``SMTPSubmission``) and is only touched on that actor's serial executor.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    /// libcurl writes the reason of a failed transfer here (CURLOPT_ERRORBUFFER).
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// What the callbacks' context pointers point to, kept alive as long as the handle (and released
    /// only after `curl_easy_cleanup`, which may still call them).
    private let context: AnyObject

    /// - Parameter context: the object whose unretained pointer is given to libcurl's callbacks.
    init(context: AnyObject) throws(SMTPError) {
        self.context = context
        let global = CurlGlobal.initialized
        guard global == CURLE_OK else {
            throw SMTPError(.libcurl, "curl_global_init failed", curlCode: global)
        }
        guard let handle = curl_easy_init() else {
            throw SMTPError(.libcurl, "curl_easy_init returned NULL (out of memory?)")
        }
        self.handle = handle
        let size = ccurl_error_size()
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
        withExtendedLifetime(context) {}
    }

    func set(_ option: CURLoption, _ value: Int) throws(SMTPError) {
        try check(ccurl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: Bool) throws(SMTPError) {
        try check(ccurl_setopt_long(handle, option, value ? 1 : 0), option)
    }

    /// A string option; `nil` resets it. libcurl keeps its own copy.
    func set(_ option: CURLoption, _ value: String?) throws(SMTPError) {
        let code: CURLcode
        if let value {
            code = ccurl_setopt_string(handle, option, value)
        } else {
            code = ccurl_setopt_string(handle, option, nil)
        }
        try check(code, option)
    }

    func set(_ option: CURLoption, offset value: Int64) throws(SMTPError) {
        try check(ccurl_setopt_off_t(handle, option, curl_off_t(value)), option)
    }

    /// An opaque pointer option; the caller keeps what it points to alive while it is set.
    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(SMTPError) {
        try check(ccurl_setopt_pointer(handle, option, value), option)
    }

    /// A list option; the caller keeps the list alive while it is set.
    func set(_ option: CURLoption, list value: UnsafeMutablePointer<curl_slist>?) throws(SMTPError) {
        try check(ccurl_setopt_slist(handle, option, value), option)
    }

    func check(_ code: CURLcode, _ option: CURLoption) throws(SMTPError) {
        guard code == CURLE_OK else {
            throw SMTPError(.libcurl, "curl_easy_setopt(option \(option.rawValue)) failed", curlCode: code)
        }
    }

    /// Runs the transfer (blocking). Clears the error buffer first so ``lastErrorMessage`` is this one's.
    func perform() -> CURLcode {
        errorBuffer[0] = 0
        return curl_easy_perform(handle)
    }

    /// libcurl's message for the last failed transfer, or its generic text for `code`.
    func errorMessage(for code: CURLcode) -> String {
        if errorBuffer[0] != 0 {
            return String(cString: errorBuffer)
        }
        return String(cString: curl_easy_strerror(code))
    }

    func offsetInfo(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        guard ccurl_getinfo_off_t(handle, info, &value) == CURLE_OK else { return 0 }
        return Int64(value)
    }

    /// Shuts down the socket of the last transfer's connection, if libcurl kept it, without sending anything:
    /// the QUIT that `curl_easy_cleanup` then tries fails at once instead of waiting up to the server
    /// response timeout for a server that stopped answering. (Shut down, not closed: libcurl still owns the
    /// descriptor.)
    func discardConnection() {
        var socket = curl_socket_t(-1)
        guard ccurl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK, socket >= 0 else { return }
        _ = shutdown(socket, Int32(SHUT_RDWR))
    }

    func info(_ info: CURLINFO) -> Int {
        var value = 0
        guard ccurl_getinfo_long(handle, info, &value) == CURLE_OK else { return 0 }
        return value
    }
}
