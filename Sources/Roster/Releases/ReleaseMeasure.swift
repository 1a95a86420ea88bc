/// The records a release names (34 CFR 99.30(b)(1)): the measures partners ask for.
public enum ReleaseMeasure: String, Sendable, Hashable, CaseIterable, Comparable {
    case attendance, behavior, grades, assessments, improvement

    /// The words of the form, per language.
    public func label(_ language: String) -> String {
        switch (self, language) {
        case (.attendance, "es"): return "asistencia"
        case (.behavior, "es"): return "conducta (incidentes de disciplina)"
        case (.grades, "es"): return "calificaciones de los cursos"
        case (.assessments, "es"): return "resultados de evaluaciones"
        case (.improvement, "es"): return "cambio respecto al año escolar anterior"
        case (.attendance, _): return "attendance"
        case (.behavior, _): return "behavior (discipline incidents)"
        case (.grades, _): return "course grades"
        case (.assessments, _): return "assessment results"
        case (.improvement, _): return "change from the prior school year"
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// `attendance,behavior` → the measures, or nil when a word is not a measure.
    public static func list(_ text: String) -> [ReleaseMeasure]? {
        var out: [ReleaseMeasure] = []
        for word in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) {
            guard let m = ReleaseMeasure(rawValue: word.lowercased()) else { return nil }
            if !out.contains(m) { out.append(m) }
        }
        return out.sorted()
    }
}
