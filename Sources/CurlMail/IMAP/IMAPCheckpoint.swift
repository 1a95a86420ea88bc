/// How far a mailbox has been processed: the highest UID handled under one UIDVALIDITY.
///
/// Stored by the caller in the same transaction as the messages it processed. A checkpoint whose
/// ``uidValidity`` differs from the mailbox's current one means nothing: ``IMAPMailbox/newMessages(since:)``
/// then returns every message, and the caller deduplicates them by Message-ID.
public struct IMAPCheckpoint: Sendable, Equatable, Codable {
    public var uidValidity: UInt32
    public var lastUID: UInt32

    public init(uidValidity: UInt32, lastUID: UInt32) {
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}
