import ArgumentParser
import RosterDaemon

struct SampleDistrictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-district",
        abstract: "Write a deterministic, fictional district: oneroster/, participation.csv, partners.yaml.")

    @Option(help: "Number of students.") var students = 2000
    @Option(help: "Number of schools.") var schools = 6
    @Option(help: "Random seed (same seed, same district).") var seed: UInt64 = 1
    @Option(help: "Output directory.") var out: String

    func validate() throws {
        guard (1...5_000_000).contains(students) else { throw ValidationError("--students must be 1 … 5000000") }
        guard (1...5000).contains(schools) else { throw ValidationError("--schools must be 1 … 5000") }
    }

    func run() throws {
        let s = try reporting { try SampleDistrict(students: students, schools: schools, seed: seed).write(to: out) }
        print(
            "\(out): \(s.students) students, \(s.schools) schools, \(s.partners) partners, \(s.sites) sites, "
                + "\(s.participations) participations, \(s.guardians) guardians (\(s.guardianLinks) links to students)")
    }
}
