import MailMessage

/// A reason or comment a partner writes after a command: `DROP 123456 - moved to another school`,
/// `Drop 123456 (family moved)`, `Baja 123456, se cambió de escuela`, `ADD Maria Lopez because …`.
/// It is kept as the command's note and never read as a name, a grade or a date.
///
/// A note starts after the student (number or name) at
/// - a separator (`-` `–` `—` `,` `;` `(` `[`) followed by words, up to the next separator, among which is a
///   reason word (`moved`, `family`, `he`, `se`, …: "(Ethan moved to Texas)"; but "- Maria Lopez - moved" is a
///   name, then a note); a bracket note ends at its closing bracket and the argument goes on after it
///   (`DROP 123456 (moved) effective 2026-12-04`);
/// - a conjunction (`because`, `since`, `as`, `porque`, `ya que`, `por` …) anywhere after the student;
/// - right after a student number, a reason word, or a determiner and one (`DROP 123456 moved away`,
///   `DROP 123456 the family moved`).
///
/// Only the first such place counts, and only if the note holds nothing that could change what is applied:
/// no digit (another student number, a grade, a date), no ADD/DROP keyword, no grade word, no word that
/// hints at a date (`effective`, `next`, `until`, `Friday`, …) and none that takes the command back (`keep`,
/// `stay`, `cancel`, `mistake`, …). Otherwise there is no note and the line is read as before (unreadable →
/// not understood, or a name that does not match → needs review): a command is never lost in a comment, and a
/// comment never carries a change. The caller still requires that the words around the note read as a command.
struct ReplyNote: Equatable {
    /// Where the note starts (the separator or the conjunction): the argument before it is `lo..<start`.
    let start: Int
    /// One past the note's last token (a closing bracket included).
    let end: Int
    /// The note as written, words joined by single spaces.
    let text: String

    /// The first note in `t[lo..<hi]` (the argument after the keyword, trimmed), if any.
    static func find(_ t: ArraySlice<LineToken>, lo: Int, hi: Int, isStudentNumber: (LineToken) -> Bool)
        -> ReplyNote?
    {
        guard lo < hi else { return nil }
        // blockers[k]: tokens in t[lo..<lo + k] that may not be in a note; one pass, so every check is O(1).
        var blockers = [Int](repeating: 0, count: hi - lo + 1)
        for i in lo..<hi { blockers[i - lo + 1] = blockers[i - lo] + (isBlocker(t[i]) ? 1 : 0) }
        func clean(_ a: Int, _ b: Int) -> Bool { blockers[b - lo] == blockers[a - lo] }
        func words(_ a: Int, _ b: Int) -> String {
            t[a..<b].lazy.filter { !$0.isSeparator }.map(\.raw).joined(separator: " ")
        }

        var sawStudent = false
        for i in lo..<hi {
            let token = t[i]
            if token.isSeparator {
                guard sawStudent, openers.contains(token.folded) else { continue }
                // The words up to the next separator (after one more: ", (moved)") must hold a reason word:
                // "(Ethan moved to Texas)" is a note, "- Maria Lopez - moved" a name and then a note.
                var j = i + 1
                if j < hi, t[j].isSeparator { j += 1 }
                var e = j
                var reason = false
                while e < hi, !t[e].isSeparator {
                    reason = reason || isReasonWord(t[e].folded) || conjunctions.contains(t[e].folded)
                    e += 1
                }
                guard reason else { continue }
                var end = hi
                if let closer = closers[token.folded],
                    let close = t[j..<hi].firstIndex(where: { $0.isSeparator && $0.folded == closer })
                {
                    end = close + 1
                }
                guard clean(j, end) else { return nil }
                return ReplyNote(start: i, end: end, text: words(j, end))
            }
            if sawStudent
                && (conjunctions.contains(token.folded) || (isStudentNumber(t[i - 1]) && opensReason(t, i, hi)))
            {
                guard clean(i, hi) else { return nil }
                return ReplyNote(start: i, end: hi, text: words(i, hi))
            }
            sawStudent = true
        }
        return nil
    }

    /// `true` when `t[j]` opens a reason: a reason word, or a determiner before one ("the family", "su familia").
    static func opensReason(_ t: ArraySlice<LineToken>, _ j: Int, _ hi: Int) -> Bool {
        let f = t[j].folded
        if isReasonWord(f) || conjunctions.contains(f) { return true }
        return determiners.contains(f) && j + 1 < hi && isReasonWord(t[j + 1].folded)
    }

    /// A token a note may not hold: a digit, an ADD/DROP keyword, a grade word, a date word.
    static func isBlocker(_ token: LineToken) -> Bool {
        let f = token.folded
        if token.isSeparator { return false }
        if f.utf8.contains(where: ASCIIByte.isDigit) { return true }
        if ReplyVocabulary.actions[f] != nil || dateWords.contains(f) || reversalWords.contains(f) { return true }
        return ReplyVocabulary.namedGrades[f] != nil || ReplyVocabulary.gradeLead.contains(f)
            || ReplyVocabulary.gradeTail.contains(f) || GradeWords.gluedGrade(f) != nil
    }

    static let openers: Set<String> = ["-", "–", "—", ",", ";", "(", "["]
    static let closers: [String: String] = ["(": ")", "[": "]"]

    /// Words that start a note wherever they follow the student.
    static let conjunctions: Set<String> = [
        "because", "bc", "b/c", "cause", "cuz", "coz", "since", "as", "due", "porque", "pues", "ya", "debido", "por",
    ]

    /// `true` for a reason word, also with a possessive `'s` ("at mom's request").
    static func isReasonWord(_ folded: String) -> Bool {
        reasonWords.contains(folded) || (folded.hasSuffix("'s") && reasonWords.contains(String(folded.dropLast(2))))
    }

    /// Words of a reason (folded): pronouns, why a student leaves or joins, family, and their Spanish forms.
    /// None is a given or family name a partner would write (so no single letters, no "el", no "per").
    static let reasonWords: Set<String> = [
        // pronouns and verbs that make a sentence
        "he", "she", "they", "he's", "she's", "they're", "it", "it's", "who", "we", "i'm", "we're", "is", "was",
        "has", "had", "does", "did", "not", "no", "never", "won't", "can't", "cannot", "doesn't", "didn't", "isn't",
        "wasn't", "already", "at",
        // leaving, joining
        "moved", "moving", "moves", "move", "left", "leaving", "leaves", "transferred", "transferring", "transfer",
        "transfers", "withdrew", "withdrawn", "withdrawal", "relocated", "relocating", "relocation", "graduated",
        "switched", "switching", "changed", "changing", "joined", "joining", "enrolled", "unenrolled", "went",
        "gone", "going", "lives", "living", "wants", "asked", "request", "requested", "prefers", "quit", "stopped",
        "declined", "dropped", "removed", "inactive", "expelled", "suspended", "absent", "absences", "attendance",
        "finished", "completed", "waitlist", "waitlisted", "returning", "returned", "another", "other", "new",
        "duplicate", "sibling", "brother", "sister", "twin", "family", "families", "parent", "parents", "mom",
        "mother", "dad", "father", "guardian", "sick", "ill", "injured", "medical", "health", "conflict",
        "schedule", "transportation", "bus", "sports", "practice",
        // Spanish
        "se", "ella", "ellos", "ellas", "mudo", "mudaron", "mudanza", "cambio", "cambiaron", "traslado",
        "trasladado", "trasladada", "retirado", "retirada", "abandono", "familia", "padres", "padre", "madre", "mama",
        "papa", "hermano", "hermana", "nuevo", "nueva", "otra", "otro", "dejo", "salio", "transferido",
        "transferida", "va", "vive", "viven", "asiste", "ausente", "ausencias", "enfermo", "enferma", "salud",
        "horario", "pidio", "pidieron", "solicito", "solicitud", "regresa", "regreso", "vuelve",
    ]

    /// Determiners that open a reason when a reason word follows ("the family moved", "su familia se mudó").
    static let determiners: Set<String> = [
        "the", "his", "her", "their", "our", "a", "an", "this", "la", "los", "las", "su", "sus", "un", "una", "mi",
        "nuestra", "nuestro",
    ]

    /// Words that may take the command back ("DROP 123456 - no wait, he is staying"): not a note.
    static let reversalWords: Set<String> = [
        "keep", "keeping", "stay", "stays", "staying", "remain", "remains", "remaining", "cancel", "cancelled",
        "canceled", "ignore", "disregard", "wait", "mistake", "mistaken", "error", "wrong", "undo", "oops",
        "actually", "instead", "mind", "mantener", "mantenga", "mantengan", "queda", "quedar", "quedarse", "sigue",
        "seguir", "cancelar", "cancela", "ignorar", "equivocacion", "equivoque", "espera", "perdon",
    ]

    /// Words that hint at a date: a note holding one is not a note (the date would be lost).
    static let dateWords: Set<String> = [
        "effective", "eff", "efectivo", "efectiva", "starting", "start", "starts", "beginning", "begins", "until",
        "till", "hasta", "after", "despues", "before", "antes", "next", "proxima", "proximo", "today", "tonight",
        "tomorrow", "hoy", "manana", "partir", "desde", "day", "days", "dia", "dias", "end", "fin", "weeks",
        "months", "semanas", "meses", "soon", "pronto", "date", "fecha", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado",
        "domingo", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
        "octubre", "noviembre", "diciembre",
    ]
}
