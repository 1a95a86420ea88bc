import Foundation

/// A partner's data request as written in an email (English or Spanish keywords):
///
///     DATA REQUEST                               SOLICITUD DE DATOS
///     Measures: attendance, behavior, grades      Medidas: asistencia, conducta, calificaciones
///     Level: aggregate | de-identified | identified   Nivel: agregado | desidentificado | identificado
///     Period: 2026-2027                          Periodo: 2026-2027
///     Purpose: annual report to our funder       Propósito: informe anual
///     School: 101        (optional: a contact of several schools names one)
///
/// Pure: `read` takes the sender's own text (quotes and our own lines already removed).
public struct DataRequestForm: Sendable, Hashable {
    public var measures: [ReleaseMeasure]
    public var level: DataLevel
    public var period: SchoolYear
    public var purpose: String
    /// A school number or name, when the form names one.
    public var school: String?

    public init(
        measures: [ReleaseMeasure], level: DataLevel, period: SchoolYear, purpose: String, school: String? = nil
    ) {
        self.measures = measures
        self.level = level
        self.period = period
        self.purpose = purpose
        self.school = school
    }

    /// What a text says.
    public enum Reading: Sendable, Hashable {
        /// No `DATA REQUEST` heading.
        case none
        case request(DataRequestForm)
        /// A heading, but the block cannot be read: each problem names its line and what to write.
        case problems([String])
    }

    /// The longest purpose kept.
    public static let purposeLimit = 500

    /// Reads the first block of `text`.
    public static func read(_ text: String) -> Reading {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let head = lines.firstIndex(where: isHeading) else { return .none }
        var fields: [Field: (line: Int, value: String)] = [:]
        var i = head + 1
        var blanks = 0
        while i < lines.count {
            let line = lines[i]
            if line.isEmpty {
                blanks += 1
                if blanks > 1 { break }
                i += 1
                continue
            }
            guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }),
                let field = Field(key: String(line[..<colon]))
            else { break }
            blanks = 0
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if fields[field] == nil { fields[field] = (i + 1, value) }
            i += 1
        }
        var problems: [String] = []
        func missing(_ f: Field) -> String {
            "line \(head + 1): the block has no \"\(f.english):\" line; add one, e.g. \(f.example)"
        }
        var measures: [ReleaseMeasure] = []
        if let (n, value) = fields[.measures] {
            var unknown: [String] = []
            for word in value.split(whereSeparator: { ",;|/".contains($0) }).map({
                $0.trimmingCharacters(in: .whitespaces)
            }) where !word.isEmpty {
                let words = measureWords(word)
                if words.isEmpty { unknown.append(word) }
                for m in words where !measures.contains(m) { measures.append(m) }
            }
            for word in unknown {
                var p = "line \(n): \"\(word)\" is not a measure"
                if let guess = suggestion(for: word) { p += " (did you mean \"\(guess.rawValue)\"?)" }
                problems.append(
                    p + "; the measures are \(ReleaseMeasure.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if unknown.isEmpty && measures.isEmpty {
                problems.append("line \(n): no measure named; write one or more of \(Field.measures.example)")
            }
        } else {
            problems.append(missing(.measures))
        }
        var level: DataLevel?
        if let (n, value) = fields[.level] {
            level = levelWord(value)
            if level == nil {
                problems.append(
                    "line \(n): \"\(value)\" is not a level; write exactly one of aggregate, de-identified, identified")
            }
        } else {
            problems.append(missing(.level))
        }
        var period: SchoolYear?
        if let (n, value) = fields[.period] {
            let normalized = value.replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
                .replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: " ", with: "")
            period = SchoolYear(normalized)
            if period == nil {
                problems.append("line \(n): \"\(value)\" is not a school year; write it like 2026-2027")
            }
        } else {
            problems.append(missing(.period))
        }
        var purpose = ""
        if let (n, value) = fields[.purpose] {
            purpose = String(value.prefix(purposeLimit))
            if purpose.isEmpty { problems.append("line \(n): the purpose is empty; say what the data is for") }
        } else {
            problems.append(missing(.purpose))
        }
        let school = fields[.school].map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        guard problems.isEmpty, let level, let period else { return .problems(problems) }
        return .request(
            DataRequestForm(
                measures: measures.sorted(), level: level, period: period, purpose: purpose, school: school))
    }

    /// The blank form, as the help email shows it.
    public static let blankForm = """
        DATA REQUEST
        Measures: attendance, behavior, grades, assessments, improvement
        Level: aggregate
        Period: 2026-2027
        Purpose: (what the data is for, e.g. our annual report to our funder)
        """

    enum Field: Hashable {
        case measures, level, period, purpose, school

        init?(key: String) {
            switch DataRequestForm.fold(key) {
            case "measures", "measure", "medidas", "medida", "datos": self = .measures
            case "level", "nivel": self = .level
            case "period", "periodo", "school year", "ano escolar", "year": self = .period
            case "purpose", "proposito", "finalidad": self = .purpose
            case "school", "escuela": self = .school
            default: return nil
            }
        }

        var english: String {
            switch self {
            case .measures: return "Measures"
            case .level: return "Level"
            case .period: return "Period"
            case .purpose: return "Purpose"
            case .school: return "School"
            }
        }

        var example: String {
            switch self {
            case .measures: return "\"Measures: attendance, behavior, grades, assessments, improvement\""
            case .level: return "\"Level: aggregate\" (or de-identified, or identified)"
            case .period: return "\"Period: 2026-2027\""
            case .purpose: return "\"Purpose: annual report to our funder\""
            case .school: return "\"School: 101\""
            }
        }
    }

    static func isHeading(_ line: String) -> Bool {
        var t = fold(line)
        while let last = t.last, last == ":" || last == "*" || last == "#" { t.removeLast() }
        while let first = t.first, first == "*" || first == "#" || first == " " { t.removeFirst() }
        t = t.trimmingCharacters(in: .whitespaces)
        return t == "data request" || t == "solicitud de datos"
    }

    /// Lower case, accents removed, inner whitespace collapsed.
    public static func fold(_ s: some StringProtocol) -> String {
        String(s).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The measures a word names (`all` names every one), or none.
    static func measureWords(_ word: String) -> [ReleaseMeasure] {
        switch fold(word) {
        case "attendance", "asistencia": return [.attendance]
        case "behavior", "behaviour", "discipline", "conducta", "comportamiento", "disciplina": return [.behavior]
        case "grades", "course grades", "marks", "calificaciones", "notas": return [.grades]
        case "assessments", "assessment", "tests", "test scores", "evaluaciones", "examenes", "pruebas":
            return [.assessments]
        case "improvement", "improvement from prior year", "mejora", "progreso": return [.improvement]
        case "all", "todas", "todos": return ReleaseMeasure.allCases
        default: return []
        }
    }

    static func levelWord(_ value: String) -> DataLevel? {
        switch fold(value).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "") {
        case "aggregate", "aggregates", "agregado", "agregados", "agregada": return .aggregate
        case "deidentified", "desidentificado", "desidentificados", "anonimizado", "anonimizados": return .deidentified
        case "identified", "identificado", "identificados": return .identified
        default: return nil
        }
    }

    /// The measure a misspelt word was probably meant to be (edit distance at most 2).
    static func suggestion(for word: String) -> ReleaseMeasure? {
        let w = Array(fold(word))
        var best: (ReleaseMeasure, Int)?
        for m in ReleaseMeasure.allCases {
            let d = distance(w, Array(m.rawValue))
            if d <= 2, best.map({ d < $0.1 }) ?? true { best = (m, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
