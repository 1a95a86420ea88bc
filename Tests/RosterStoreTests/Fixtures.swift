import Foundation
import Roster

@testable import RosterStore

/// A temporary directory removed when the value is deinitialised.
final class TempDir {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "rostermail-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let p = file(name)
        try! FileManager.default.createDirectory(
            atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }
}

/// A small OneRoster 1.1 bundle and the matching directory.
enum Sample {
    static let directory = Directory(
        schools: [
            School(
                number: "101", name: "Alder Elementary",
                coordinator: Person(name: "Morgan Díaz", email: "csc101@d.example")),
            School(
                number: "102", name: "Birch Middle", coordinator: Person(name: "Casey Novak", email: "csc102@d.example")
            ),
        ],
        partners: [
            Partner(
                id: "readup", name: "ReadUp",
                programs: [
                    Program(
                        id: "readup-tut", partnerID: "readup", code: "TUT1", name: "ReadUp Tutoring",
                        sites: [
                            Site(
                                programID: "readup-tut", schoolNumber: "101",
                                contacts: [Person(name: "Dana", email: "dana@p.example")]),
                            Site(
                                programID: "readup-tut", schoolNumber: "102",
                                contacts: [Person(name: "Sam", email: "sam@p.example")]),
                        ])
                ])
        ])

    static let manifest = """
        propertyName,value
        manifest.version,1.0
        oneroster.version,1.1
        file.orgs,bulk
        file.users,bulk
        file.demographics,bulk

        """
    static let orgs = """
        sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
        d1,,,Riverbend,district,RUSD,
        o101,,,Alder Elementary,school,101,d1
        o102,,,Birch Middle,school,102,d1

        """
    static let usersHeader =
        "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
    static let users =
        usersHeader + """
            s1,,,true,o101,student,u1,,José,Muñoz,,1000001,,,,,04,
            s2,,,true,o101,student,u2,,Zoë,Nguyễn,,1000002,,,,,KG,
            s3,,,true,o102,student,u3,,Liam,O'Brien,,1000003,,,,,07,
            t1,,,true,o101,teacher,t1,,Pat,Teacher,,T1,,,,,,

            """
    static let demographics = """
        sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity
        s1,,,2016-05-01,male,false,false,false,false,true,false,true
        s2,,,2021-02-03,female,false,true,false,false,false,false,false
        s3,,,2013-09-09,male,false,false,true,false,true,false,false

        """

    /// Writes the bundle into `dir/oneroster` (users.csv replaced by `users` when given).
    static func bundle(in dir: TempDir, users: String? = nil, manifest: String? = nil) -> String {
        dir.write("oneroster/manifest.csv", manifest ?? Self.manifest)
        dir.write("oneroster/orgs.csv", orgs)
        dir.write("oneroster/users.csv", users ?? Self.users)
        dir.write("oneroster/demographics.csv", demographics)
        return dir.file("oneroster")
    }

    static func store(in dir: TempDir) throws -> RosterDatabase {
        let db = try RosterDatabase(path: dir.file("state/rostermail.sqlite"))
        try db.sync(directory: directory)
        return db
    }
}
