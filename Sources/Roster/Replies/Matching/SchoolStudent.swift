/// A student of the site's school as the matcher sees it. The lead's store fills these from `student`
/// and `participation` (active or pending_sis at this site → `onSiteRoster`).
public struct SchoolStudent: Sendable, Hashable {
    public var studentNumber: String
    public var givenName: String
    public var familyName: String
    public var grade: Grade?
    /// On this site's roster now (active, or added and waiting for the SIS).
    public var onSiteRoster: Bool

    public init(studentNumber: String, givenName: String, familyName: String, grade: Grade?, onSiteRoster: Bool) {
        self.studentNumber = studentNumber
        self.givenName = givenName
        self.familyName = familyName
        self.grade = grade
        self.onSiteRoster = onSiteRoster
    }
}
