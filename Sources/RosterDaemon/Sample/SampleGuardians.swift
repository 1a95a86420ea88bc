/// The sample district's parents and guardians: OneRoster users (role `parent`, some `guardian` or
/// `relative`) whose `agentSourcedIds` name their children. Shapes a release process meets: most students
/// have one or two guardians, some none; some families have two children (two students, often at two
/// schools, share their guardians); a few guardians have no email; most give a preferred language.
///
/// Drawn from a generator of its own (derived from the district's seed), so adding guardians left the
/// students, partners and participation of every seed as they were.
struct SampleGuardians {
    /// Domain of the guardians' addresses (reserved `.example`: nothing can be delivered there).
    static let domain = "families.riverbend.example"
    /// Share of students with no guardian on file, of families with a second child, of families with one
    /// guardian only, and of guardians without an email, in percent.
    static let noGuardianPercent = 6
    static let siblingPercent = 14
    static let singleGuardianPercent = 38
    static let noEmailPercent = 7
    /// `metadata.preferredLanguage` (the OneRoster 1.1 extension column), cumulative percent; "" = not given.
    static let languages: [(upTo: Int, code: String)] = [
        (60, "en"), (84, "es"), (87, "vi"), (89, "zh"), (91, "ar"), (92, "so"), (100, ""),
    ]

    var rng: SeededGenerator
    private(set) var guardians = 0
    private(set) var links = 0
    private let givenSlugs = SampleNames.given.map(SampleDistrict.slug)
    private let familySlugs = SampleNames.family.map(SampleDistrict.slug)

    init(seed: UInt64) { rng = SeededGenerator(seed: seed ^ 0x6775_6172_6469_616E) }

    /// Appends the guardian rows of `students` students (`stu-1` …) to users.csv. `family(i)` is the index
    /// of student `i`'s family name in ``SampleNames/family``, `org(i)` their school's org sourcedId.
    mutating func write(
        students: Int, family: (Int) -> Int, org: (Int) -> String, into users: inout CSVText
    ) {
        var i = 0
        while i < students {
            if Int.random(in: 0..<100, using: &rng) < Self.noGuardianPercent {
                i += 1
                continue
            }
            var children = "stu-\(i + 1)"
            let first = i
            let kids = i + 1 < students && Int.random(in: 0..<100, using: &rng) < Self.siblingPercent ? 2 : 1
            if kids == 2 { children += ",stu-\(i + 2)" }
            i += kids
            let count = Int.random(in: 0..<100, using: &rng) < Self.singleGuardianPercent ? 1 : 2
            for g in 0..<count {
                guardians += 1
                links += kids
                let given = Int.random(in: 0..<SampleNames.given.count, using: &rng)
                // Most share the child's family name; a second guardian often does not.
                let keepsName = g == 0 ? Int.random(in: 0..<100, using: &rng) < 85 : Bool.random(using: &rng)
                let surname = keepsName ? family(first) : Int.random(in: 0..<SampleNames.family.count, using: &rng)
                let roll = Int.random(in: 0..<100, using: &rng)
                let role = roll < 88 ? "parent" : (roll < 97 ? "guardian" : "relative")
                let email =
                    Int.random(in: 0..<100, using: &rng) < Self.noEmailPercent
                    ? "" : "\(givenSlugs[given]).\(familySlugs[surname]).\(guardians)@\(Self.domain)"
                let l = Int.random(in: 0..<100, using: &rng)
                let language = Self.languages.first { l < $0.upTo }!.code
                users.row([
                    "gdn-\(guardians)", "", "", "true", org(first), role, "", "", SampleNames.given[given],
                    SampleNames.family[surname], "", "", email, "", "", children, "", "", language,
                ])
            }
        }
    }
}
