import Testing

@testable import Roster

@Suite("roster.csv")
struct RosterCSVTests {
    func roster(_ entries: [RosterEntry]) -> WeeklyRoster {
        WeeklyRoster(siteID: "s-101", week: ISOWeek("2026-W49")!, active: entries, droppedSinceLastWeek: [])
    }

    @Test("UTF-8 with BOM, CRLF rows, quoting, and an empty action column")
    func format() {
        let e = RosterEntry(
            studentNumber: "1000001", givenName: "José", familyName: "Muñoz, Jr. \"JJ\"", grade: Grade(ceds: "04"),
            releaseOnFile: true, change: .added)
        let bytes = RosterCSV.render(roster([e]))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(
            text == "student_number,first_name,last_name,grade,release_on_file,change,action\r\n"
                + "1000001,José,\"Muñoz, Jr. \"\"JJ\"\"\",4,yes,new this week,\r\n")
    }

    @Test(
        "cells a spreadsheet would run as formulas are defused",
        arguments: ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)"])
    func formulas(name: String) {
        let e = RosterEntry(
            studentNumber: "1", givenName: name, familyName: "X", grade: nil, releaseOnFile: false, change: .none)
        let text = String(decoding: RosterCSV.render(roster([e])).dropFirst(3), as: UTF8.self)
        let row = text.split(separator: "\r\n")[1]
        #expect(row.contains("'\(name.replacingOccurrences(of: "\"", with: "\"\""))"))
    }
}
