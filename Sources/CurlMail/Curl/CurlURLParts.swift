import CCurl

/// A URL split by libcurl's own parser (CURLU), so what the settings check is what libcurl will use.
struct CurlURLParts {
    var scheme: String
    var host: String?
    var port: String?
    var path: String?
    var query: String?
    var fragment: String?
    /// User, password or login options: credentials never belong in our URLs.
    var hasCredentials: Bool

    enum Failure: Error {
        /// `curl_url()` returned NULL (out of memory).
        case noHandle
        /// libcurl's message for a text it cannot parse as a URL.
        case invalid(String)
    }

    static func parse(_ url: String) -> Result<CurlURLParts, Failure> {
        guard let handle = curl_url() else { return .failure(.noHandle) }
        defer { curl_url_cleanup(handle) }
        let code = curl_url_set(handle, CURLUPART_URL, url, 0)
        guard code == CURLUE_OK else { return .failure(.invalid(String(cString: curl_url_strerror(code)))) }
        func part(_ what: CURLUPart) -> String? {
            var value: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, what, &value, 0) == CURLUE_OK, let value else { return nil }
            defer { curl_free(value) }
            return String(cString: value)
        }
        return .success(
            CurlURLParts(
                scheme: part(CURLUPART_SCHEME)?.lowercased() ?? "", host: part(CURLUPART_HOST),
                port: part(CURLUPART_PORT),
                path: part(CURLUPART_PATH), query: part(CURLUPART_QUERY), fragment: part(CURLUPART_FRAGMENT),
                hasCredentials: part(CURLUPART_USER) != nil || part(CURLUPART_PASSWORD) != nil
                    || part(CURLUPART_OPTIONS) != nil))
    }
}
