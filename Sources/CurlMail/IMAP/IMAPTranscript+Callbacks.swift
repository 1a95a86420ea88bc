import CCurl

/// libcurl's C callbacks. Each gets the transcript back from its `void *` context pointer: an unretained
/// `Unmanaged` reference, valid because ``CurlEasy`` holds the transcript strongly for as long as the handle
/// exists, and because libcurl only calls them inside `curl_easy_perform` on the owning actor's executor.
extension IMAPTranscript {
    var contextPointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    private static func from(_ pointer: UnsafeMutableRawPointer?) -> IMAPTranscript? {
        guard let pointer else { return nil }
        return Unmanaged<IMAPTranscript>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// CURLOPT_WRITEFUNCTION: the fetched message (returning less than given aborts the transfer).
    static let writeCallback: curl_write_callback = { data, size, count, context in
        guard let transcript = IMAPTranscript.from(context) else { return 0 }
        let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size * count)
        return transcript.write(bytes) ? size * count : 0
    }

    /// CURLOPT_DEBUGFUNCTION (with CURLOPT_VERBOSE): commands out, server lines in. Nothing is printed.
    static let debugCallback: curl_debug_callback = { _, type, data, size, context in
        guard let data, let transcript = IMAPTranscript.from(context) else { return 0 }
        let bytes = UnsafeRawBufferPointer(start: data, count: size)
        switch type {
        case CURLINFO_HEADER_IN: transcript.received(bytes)
        case CURLINFO_HEADER_OUT: transcript.sent(bytes)
        default: break
        }
        return 0
    }

    /// CURLOPT_XFERINFOFUNCTION: called often while data moves and about once a second while waiting.
    static let progressCallback: curl_xferinfo_callback = { context, _, _, _, _ in
        guard let transcript = IMAPTranscript.from(context) else { return 1 }
        return transcript.progress() ? 1 : 0
    }
}
