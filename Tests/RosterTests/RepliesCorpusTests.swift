import Foundation
import Testing

@testable import Roster

/// Realistic partner replies (the partner's own text after trimming, plus the full text or CSV where the
/// case needs it) with the outcomes we promise, resolved against `ReplyFixture`'s school.
struct ReplyCase: CustomTestStringConvertible, Sendable {
    let name: String
    let own: String
    var full: String? = nil
    var csv: String? = nil
    var headers: [(name: String, value: String)] = []
    let expected: [String]

    var testDescription: String { name }
}

private let quotedRoster = ReplyFixture.listing.map { "> \($0)" }.joined(separator: "\n")

let replyCorpus: [ReplyCase] = [
    ReplyCase(name: "plain add by number", own: "ADD 1000202", expected: ["apply ADD 1000202"]),
    ReplyCase(name: "plain drop by number", own: "DROP 1000106", expected: ["apply DROP 1000106"]),
    ReplyCase(
        name: "greeting, two changes, sign-off",
        own: "Hi Morgan,\n\nPlease make these changes:\nADD 1000203\nDROP 1000104\n\nThanks!\nAna",
        expected: ["apply ADD 1000203", "apply DROP 1000104"]),
    ReplyCase(
        name: "lower case with trailing punctuation", own: "add 1000207.\ndrop 1000101!",
        expected: ["apply ADD 1000207", "apply DROP 1000101"]),
    ReplyCase(
        name: "dash bullets", own: "- ADD 1000202\n- DROP 1000102\n- ADD Lucas Nguyen, grade 4",
        expected: ["apply ADD 1000202", "apply DROP 1000102", "apply ADD 1000203"]),
    ReplyCase(
        name: "star and dot bullets", own: "* add 1000205\n• drop 1000103",
        expected: ["apply ADD 1000205", "apply DROP 1000103"]),
    ReplyCase(
        name: "numbered list", own: "1. ADD 1000202\n2) DROP 1000106\n(3) add Olivia Brown gr. 2",
        expected: ["apply ADD 1000202", "apply DROP 1000106", "apply ADD 1000204"]),
    ReplyCase(
        name: "Outlook plain-text bullets", own: "·         ADD 1000207\no   DROP 1000105",
        expected: ["apply ADD 1000207", "apply DROP 1000105"]),
    ReplyCase(
        name: "please and pls", own: "Please add 1000202\npls drop 1000106 thanks",
        expected: ["apply ADD 1000202", "apply DROP 1000106"]),
    ReplyCase(
        name: "could you, from the roster",
        own: "Could you please remove José Muñoz from the roster? He moved.",
        expected: ["apply DROP 1000102"]),
    ReplyCase(
        name: "name with accents omitted", own: "DROP Jose Munoz", expected: ["apply DROP 1000102"]),
    ReplyCase(
        name: "family name first", own: "DROP Munoz, Jose", expected: ["apply DROP 1000102"]),
    ReplyCase(
        name: "compound names, partial", own: "DROP Ana Garcia\nADD Juan Perez, 4th grade",
        expected: ["apply DROP 1000103", "apply ADD 1000209"]),
    ReplyCase(
        name: "particles and apostrophes", own: "drop Sofia De La Cruz\ndrop Liam OBrien",
        expected: ["apply DROP 1000105", "apply DROP 1000104"]),
    ReplyCase(
        name: "grade narrows a shared name", own: "ADD Maria Lopez, grade 5", expected: ["apply ADD 1000201"]),
    ReplyCase(
        name: "shared name without grade goes to review", own: "ADD Emma Johnson",
        expected: ["review ADD ambiguous"]),
    ReplyCase(
        name: "grade forms", own: "ADD Emma Johnson 3rd\nADD Mateo Hernandez (gr 5)\nADD Van Tran, 1st grade",
        expected: ["apply ADD 1000202", "apply ADD 1000205", "apply ADD 1000206"]),
    ReplyCase(
        name: "kindergarten forms", own: "ADD Liam O'Brien, K\nADD Liam O'Brien kindergarten",
        expected: ["done ADD 1000104", "dup ADD"]),
    ReplyCase(
        name: "effective date", own: "DROP 1000106 effective 2026-12-04", expected: ["apply DROP 1000106"]),
    ReplyCase(
        name: "US date is not understood", own: "DROP 1000106 effective 12/04/2026",
        expected: ["unclear dateFormat"]),
    ReplyCase(
        name: "Spanish verbs", own: "Hola,\nAgregar 1000202\nQuitar 1000101\nBaja: 1000102\nAlta 1000203\nSaludos",
        expected: ["apply ADD 1000202", "apply DROP 1000101", "apply DROP 1000102", "apply ADD 1000203"]),
    ReplyCase(
        name: "Spanish names and grado",
        own:
            "Por favor agregar a Isabella Rossi, grado 4\nAñadir: Mateo Hernández 5to grado\nEliminar a Noah Smith del programa",
        expected: ["apply ADD 1000207", "apply ADD 1000205", "apply DROP 1000106"]),
    ReplyCase(
        name: "dar de baja", own: "Favor de dar de baja a 1000104. Gracias", expected: ["apply DROP 1000104"]),
    ReplyCase(
        name: "Spanish prose is ignored",
        own:
            "Buenos días,\nLos niños estuvieron muy contentos esta semana.\nLa asistencia fue alta.\nAtentamente,\nMaría",
        expected: []),
    ReplyCase(
        name: "heading with a list",
        own: "Please add the following students:\n- 1000202\n- Lucas Nguyen, grade 4\n\nDrop:\n- 1000106",
        expected: ["apply ADD 1000202", "apply ADD 1000203", "apply DROP 1000106"]),
    ReplyCase(
        name: "several numbers on one line", own: "DROP 1000101, 1000102 and 1000103",
        expected: ["apply DROP 1000101", "apply DROP 1000102", "apply DROP 1000103"]),
    ReplyCase(
        name: "several numbers with commas", own: "DROP 1000101, 1000102, 1000103",
        expected: ["apply DROP 1000101", "apply DROP 1000102", "apply DROP 1000103"]),
    ReplyCase(
        name: "two keywords on one line", own: "ADD 1000202 DROP 1000101", expected: ["unclear severalChanges"]),
    ReplyCase(
        name: "sentence with a number but no keyword",
        own: "Student 1000101 has not come since October.", expected: ["unclear missingKeyword"]),
    ReplyCase(
        name: "sentence asking to drop without keyword first",
        own: "Maria Lopez should be dropped, she moved away.", expected: ["unclear missingKeyword"]),
    ReplyCase(
        name: "keyword at the end", own: "1000106 - drop\nEmma Johnson grade 3: add",
        expected: ["apply DROP 1000106", "apply ADD 1000202"]),
    ReplyCase(
        name: "drop of a student not on the roster", own: "DROP 1000202\nDROP Emma Johnson",
        expected: ["reject DROP numberNotOnRoster", "reject DROP nameNotOnRoster"]),
    ReplyCase(
        name: "drop of an unknown number", own: "DROP 9999999", expected: ["reject DROP numberNotOnRoster"]),
    ReplyCase(
        name: "add of an unknown number and name", own: "ADD 9999999\nADD Peter Parker, grade 4",
        expected: ["review ADD unknownNumber", "review ADD unknownName"]),
    ReplyCase(
        name: "add already on roster", own: "ADD 1000101", expected: ["done ADD 1000101"]),
    ReplyCase(
        name: "number and name that disagree", own: "ADD 1000202 Lucas Nguyen",
        expected: ["review ADD nameMismatch"]),
    ReplyCase(
        name: "number with matching name and grade", own: "ADD #1000203 (Lucas Nguyen, 4th)",
        expected: ["apply ADD 1000203"]),
    ReplyCase(
        name: "number and wrong grade", own: "ADD 1000203 grade 2", expected: ["review ADD gradeMismatch"]),
    ReplyCase(
        name: "leading zeros lost", own: "ADD 12345", expected: ["apply ADD 0012345"]),
    ReplyCase(
        name: "add and drop of one student", own: "ADD 1000203\nDROP Lucas Nguyen",
        expected: ["review ADD conflict 1000203", "review DROP conflict 1000203"]),
    ReplyCase(
        name: "same change twice", own: "DROP 1000106\ndrop Noah Smith",
        expected: ["apply DROP 1000106", "dup DROP"]),
    ReplyCase(
        name: "prose only", own: "Thanks for the list! The kids had a great week.\n\nBest,\nAna", expected: []),
    ReplyCase(
        name: "prose starting with add", own: "I want to add that the kids loved the field trip.", expected: []),
    ReplyCase(
        name: "remove me from this list", own: "Please remove me from this list.", expected: ["unclear unreadable"]),
    ReplyCase(
        name: "one-word name", own: "DROP Maria", expected: ["unclear unreadable"]),
    ReplyCase(
        name: "our listing line with DROP",
        own: "- Noah Smith (student no. 1000106, grade 2, release on file: no) DROP",
        expected: ["apply DROP 1000106"]),
    ReplyCase(
        name: "edited roster: line deleted from the quote",
        own: "Updated roster below.",
        full: "Updated roster below.\n\nOn Mon, Nov 30, 2026, Riverbend Community Schools wrote:\n"
            + ReplyFixture.listing.map { "> \($0)" }.filter { !$0.contains("1000104") }.joined(separator: "\n")
            + "\n>\n> The same list is attached as roster.csv.",
        expected: ["apply DROP 1000104"]),
    ReplyCase(
        name: "edited roster: line added in own text",
        own: (ReplyFixture.listing + ["- Lucas Nguyen (student no. 1000203, grade 4, release on file: no)"])
            .joined(separator: "\n"),
        full: (ReplyFixture.listing + ["- Lucas Nguyen (student no. 1000203, grade 4, release on file: no)"])
            .joined(separator: "\n") + "\n\n" + quotedRoster + "\n> The same list is attached as roster.csv.",
        expected: ["apply ADD 1000203"]),
    ReplyCase(
        name: "plain reply quoting the whole roster changes nothing", own: "Looks good, thanks!",
        full: "Looks good, thanks!\n\n" + quotedRoster + "\n>\n> The same list is attached as roster.csv.",
        expected: []),
    ReplyCase(
        name: "a reply mentioning one student infers no drops", own: "DROP 1000106",
        full: "DROP 1000106\n\n> - Noah Smith (student no. 1000106, grade 2, release on file: no)\n> bye",
        expected: ["apply DROP 1000106"]),
    ReplyCase(
        name: "quoted roster cut at the end infers no drops", own: "ok",
        full: "ok\n\n" + ReplyFixture.listing.prefix(4).map { "> \($0)" }.joined(separator: "\n"), expected: []),
    ReplyCase(
        name: "returned CSV with actions",
        own: "Changes are in the attached file.",
        csv: "\u{FEFF}student_number,first_name,last_name,grade,release_on_file,change,action\r\n"
            + "1000101,Maria,Lopez,4,yes,,\r\n1000106,Noah,Smith,2,no,,DROP\r\n,Lucas,Nguyen,4,,,ADD\r\n",
        expected: ["apply DROP 1000106", "apply ADD 1000203"]),
    ReplyCase(
        name: "returned CSV re-saved by Excel with semicolons",
        own: "",
        csv: "student_number;first_name;last_name;grade;release_on_file;change;action\n"
            + "1000102;José;Muñoz;4;yes;;baja\n1000207;Isabella;Rossi;4;;;Agregar\n1000103;Ana;García;3;yes;;maybe\n",
        expected: ["apply DROP 1000102", "apply ADD 1000207", "unclear unknownAction"]),
    ReplyCase(
        name: "line and CSV asking the same", own: "DROP 1000106",
        csv: "student_number,action\n1000106,DROP\n", expected: ["apply DROP 1000106", "dup DROP"]),
    ReplyCase(
        name: "Gmail out-of-office", own: "I am out of the office until December 7. DROP requests: call me.",
        headers: [("Auto-Submitted", "auto-replied"), ("Subject", "Out of Office Re: After School Club roster")],
        expected: ["automatic"]),
    ReplyCase(
        name: "Exchange automatic reply", own: "I'm away. For urgent matters contact 555-0100.",
        headers: [("X-Auto-Response-Suppress", "All"), ("Subject", "Automatic reply: After School Club roster")],
        expected: ["automatic"]),
    ReplyCase(
        name: "Spanish autoresponder without headers", own: "Estoy fuera de la oficina.",
        headers: [("Subject", "Respuesta automática: Lista de After School Club")], expected: ["automatic"]),
    ReplyCase(
        name: "mixed prose and commands",
        own: "Hi! Two things:\nFirst, Noah moved to another school so DROP 1000106.\n"
            + "Second, we have a new girl, ADD Isabella Rossi grade 4\nSee you Friday.",
        expected: ["apply DROP 1000106", "apply ADD 1000207"]),
]

@Suite("Replies: corpus of partner replies")
struct RepliesCorpusTests {
    @Test("reply outcomes", arguments: replyCorpus)
    func outcomes(_ c: ReplyCase) {
        if !c.headers.isEmpty,
            AutoReplyDetector.detect(ReplyHeaders(c.headers), envelopeSender: "ana@brightfutures.example") != nil
        {
            #expect(c.expected == ["automatic"], "\(c.name)")
            return
        }
        let got = ReplyFixture.resolve(own: c.own, full: c.full, csv: c.csv.map { Array($0.utf8) })
        #expect(got == c.expected, "\(c.name)")
    }

    @Test func corpusIsLargeEnough() {
        #expect(replyCorpus.count >= 40)
    }
}
