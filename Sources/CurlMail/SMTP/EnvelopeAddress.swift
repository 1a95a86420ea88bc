/// Checks an envelope address before it reaches libcurl, which (7.88) writes `MAIL FROM`/`RCPT TO`
/// arguments verbatim: a CR or LF in an address would inject SMTP commands.
enum EnvelopeAddress {
    /// RFC 5321 §4.5.3.1: local part ≤ 64 octets, domain ≤ 255, path (with `<` `>`) ≤ 256.
    static let maxLocalPart = 64
    static let maxDomain = 255
    static let maxPath = 256

    /// `role` names the address in the error (`from`, `to`). An empty `from` is the null reverse-path
    /// (`MAIL FROM:<>`), allowed; an empty `to` is not.
    static func check(_ address: String, role: String) throws(SMTPError) {
        let bytes = Array(address.utf8)
        if let index = bytes.firstIndex(where: { $0 < 0x20 || $0 == 0x7F }) {
            let name =
                switch bytes[index] {
                case 13: "CR"
                case 10: "LF"
                case 0: "NUL"
                default: "control character 0x\(String(bytes[index], radix: 16))"
                }
            throw SMTPError(.invalidAddress, "\(role) address has a \(name) at byte \(index)")
        }
        if bytes.isEmpty {
            guard role == "from" else { throw SMTPError(.invalidAddress, "\(role) address is empty") }
            return
        }
        if let index = bytes.firstIndex(where: { $0 == 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) {
            throw SMTPError(
                .invalidAddress,
                "\(role) address \"\(address)\" has a space, < or > at byte \(index): give the bare address")
        }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else {
            throw SMTPError(.invalidAddress, "\(role) address \"\(address)\" is not local-part@domain")
        }
        let localLength = at
        let domainLength = bytes.count - at - 1
        guard localLength <= maxLocalPart else {
            throw SMTPError(
                .invalidAddress, "\(role) address local part is \(localLength) octets (RFC 5321 limit \(maxLocalPart))")
        }
        guard domainLength <= maxDomain else {
            throw SMTPError(
                .invalidAddress, "\(role) address domain is \(domainLength) octets (RFC 5321 limit \(maxDomain))")
        }
        guard bytes.count + 2 <= maxPath else {
            throw SMTPError(
                .invalidAddress, "\(role) path <\(address)> is \(bytes.count + 2) octets (RFC 5321 limit \(maxPath))")
        }
    }
}
