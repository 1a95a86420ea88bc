import Testing

@testable import Roster

@Suite("Replies: returned CSV and edited roster")
struct RepliesAttachmentTests {
    static let header = "student_number,first_name,last_name,grade,release_on_file,change,action"

    func outcomes(_ bytes: [UInt8]) -> [ReplyItem.Outcome]? { ReturnedRosterCSV.items(bytes)?.map(\.outcome) }

    @Test func ourOwnFileWithActions() {
        var roster = ReplyFixture.sentRoster
        roster.active[0].givenName = "María, \"Mari\""
        var bytes = RosterCSV.render(roster)
        // Fill the action column of the first two rows the way a spreadsheet would write it back.
        var text = String(decoding: bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "yes,,\r\n", with: "yes,,DROP\r\n", options: [], range: nil)
        bytes = Array(text.utf8)
        let items = ReturnedRosterCSV.items(bytes)!
        #expect(items.count == 5)  // the five rows with release "yes"
        guard case .commands(let c) = items[0].outcome else {
            Issue.record("not a command")
            return
        }
        #expect(c[0].studentNumber == "1000101" && c[0].action == .drop)
        #expect(c[0].name?.words.first == "María,")
        #expect(items[0].source == .csv(filename: "roster.csv", row: 1))
    }

    @Test(arguments: [
        ("\u{FEFF}" + header + "\r\n1000101,Maria,Lopez,4,yes,,DROP\r\n", ","),
        (header.replacingOccurrences(of: ",", with: ";") + "\n1000101;Maria;Lopez;4;yes;;DROP\n", ";"),
        (header.replacingOccurrences(of: ",", with: "\t") + "\n1000101\tMaria\tLopez\t4\tyes\t\tDROP\n", "\t"),
        ("Action,Student Number\n drop ,'1000101\n", ","),
        ("student_number,action\n1000101.0,Drop\n", ","),
    ])
    func formats(_ text: String, _ separator: String) {
        #expect(
            outcomes(Array(text.utf8)) == [
                .commands([
                    ReplyCommand(
                        action: .drop, studentNumber: "1000101",
                        name: text.contains("Maria") ? WrittenName(words: ["Maria", "Lopez"]) : nil,
                        grade: text.contains("Maria") ? Grade(ceds: "04") : nil)
                ])
            ], "\(separator)")
    }

    @Test func windows1252() {
        // "José;Muñoz" in Windows-1252 with ; separators, as Excel saves "CSV (semicolon)" in Spanish locales.
        var bytes = Array("student_number;first_name;last_name;action\r\n;Jos".utf8)
        bytes += [0xE9] + Array(";Mu".utf8) + [0xF1] + Array("oz;AGREGAR\r\n".utf8)
        #expect(
            outcomes(bytes) == [.commands([ReplyCommand(action: .add, name: WrittenName(words: ["José", "Muñoz"]))])])
    }

    @Test func utf16WithBOM() {
        let text = "student_number\taction\r\n1000101\tDROP\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(outcomes(bytes) == [.commands([ReplyCommand(action: .drop, studentNumber: "1000101")])])
    }

    @Test func quotedFieldsWithSeparatorsAndLineBreaks() {
        let text = "student_number,first_name,action\n\"1000101\",\"Ma, \"\"ria\"\"\n\",DROP\n"
        let items = ReturnedRosterCSV.items(Array(text.utf8))!
        #expect(items.count == 1)
        guard case .commands(let c) = items[0].outcome else { return }
        #expect(c[0].name?.words == ["Ma,", "\"ria\""])
    }

    @Test func notARosterFile() {
        #expect(ReturnedRosterCSV.items(Array("name,email\nAna,a@b.c\n".utf8)) == nil)
        #expect(ReturnedRosterCSV.items([]) == nil)
    }

    @Test func badRows() {
        let text = "student_number,first_name,last_name,action\n1.0E+06,A,B,DROP\n,,,ADD\n1000101,,,remove it?\n"
        #expect(
            outcomes(Array(text.utf8)) == [
                .notUnderstood(.unreadable), .notUnderstood(.missingStudent),
                .notUnderstood(.unknownAction),
            ])
    }

    // MARK: edited roster

    let roster = ReplyFixture.sentRoster
    var listing: [String] { ReplyFixture.listing }

    func diff(_ text: String) -> [String] {
        EditedRoster.items(in: text, sent: roster).map { item in
            guard case .commands(let c) = item.outcome else { return "?" }
            return c.map { "\($0.action.rawValue) \($0.studentNumber ?? "")" }.joined()
        }
    }

    @Test func unchangedCopyInfersNothing() {
        #expect(diff(listing.joined(separator: "\n")).isEmpty)
        #expect(diff(listing.map { "> " + $0 }.joined(separator: "\n") + "\n> end").isEmpty)
    }

    @Test func deletedAndAddedLines() {
        var lines = listing
        lines.remove(at: 2)
        lines.append("* Lucas Nguyen (student no. 1000203, grade 4, release on file: no)")
        #expect(diff(lines.joined(separator: "\n")) == ["ADD 1000203", "DROP 1000103"])
    }

    @Test func editedCopyWinsOverTheQuotedOriginal() {
        let edited = listing.dropLast().joined(separator: "\n")
        let original = listing.map { ">> " + $0 }.joined(separator: "\n") + "\n>> The same list is attached."
        #expect(diff(edited + "\n\nOn Monday we wrote:\n" + original) == ["DROP 1000106"])
    }

    @Test func lessThanHalfPresentInfersNoDrops() {
        #expect(diff(listing.prefix(2).joined(separator: "\n") + "\nthanks").isEmpty)
        #expect(diff(listing.prefix(3).joined(separator: "\n") + "\nthanks").count == 3)
    }

    @Test func droppedSectionAndMarkedLines() {
        var lines = listing
        lines[0] += " DROP"
        lines.append("")
        lines.append("No longer in your program since last week:")
        lines.append("- Olivia Brown (student no. 1000204)")
        #expect(diff(lines.joined(separator: "\n")) == ["DROP 1000101"])
    }

    @Test func quotedCopyCutShortInfersNoDrops() {
        let text = "ok\n" + listing.prefix(5).map { "> " + $0 }.joined(separator: "\n")
        #expect(diff(text).isEmpty)
    }
}
