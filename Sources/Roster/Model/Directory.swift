/// Who gets mail: the schools (with their Community School Coordinator) and the partners,
/// their programs and the sites (program × school) with contacts. Built from `partners.yaml`.
public struct Directory: Sendable, Equatable {
    public var schools: [School]
    public var partners: [Partner]

    public init(schools: [School], partners: [Partner]) {
        self.schools = schools
        self.partners = partners
    }

    /// Every site of every program of every partner.
    public var sites: [Site] { partners.flatMap { $0.programs.flatMap(\.sites) } }

    public func site(id: String) -> Site? { sites.first { $0.id == id } }
    public func school(number: String) -> School? { schools.first { $0.number == number } }
    public func program(id: String) -> Program? { partners.lazy.flatMap(\.programs).first { $0.id == id } }
    public func partner(id: String) -> Partner? { partners.first { $0.id == id } }
}

/// A person with a name and an email address (a contact or a coordinator).
public struct Person: Sendable, Hashable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

public struct School: Sendable, Hashable {
    /// The school number the SIS uses (OneRoster org `identifier`).
    public var number: String
    public var name: String
    /// The school's Community School Coordinator, copied on every roster email.
    public var coordinator: Person

    public init(number: String, name: String, coordinator: Person) {
        self.number = number
        self.name = name
        self.coordinator = coordinator
    }
}

public struct Partner: Sendable, Hashable {
    public var id: String
    public var name: String
    public var programs: [Program]
    /// Why this partner asks for records, as the guardian's release form states it (`release_purpose` in
    /// partners.yaml); empty for the district's default (`releases.purpose`).
    public var releasePurpose: String

    public init(id: String, name: String, programs: [Program], releasePurpose: String = "") {
        self.id = id
        self.name = name
        self.programs = programs
        self.releasePurpose = releasePurpose
    }
}

public struct Program: Sendable, Hashable {
    public var id: String
    public var partnerID: String
    /// The program code in the SIS participation export.
    public var code: String
    public var name: String
    public var sites: [Site]

    public init(id: String, partnerID: String, code: String, name: String, sites: [Site]) {
        self.id = id
        self.partnerID = partnerID
        self.code = code
        self.name = name
        self.sites = sites
    }
}

/// One program at one school: the unit that gets a roster.
public struct Site: Sendable, Hashable {
    /// `<program id>-<school number>`, e.g. `readup-literacy-101`.
    public var id: String
    public var programID: String
    public var schoolNumber: String
    public var contacts: [Person]

    public init(programID: String, schoolNumber: String, contacts: [Person]) {
        self.id = Site.id(programID: programID, schoolNumber: schoolNumber)
        self.programID = programID
        self.schoolNumber = schoolNumber
        self.contacts = contacts
    }

    public static func id(programID: String, schoolNumber: String) -> String {
        "\(programID)-\(schoolNumber)"
    }
}
