import Foundation

/// Content-Type and Content-Disposition values for parts: media type checks and RFC 2231 filenames.
enum MIMEParameters {
    /// The longest plain `filename="…"` written; longer or non-ASCII names get `filename*`.
    static let maxFallbackLength = 60

    /// Checks a caller-given media type like "text/csv; charset=utf-8".
    static func validateMediaType(_ value: String, field: String) throws(MailError) {
        func fail(_ message: String) -> MailError {
            MailError(code: .invalidHeaderValue, field: field, message: message)
        }
        if let problem = ByteRules.lineBreakProblem(value.utf8) { throw fail(problem) }
        let bytes = Array(value.utf8)
        if bytes.contains(where: { ($0 < 0x20 && $0 != ByteRules.tab) || $0 >= 0x7F }) {
            throw fail(
                "\"\(value)\" contains non-ASCII or control characters; use an ASCII media type such as text/csv")
        }
        let typeEnd = bytes.firstIndex(of: 0x3B) ?? bytes.count
        let type = Array(
            bytes[..<typeEnd].drop(while: ByteRules.isWSP).reversed().drop(while: ByteRules.isWSP).reversed())
        guard let slash = type.firstIndex(of: 0x2F), slash > 0, slash < type.count - 1,
            type[..<slash].allSatisfy(ByteRules.isToken), type[(slash + 1)...].allSatisfy(ByteRules.isToken)
        else {
            throw fail("\"\(value)\" is not a media type like text/csv or application/pdf")
        }
        let top = String(decoding: type[..<slash], as: UTF8.self).lowercased()
        if top == "multipart" || top == "message" {
            throw fail("\"\(value)\" cannot be a base64 attachment; build it with MIMEPart.multipart")
        }
    }

    /// Checks a MIME subtype such as "plain", "html", "alternative", "mixed".
    static func validateSubtype(_ value: String, field: String) throws(MailError) {
        if let problem = ByteRules.lineBreakProblem(value.utf8) {
            throw MailError(code: .invalidHeaderValue, field: field, message: problem)
        }
        if value.isEmpty || !value.utf8.allSatisfy(ByteRules.isToken) {
            throw MailError(
                code: .invalidHeaderValue, field: field,
                message: "subtype \"\(value)\" is not a MIME token; use letters, digits and -.+ such as \"plain\"")
        }
    }

    static func validateFilename(_ value: String, field: String) throws(MailError) {
        if let problem = ByteRules.lineBreakProblem(value.utf8) {
            throw MailError(code: .invalidHeaderValue, field: field, message: problem)
        }
        if value.isEmpty {
            throw MailError(
                code: .invalidHeaderValue, field: field, message: "is empty; give the attachment a file name")
        }
    }

    /// `; name="…"` for Content-Type: the printable-ASCII stand-in older clients show.
    static func nameParameter(filename: String) -> [UInt8] {
        var out = Array("; name=".utf8)
        appendQuoted(asciiFallback(filename), to: &out)
        return out
    }

    /// `attachment; filename="…"` for short printable-ASCII names, else RFC 2231
    /// `filename*=UTF-8''…` (in sections `filename*0*`, `filename*1*`, … when long).
    /// Only one of the two forms: parsers such as Python's reject both as a duplicate parameter.
    static func contentDisposition(filename: String) -> [UInt8] {
        var out = Array("attachment; ".utf8)
        if asciiFallback(filename) == filename {
            out.append(contentsOf: "filename=".utf8)
            appendQuoted(filename, to: &out)
            return out
        }
        // Percent-encoded per scalar, so sections never split a UTF-8 sequence (Python flags that).
        var pieces: [[UInt8]] = [Array("UTF-8''".utf8)]
        for scalar in filename.unicodeScalars {
            var piece: [UInt8] = []
            for b in String(scalar).utf8 {
                if isAttrChar(b) {
                    piece.append(b)
                } else {
                    piece.append(0x25)
                    piece.append(ByteRules.hexUpper[Int(b >> 4)])
                    piece.append(ByteRules.hexUpper[Int(b & 0x0F)])
                }
            }
            pieces.append(piece)
        }
        var sections: [[UInt8]] = [[]]
        for piece in pieces {
            if sections[sections.count - 1].count + piece.count > 60 { sections.append([]) }
            sections[sections.count - 1].append(contentsOf: piece)
        }
        if sections.count == 1 {
            out.append(contentsOf: "filename*=".utf8)
            out.append(contentsOf: sections[0])
            return out
        }
        for (index, section) in sections.enumerated() {
            if index > 0 { out.append(contentsOf: "; ".utf8) }
            out.append(contentsOf: "filename*\(index)*=".utf8)
            out.append(contentsOf: section)
        }
        return out
    }

    private static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        out.append(0x22)
        for b in value.utf8 {
            if b == 0x22 || b == 0x5C { out.append(0x5C) }
            out.append(b)
        }
        out.append(0x22)
    }

    /// Printable ASCII stand-in: accents dropped, other characters as "_", extension kept when shortened.
    static func asciiFallback(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" {
                scalars.append(scalar)
            } else if scalar.properties.generalCategory != .nonspacingMark {
                scalars.append("_")
            }
        }
        var result = String(scalars)
        if result.count > maxFallbackLength {
            let ext = result.lastIndex(of: ".").map { String(result[$0...]) } ?? ""
            let keep = ext.count <= 10 ? ext : ""
            result = String(result.prefix(maxFallbackLength - keep.count)) + keep
        }
        return result
    }

    /// RFC 2231 `attribute-char`.
    private static func isAttrChar(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: return true
        case 0x21, 0x23, 0x24, 0x26, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: return true
        default: return false
        }
    }
}
