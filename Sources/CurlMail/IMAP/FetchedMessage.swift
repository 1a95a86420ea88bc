/// One message as the server returned it for `UID FETCH n BODY[]`.
public struct FetchedMessage: Sendable {
    public var uid: UInt32
    /// The RFC 5322 message with CRLF line ends. Dovecot stores and returns 8-bit bytes unchanged, but sends
    /// a NUL byte as 0x80 (a literal in `BODY[]` may not contain NUL).
    public var bytes: [UInt8]

    public init(uid: UInt32, bytes: [UInt8]) {
        self.uid = uid
        self.bytes = bytes
    }
}
