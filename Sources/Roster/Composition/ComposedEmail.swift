/// One roster email ready for the outbox.
public struct ComposedEmail: Sendable {
    public var siteID: String
    public var week: ISOWeek
    public var recipient: String
    public var messageID: String
    public var bytes: [UInt8]

    public init(siteID: String, week: ISOWeek, recipient: String, messageID: String, bytes: [UInt8]) {
        self.siteID = siteID
        self.week = week
        self.recipient = recipient
        self.messageID = messageID
        self.bytes = bytes
    }
}
