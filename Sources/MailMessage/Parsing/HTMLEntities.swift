/// HTML character references: numeric ones and the named ones mail clients use.
enum HTMLEntities {
    /// The text of `&name;` (without '&' and ';'), or nil when unknown.
    static func decode(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let v = value else { return nil }
            if (0x80...0x9F).contains(v) {
                // Windows-1252 code points written as numeric references.
                return String(Unicode.Scalar(Charset.windows1252[Int(v) - 0x80]).map(Character.init) ?? "\u{FFFD}")
            }
            return String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}")
        }
        return named[name] ?? named[name.lowercased()]
    }

    /// Names browsers accept without the ';'.
    static let legacy: Set<String> = ["nbsp", "amp", "lt", "gt", "quot", "copy", "reg"]

    private static let named: [String: String] = [
        "nbsp": "\u{A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "copy": "©", "reg": "®",
        "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“",
        "rdquo": "”", "sbquo": "‚", "bdquo": "„", "laquo": "«", "raquo": "»", "bull": "•", "middot": "·",
        "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "sect": "§", "para": "¶", "deg": "°", "plusmn": "±",
        "times": "×", "divide": "÷", "frac12": "½", "frac14": "¼", "frac34": "¾", "iexcl": "¡", "iquest": "¿",
        "ordf": "ª", "ordm": "º", "shy": "\u{AD}", "zwnj": "\u{200C}", "zwj": "\u{200D}", "zwsp": "\u{200B}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "dagger": "†", "larr": "←", "rarr": "→",
        "aacute": "á", "eacute": "é", "iacute": "í", "oacute": "ó", "uacute": "ú", "yacute": "ý",
        "Aacute": "Á", "Eacute": "É", "Iacute": "Í", "Oacute": "Ó", "Uacute": "Ú", "Yacute": "Ý",
        "agrave": "à", "egrave": "è", "igrave": "ì", "ograve": "ò", "ugrave": "ù",
        "Agrave": "À", "Egrave": "È", "Igrave": "Ì", "Ograve": "Ò", "Ugrave": "Ù",
        "acirc": "â", "ecirc": "ê", "icirc": "î", "ocirc": "ô", "ucirc": "û",
        "Acirc": "Â", "Ecirc": "Ê", "Icirc": "Î", "Ocirc": "Ô", "Ucirc": "Û",
        "auml": "ä", "euml": "ë", "iuml": "ï", "ouml": "ö", "uuml": "ü", "yuml": "ÿ",
        "Auml": "Ä", "Euml": "Ë", "Iuml": "Ï", "Ouml": "Ö", "Uuml": "Ü",
        "atilde": "ã", "otilde": "õ", "ntilde": "ñ", "Atilde": "Ã", "Otilde": "Õ", "Ntilde": "Ñ",
        "ccedil": "ç", "Ccedil": "Ç", "aring": "å", "Aring": "Å", "aelig": "æ", "AElig": "Æ", "oslash": "ø",
        "Oslash": "Ø", "szlig": "ß", "eth": "ð", "thorn": "þ", "ETH": "Ð", "THORN": "Þ",
    ]
}
