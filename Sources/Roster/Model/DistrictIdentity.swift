/// How the district appears in mail: its name, mail domain and the Community Schools address.
public struct DistrictIdentity: Sendable, Equatable {
    public var name: String
    /// Domain of Message-IDs and reply addresses, e.g. `riverbend.example`.
    public var domain: String
    public var communitySchools: Person
    /// Local part of reply addresses: `rosters` gives `rosters+<token>@<domain>`.
    public var replyLocalPart: String

    public init(name: String, domain: String, communitySchools: Person, replyLocalPart: String) {
        self.name = name
        self.domain = domain
        self.communitySchools = communitySchools
        self.replyLocalPart = replyLocalPart
    }
}
