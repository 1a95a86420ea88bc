/// A guardian as imported (OneRoster user with role `parent`, `guardian`, `relative` or `relativeOf`): the
/// columns of the `guardian` table, and where its students' sourcedIds are in the parser's flat list.
struct GuardianRow: Equatable {
    var sourcedID: String
    var givenName: String
    var familyName: String
    var email: String?
    /// The first preferred language the SIS gives, lower-cased (`es`, `spa`, `en-us`), or nil.
    var language: String?
    var active: Bool
    /// `tobedeleted` in the file.
    var deleted = false
    /// users.csv line, for error messages.
    var line = 0
    /// The positions of this guardian's students (`agentSourcedIds`, repeats dropped) in
    /// ``OneRosterParser/guardianStudents``: one flat array rather than an array per row.
    var students: Range<Int> = 0..<0
}

extension GuardianRow {
    /// Equal in every stored column (line, deletion flag and students are not columns of `guardian`).
    func hasSameData(as o: GuardianRow) -> Bool {
        sourcedID == o.sourcedID && givenName == o.givenName && familyName == o.familyName && email == o.email
            && language == o.language && active == o.active
    }
}
