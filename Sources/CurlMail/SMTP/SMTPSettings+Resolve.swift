import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Validated settings in libcurl's terms.
struct ResolvedSMTPSettings {
    /// `scheme://host[:port]/[ehlo-name]`: libcurl takes the EHLO name from the URL path.
    var curlURL: String
    /// `CURLUSESSL_ALL` for `smtp://` (STARTTLS required), `CURLUSESSL_NONE` for `smtps://` (TLS from the
    /// first byte) and for the loopback `?tls=none` case.
    var useSSL: Int
    var host: String
    var isImplicitTLS: Bool
    var isClearText: Bool
}

extension SMTPSettings {
    func resolve() throws(SMTPError) -> ResolvedSMTPSettings {
        guard CurlGlobal.initialized == CURLE_OK else {
            throw SMTPError(.libcurl, "curl_global_init failed", curlCode: CurlGlobal.initialized)
        }
        let url = try parseURL()
        if let caFile {
            try Self.checkText(caFile, "caFile")
            guard access(caFile, R_OK) == 0 else {
                throw SMTPError(.invalidSetting, "caFile \(caFile) is not readable")
            }
        }
        if let username { try Self.checkText(username, "username") }
        if let password, password.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 }) {
            throw SMTPError(.invalidSetting, "password contains CR, LF or NUL")
        }
        if let loginOptions { try Self.checkText(loginOptions, "loginOptions") }
        if let ehloName { try Self.checkEHLOName(ehloName) }
        guard connectTimeout.isFinite, connectTimeout > 0 else {
            throw SMTPError(.invalidSetting, "connectTimeout must be a positive number of seconds")
        }
        guard lowSpeedTime > 0 else {
            throw SMTPError(.invalidSetting, "lowSpeedTime must be a positive number of seconds")
        }
        guard serverResponseTimeout > 0 else {
            throw SMTPError(.invalidSetting, "serverResponseTimeout must be a positive number of seconds")
        }
        let authority = url.port.map { "\(url.host):\($0)" } ?? url.host
        let path = (ehloName ?? "").utf8.map { byte in
            Self.isUnreserved(byte) ? String(UnicodeScalar(byte)) : "%" + Self.hex(byte)
        }.joined()
        return ResolvedSMTPSettings(
            curlURL: "\(url.scheme)://\(authority)/\(path)",
            useSSL: url.scheme == "smtp" && !url.clearText
                ? Int(CURLUSESSL_ALL.rawValue) : Int(CURLUSESSL_NONE.rawValue),
            host: url.host,
            isImplicitTLS: url.scheme == "smtps",
            isClearText: url.clearText
        )
    }

    private struct ParsedURL {
        var scheme: String
        var host: String
        var port: String?
        var clearText: Bool
    }

    /// Parsed with libcurl's own URL parser (CURLU), so what we check is what libcurl will use.
    private func parseURL() throws(SMTPError) -> ParsedURL {
        try Self.checkText(url, "url")
        let parts: CurlURLParts
        switch CurlURLParts.parse(url) {
        case .success(let p): parts = p
        case .failure(.noHandle): throw SMTPError(.libcurl, "curl_url returned NULL")
        case .failure(.invalid(let message)): throw SMTPError(.invalidURL, "url \"\(url)\" is not a URL (\(message))")
        }
        let scheme = parts.scheme
        guard scheme == "smtp" || scheme == "smtps" else {
            throw SMTPError(.invalidURL, "url \"\(url)\" must start with smtp:// or smtps://")
        }
        guard let host = parts.host, !host.isEmpty else {
            throw SMTPError(.invalidURL, "url \"\(url)\" has no host")
        }
        if parts.hasCredentials {
            throw SMTPError(.invalidURL, "url must not contain credentials: use username and password settings")
        }
        if let path = parts.path, path != "/", !path.isEmpty {
            throw SMTPError(.invalidURL, "url \"\(url)\" must not have a path: set ehloName for the EHLO name")
        }
        if parts.fragment != nil {
            throw SMTPError(.invalidURL, "url \"\(url)\" must not have a fragment")
        }
        var clearText = false
        if let query = parts.query {
            guard query == "tls=none" else {
                throw SMTPError(.invalidURL, "url \"\(url)\": the only query accepted is ?tls=none")
            }
            guard scheme == "smtp" else {
                throw SMTPError(.invalidURL, "url \"\(url)\": ?tls=none goes with smtp://, not smtps://")
            }
            guard Self.isLoopback(host) else {
                throw SMTPError(
                    .insecureTransport,
                    "url \"\(url)\": clear-text SMTP (?tls=none) is accepted only for a loopback host "
                        + "(127.0.0.0/8, ::1, localhost); use smtp:// (STARTTLS) or smtps://")
            }
            clearText = true
        }
        return ParsedURL(scheme: scheme, host: host, port: parts.port, clearText: clearText)
    }

    /// 127.0.0.0/8, ::1 (any spelling) or `localhost`, which libcurl resolves to loopback itself.
    static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        if host.hasPrefix("["), host.hasSuffix("]") {
            var v6 = in6_addr()
            guard inet_pton(AF_INET6, String(host.dropFirst().dropLast()), &v6) == 1 else { return false }
            let bytes = withUnsafeBytes(of: v6) { Array($0) }
            return bytes == Array(repeating: 0, count: 15) + [1]
        }
        return false
    }

    private static func checkText(_ value: String, _ name: String) throws(SMTPError) {
        if let index = value.utf8.firstIndex(where: { $0 < 0x20 || $0 == 0x7F }) {
            let offset = value.utf8.distance(from: value.utf8.startIndex, to: index)
            throw SMTPError(.invalidSetting, "\(name) has a control character (CR, LF, NUL, …) at byte \(offset)")
        }
    }

    /// A domain (letters, digits, `-`, `.`) or an address literal in brackets.
    private static func checkEHLOName(_ name: String) throws(SMTPError) {
        let bytes = Array(name.utf8)
        let valid: Bool
        if bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") {
            var inner = name.dropFirst().dropLast()
            if inner.hasPrefix("IPv6:") { inner = inner.dropFirst(5) }
            valid = !inner.isEmpty && inner.utf8.allSatisfy { isHexDigit($0) || $0 == 0x2E || $0 == 0x3A }
        } else {
            valid =
                !bytes.isEmpty && bytes.count <= 255
                && bytes.allSatisfy { isAlphanumeric($0) || $0 == 0x2D || $0 == 0x2E }
        }
        guard valid else {
            throw SMTPError(.invalidSetting, "ehloName \"\(name)\" is not a domain name or an address literal")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == 0x2D || byte == 0x2E
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
