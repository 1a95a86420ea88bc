import Foundation
import Roster
import Yams

/// Reads `partners.yaml`: schools (with their coordinator) and partners → programs → sites → contacts.
struct PartnersFileReader {
    var reader: YAMLReader

    mutating func read(_ text: String) -> Directory? {
        guard let root = reader.compose(text),
            let top = reader.mapping(root, "partners.yaml", required: ["schools", "partners"])
        else { return nil }
        let before = reader.problems.count
        var schools: [School] = []
        var schoolLine: [String: Int] = [:]
        for node in reader.sequence(top["schools"], "schools") ?? [] {
            guard let m = reader.mapping(node, "a school", required: ["number", "name", "coordinator"]) else {
                continue
            }
            let number = reader.string(m["number"], "school number")
            let name = reader.string(m["name"], "school name")
            let csc = person(m["coordinator"], "school coordinator")
            if let number {
                if let line = schoolLine[number] {
                    reader.problem(m["number"], "school number \(number) is already used on line \(line)")
                }
                schoolLine[number] = m["number"]?.mark?.line ?? 0
            }
            if let number, let name, let csc { schools.append(School(number: number, name: name, coordinator: csc)) }
        }
        var partners: [Partner] = []
        var partnerLine: [String: Int] = [:]
        var programLine: [String: Int] = [:]
        var codeLine: [String: Int] = [:]
        for node in reader.sequence(top["partners"], "partners") ?? [] {
            guard
                let m = reader.mapping(
                    node, "a partner", required: ["id", "name", "programs"], optional: ["release_purpose"])
            else { continue }
            let id = identifier(m["id"], "partner id", seen: &partnerLine)
            let name = reader.string(m["name"], "partner name")
            let purpose = m["release_purpose"].flatMap { reader.string($0, "release_purpose") } ?? ""
            var programs: [Program] = []
            for pnode in reader.sequence(m["programs"], "programs of partner \(id ?? "?")") ?? [] {
                guard let pm = reader.mapping(pnode, "a program", required: ["id", "code", "name", "sites"]) else {
                    continue
                }
                let pid = identifier(pm["id"], "program id", seen: &programLine)
                let code = reader.string(pm["code"], "program code")
                if let code {
                    if let line = codeLine[code] {
                        reader.problem(
                            pm["code"],
                            "program code \(code) is already used on line \(line); codes must match one SIS program each"
                        )
                    }
                    codeLine[code] = pm["code"]?.mark?.line ?? 0
                }
                let pname = reader.string(pm["name"], "program name")
                var sites: [Site] = []
                var siteSchools: Set<String> = []
                for snode in reader.sequence(pm["sites"], "sites of program \(pid ?? "?")") ?? [] {
                    guard let sm = reader.mapping(snode, "a site", required: ["school", "contacts"]) else { continue }
                    guard let school = reader.string(sm["school"], "site school") else { continue }
                    if schoolLine[school] == nil {
                        reader.problem(
                            sm["school"],
                            "unknown school “\(school)”; list it under schools: (by its SIS school number) first")
                    }
                    if !siteSchools.insert(school).inserted {
                        reader.problem(
                            sm["school"], "program \(pid ?? "?") has school \(school) twice; list each site once")
                    }
                    let contacts = readContacts(sm["contacts"], site: "\(pid ?? "?") at school \(school)")
                    if let pid { sites.append(Site(programID: pid, schoolNumber: school, contacts: contacts)) }
                }
                if let pid, let code, let pname, let id {
                    programs.append(Program(id: pid, partnerID: id, code: code, name: pname, sites: sites))
                }
            }
            if let id, let name {
                partners.append(Partner(id: id, name: name, programs: programs, releasePurpose: purpose))
            }
        }
        return reader.problems.count == before ? Directory(schools: schools, partners: partners) : nil
    }

    mutating func readContacts(_ node: Node?, site: @autoclosure () -> String) -> [Person] {
        let list = reader.sequence(node, "contacts of \(site())") ?? []
        if list.isEmpty, node != nil {
            reader.problem(node, "the site \(site()) has no contacts; add at least one (name and email)")
        }
        var out: [Person] = []
        var seen: Set<String> = []
        for c in list {
            guard let p = person(c, "contact") else { continue }
            if !seen.insert(p.email.lowercased()).inserted {
                reader.problem(c, "contact \(p.email) is listed twice for \(site())")
            }
            out.append(p)
        }
        return out
    }

    /// `{name, email}`; the address and display name are checked as the mail writer will use them.
    mutating func person(_ node: Node?, _ what: @autoclosure () -> String) -> Person? {
        guard let m = reader.mapping(node, what(), required: ["name", "email"]) else { return nil }
        let name = reader.string(m["name"], "\(what()) name")
        let email = reader.string(m["email"], "\(what()) email")
        guard let name, let email else { return nil }
        if let p = ConfigLoader.addressProblem(email, name: name, what: "\(what()) email") {
            reader.problem(m["email"], p)
            return nil
        }
        return Person(name: name, email: email)
    }

    /// Ids appear in Message-IDs and file names: lower-case letters, digits and `-`, unique.
    mutating func identifier(_ node: Node?, _ what: String, seen: inout [String: Int]) -> String? {
        guard let v = reader.string(node, what) else { return nil }
        guard v.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }), v.first != "-",
            v.count <= 40
        else {
            reader.problem(node, "\(what) “\(v)” may use only a-z, 0-9 and - (at most 40 characters)")
            return nil
        }
        if let line = seen[v] {
            reader.problem(node, "\(what) “\(v)” is already used on line \(line); ids must be unique")
            return nil
        }
        seen[v] = node?.mark?.line ?? 0
        return v
    }
}
