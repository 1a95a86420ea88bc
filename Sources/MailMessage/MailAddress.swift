/// A mailbox: an ASCII addr-spec and an optional display name, validated on creation.
public struct MailAddress: Sendable, Hashable {
    public let displayName: String?
    /// `local@domain`, ASCII only (no SMTPUTF8).
    public let address: String

    /// Validates `address` and `displayName`; `field` names the header in errors ("To", "Cc", …).
    public init(_ address: String, displayName: String? = nil, field: String = "address") throws(MailError) {
        try Self.validate(address: address, field: field)
        if let displayName, let problem = ByteRules.lineBreakProblem(displayName.utf8) {
            throw MailError(code: .invalidHeaderValue, field: "\(field) display name", message: problem)
        }
        self.address = address
        self.displayName = displayName
    }

    private static func validate(address: String, field: String) throws(MailError) {
        func fail(_ message: String) -> MailError {
            MailError(code: .invalidAddress, field: field, message: "\"\(printable(address))\" \(message)")
        }
        if let problem = ByteRules.lineBreakProblem(address.utf8) { throw fail(problem) }
        let bytes = Array(address.utf8)
        if bytes.isEmpty {
            throw MailError(
                code: .invalidAddress, field: field, message: "is empty; give an address like name@example.org")
        }
        if bytes.contains(where: { $0 >= 0x80 }) {
            throw fail("contains non-ASCII characters; internationalized addresses (SMTPUTF8) are not supported")
        }
        if bytes.contains(where: { $0 == ByteRules.space || $0 == ByteRules.tab }) {
            throw fail("contains whitespace; remove it")
        }
        if bytes.contains(where: { $0 == 0x3C || $0 == 0x3E }) {
            throw fail("contains '<' or '>'; give the bare address without angle brackets")
        }
        let ats = bytes.indices.filter { bytes[$0] == 0x40 }
        guard ats.count == 1, let at = ats.first else {
            throw fail("must contain exactly one '@'")
        }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        if local.isEmpty { throw fail("has an empty local part before '@'") }
        if domain.isEmpty { throw fail("has an empty domain after '@'") }
        if local.count > 64 { throw fail("has a local part of \(local.count) characters; the limit is 64") }
        if domain.count > 255 { throw fail("has a domain of \(domain.count) characters; the limit is 255") }
        if bytes.count > 254 { throw fail("is \(bytes.count) characters long; the limit is 254") }
        if !ByteRules.isDotAtomText(local) {
            throw fail("has an invalid local part; use letters, digits, !#$%&'*+-/=?^_`{|}~ and single inner dots")
        }
        if !ByteRules.isDotAtomText(domain) {
            throw fail("has an invalid domain; use labels like example.org separated by single dots")
        }
    }

    /// The value with control characters escaped, safe to quote in an error message.
    private static func printable(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars.prefix(80) {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
