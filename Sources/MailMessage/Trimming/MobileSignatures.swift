/// One-line signatures that mail apps add ("Sent from my iPhone", "Enviado desde mi Android", "Get Outlook
/// for iOS"). A line is one only if it names a device or app, or is "Sent from my <a few words>" with
/// nothing after but an apology for typos: "Sent from my desk, is much easier…" stays.
enum MobileSignatures {
    static func isSignature(_ content: Substring) -> Bool {
        guard content.utf8.count <= 320, mayBeSignature(content) else { return false }
        return matchesRules(content)
    }

    /// The rules themselves, after the cheap first test (which only says "no" where they say "no").
    static func matchesRules(_ content: Substring) -> Bool {
        let s = simplified(content)
        guard !s.isEmpty else { return false }
        let words = s.split(separator: " ")
        if s.hasPrefix("sent ") {
            let rest = s.dropFirst(5)
            for verb in ["from ", "via ", "with ", "by ", "using ", "on "] where rest.hasPrefix(verb) {
                let object = rest.dropFirst(verb.count)
                if object.hasPrefix("my ") { return isShortDevice(object.dropFirst(3)) }
                return words.count <= 9 && mentionsDevice(object)
            }
            return false
        }
        if s.hasPrefix("from my ") { return words.count <= 6 && mentionsDevice(s.dropFirst(8)) }
        if s.hasSuffix(" from mobile") || s.hasSuffix(" from my phone") { return words.count <= 4 }
        if s.hasPrefix("get outlook for ") || s.hasPrefix("obtener outlook para ") { return words.count <= 8 }
        guard words.count <= 14 else { return false }
        for prefix in prefixes where s.hasPrefix(prefix) { return true }
        if s.hasPrefix("von meinem ") || s.hasPrefix("diese nachricht wurde von ") { return s.hasSubstring("gesendet") }
        return false
    }

    /// A cheap first test: the first letter (after brackets) starts one of the phrases, or the line ends
    /// like "… from mobile" / "… from my phone".
    static func mayBeSignature(_ content: Substring) -> Bool {
        content.withUTF8Bytes { b in
            func endsWith(_ word: StaticString) -> Bool {
                let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
                guard b.count >= w.count else { return false }
                return zip(b[(b.count - w.count)...], w).allSatisfy { $0 | 0x20 == $1 }
            }
            if endsWith("mobile") || endsWith("phone") { return true }
            guard let start = b.firstIndex(where: { !"(<[ *_-".utf8.contains($0) }) else { return false }
            if b[start] >= 0x80 { return mayBeNonASCIISignature(b, start: start) }
            var end = start
            while end < b.count, (0x61...0x7A).contains(b[end] | 0x20) { end += 1 }
            guard end - start <= maxFirstWordLength else { return false }
            var word = ""
            for k in start..<end { word.unicodeScalars.append(Unicode.Scalar(b[k] | 0x20)) }
            return firstWords.contains(word)
        }
    }

    /// For a line whose first character (after brackets and blanks) is not ASCII. Such a line can only be a
    /// signature through a phrase that starts with a non-ASCII letter ("отправлено с …", "发自我的…"), or
    /// through "… from mobile" / "… from my phone" (so it contains "mobile" or "phone"), or when
    /// `simplified` removes more than what was skipped (a no-break space, a `<…>` or `[…](…)` link).
    private static func mayBeNonASCIISignature(_ b: UnsafeBufferPointer<UInt8>, start: Int) -> Bool {
        if b[..<start].contains(where: { $0 == 0x3C || $0 == 0x5B }) { return true }
        if nonASCIIStarts.contains(where: { b[start...].starts(with: $0) }) { return true }
        return contains(b, "mobile") || contains(b, "phone")
    }

    /// The first letters of the phrases that start with a non-ASCII letter (both cases) and the no-break
    /// space, as UTF-8.
    private static let nonASCIIStarts: [[UInt8]] = ["о", "О", "н", "Н", "发", "從", "寄", "\u{A0}"].map {
        Array($0.utf8)
    }

    /// `word` (lowercase ASCII) occurs in `b`, ASCII case-insensitively.
    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard b.count >= w.count else { return false }
        for i in 0...(b.count - w.count) where (0..<w.count).allSatisfy({ b[i + $0] | 0x20 == w[$0] }) {
            return true
        }
        return false
    }

    /// The ASCII start of the first word of each phrase ("envoy" of "envoyé", "fr" of "från").
    private static let firstWords: Set<String> = [
        "sent", "from", "get", "obtener", "envoy", "enviado", "gesendet", "von", "diese", "inviato", "sendt",
        "verzonden", "verstuurd", "skickat", "fr", "wys", "iphone",
    ]
    private static let maxFirstWordLength = firstWords.map(\.utf8.count).max() ?? 0

    private static let prefixes = [
        "envoyé depuis mon ", "envoyé depuis ma ", "envoyé de mon ", "envoyé depuis yahoo", "envoyé avec ",
        "gesendet von meinem ", "gesendet mit ", "inviato da ", "sendt fra min ", "sendt fra ", "enviado do meu ",
        "enviado desde mi ", "enviado desde ", "enviado de mi ", "enviado con ", "enviado via ", "enviado pelo ",
        "verzonden met ", "verzonden vanaf mijn ", "verstuurd vanaf mijn ", "verstuurd met ", "skickat från min ",
        "skickat från ", "från min ", "wysłane z ", "wysłano z ", "отправлено с ", "надіслано з ", "发自我的",
        "從我的 ", "從我的", "寄自我的", "iphoneから送信",
    ]

    private static let devices: Set<String> = [
        "iphone", "ipad", "ipod", "android", "blackberry", "galaxy", "samsung", "htc", "nokia", "motorola",
        "pixel", "huawei", "xiaomi", "sony", "lg", "mobile", "phone", "cell", "cellphone", "smartphone", "tablet",
        "device", "outlook", "mail", "mailbox", "airmail", "yahoo", "gmail", "aol", "windows", "protonmail",
        "proton", "spark", "bluemail", "watch", "handy", "móvil", "movil", "celular",
    ]
    private static let apologies = ["excuse", "typo", "brevity", "autocorrect", "pardon", "short", "disculp"]

    /// "Sent from my X": X is at most six words up to the first punctuation, and only an apology follows.
    private static func isShortDevice(_ device: Substring) -> Bool {
        let clauseEnd = device.firstIndex { ",.;!".contains($0) } ?? device.endIndex
        let clause = device[..<clauseEnd]
        let rest = device[clauseEnd...].drop { ",.;! ".contains($0) }
        guard !clause.isEmpty, clause.split(separator: " ").count <= 6 else { return false }
        return rest.isEmpty || apologies.contains { rest.contains($0) }
    }

    private static func mentionsDevice(_ text: Substring) -> Bool {
        text.split { !$0.isLetter && $0 != "-" }.contains { devices.contains(String($0)) }
    }

    /// Lowercased, markdown links and `<…>` removed, outer brackets and punctuation stripped, blanks collapsed.
    static func simplified(_ content: Substring) -> String {
        content.isPlainASCII ? content.withUTF8Bytes(simplifiedASCII) : simplifiedScalars(content)
    }

    /// `simplified` on the bytes of a plain-ASCII line: the same steps, one byte per character.
    static func simplifiedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let s = bytes.map(ASCIIByte.lowercased)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        var pendingSpace = false
        while i < s.count {
            let c = s[i]
            if c == 0x3C, let close = s[i...].firstIndex(of: 0x3E), close - i > 8, !s[i..<close].contains(0x20) {
                i = close + 1  // <https://…>
                pendingSpace = true
                continue
            }
            if c == 0x5D, i + 1 < s.count, s[i + 1] == 0x28, let close = s[i...].firstIndex(of: 0x29) {
                i = close + 1  // [text](link)
                continue
            }
            if c == 0x5B {
                i += 1
                continue
            }
            if c == 0x20 || c == 0x09 {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(c)
            }
            i += 1
        }
        let strip = "()<>[]. *_-".utf8
        var lo = 0
        var hi = out.count
        while lo < hi, strip.contains(out[lo]) { lo += 1 }
        while hi > lo, strip.contains(out[hi - 1]) { hi -= 1 }
        return String(decoding: out[lo..<hi], as: UTF8.self)
    }

    /// `simplified` on Unicode scalars: the reference, and the path for lines that are not plain ASCII.
    static func simplifiedScalars(_ content: Substring) -> String {
        let s = Array(content.lowercased().unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var pendingSpace = false
        func index(of scalar: Unicode.Scalar, from k: Int) -> Int? { s[k...].firstIndex(of: scalar) }
        while i < s.count {
            let c = s[i]
            if c == "<", let close = index(of: ">", from: i), close - i > 8, !s[i..<close].contains(" ") {
                i = close + 1  // <https://…>
                pendingSpace = true
                continue
            }
            if c == "]", i + 1 < s.count, s[i + 1] == "(", let close = index(of: ")", from: i) {
                i = close + 1  // [text](link)
                continue
            }
            if c == "[" {
                i += 1
                continue
            }
            if c == " " || c == "\t" || c == "\u{A0}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(c)
            }
            i += 1
        }
        let strip: Set<Character> = ["(", ")", "<", ">", "[", "]", ".", " ", "*", "_", "-"]
        let text = String(out)
        return String(text.drop { strip.contains($0) }.reversed().drop { strip.contains($0) }.reversed())
    }
}
