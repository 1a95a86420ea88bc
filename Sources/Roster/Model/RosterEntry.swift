/// One student line of a site's weekly roster. Names stay out of logs.
public struct RosterEntry: Sendable, Hashable {
    public enum Change: String, Sendable {
        case none = ""
        case added = "new this week"
        case dropped = "dropped"
    }

    public var studentNumber: String
    public var givenName: String
    public var familyName: String
    public var grade: Grade?
    public var releaseOnFile: Bool
    public var change: Change

    public init(
        studentNumber: String, givenName: String, familyName: String, grade: Grade?, releaseOnFile: Bool,
        change: Change
    ) {
        self.studentNumber = studentNumber
        self.givenName = givenName
        self.familyName = familyName
        self.grade = grade
        self.releaseOnFile = releaseOnFile
        self.change = change
    }
}

/// A site's roster for one week: the active students, plus those dropped since last week.
public struct WeeklyRoster: Sendable {
    public var siteID: String
    public var week: ISOWeek
    public var active: [RosterEntry]
    public var droppedSinceLastWeek: [RosterEntry]

    public init(siteID: String, week: ISOWeek, active: [RosterEntry], droppedSinceLastWeek: [RosterEntry]) {
        self.siteID = siteID
        self.week = week
        self.active = active
        self.droppedSinceLastWeek = droppedSinceLastWeek
    }
}
