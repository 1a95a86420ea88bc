import CCurl

/// libcurl's C callbacks. Each gets the transcript back from its `void *` context pointer: an unretained
/// `Unmanaged` reference, valid because ``CurlEasy`` holds the transcript strongly for as long as the
/// handle exists, and because libcurl only calls them inside `curl_easy_perform` on the owning actor's
/// executor.
extension SMTPTranscript {
    var contextPointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    private static func from(_ pointer: UnsafeMutableRawPointer?) -> SMTPTranscript? {
        guard let pointer else { return nil }
        return Unmanaged<SMTPTranscript>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// CURLOPT_READFUNCTION: the message body.
    static let readCallback: curl_read_callback = { buffer, size, count, context in
        guard let buffer, let transcript = SMTPTranscript.from(context) else { return ccurl_readfunc_abort() }
        let target = UnsafeMutableRawBufferPointer(start: buffer, count: size * count)
        guard let written = transcript.read(into: target) else { return ccurl_readfunc_abort() }
        return written
    }

    /// CURLOPT_DEBUGFUNCTION (with CURLOPT_VERBOSE): commands out, reply lines in. Nothing is printed.
    static let debugCallback: curl_debug_callback = { _, type, data, size, context in
        guard let data, let transcript = SMTPTranscript.from(context) else { return 0 }
        let bytes = UnsafeRawBufferPointer(start: data, count: size)
        switch type {
        case CURLINFO_HEADER_IN: transcript.received(bytes)
        case CURLINFO_HEADER_OUT: transcript.sent(bytes)
        default: break
        }
        return 0
    }

    /// CURLOPT_XFERINFOFUNCTION: called often while data moves and about once a second while waiting,
    /// including while libcurl waits for the reply after the final dot.
    static let progressCallback: curl_xferinfo_callback = { context, _, _, _, uploaded in
        guard let transcript = SMTPTranscript.from(context) else { return 1 }
        return transcript.progress(uploaded: Int64(uploaded)) ? 1 : 0
    }
}
