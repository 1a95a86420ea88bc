/// The words of the reply grammar, folded (lower case, no accents). English and Spanish.
///
/// - ADD: add, enroll, enrol, agregar, agrega, agregue, agreguen, añadir, añade, añada, añadan, alta,
///   inscribir, inscriba, incluir, incluya.
/// - DROP: drop, remove, withdraw, unenroll, unenrol, quitar, quita, quite, quiten, baja, eliminar, elimina,
///   elimine, eliminen, borrar, borre, retirar, retire, sacar, saque.
/// - Before the keyword: please, pls, plz, kindly, can/could/would/will you, we/I need to, I'd like to, also,
///   and, then, ok, por favor, favor de, dar de (alta/baja), puede(n), podría(n), necesitamos, quiero,
///   queremos, hay que, también, y.
/// - Grade: `4`, `4th`, `4o`, `4to`, `4°`, `grade 4`, `gr. 4`, `gr 4`, `gr4`, `grado 4`, `4th grade`,
///   `4to grado`, `fourth grade`, `cuarto grado`, `K`, `KG`, `kinder`, `kindergarten`, `PK`, `pre-k`, `TK`.
/// - Date: `effective YYYY-MM-DD` (also `starting`, `as of`, `from`, `on`, `a partir de`, `desde`,
///   `efectivo`, or the bare date). Other date forms are reported as not understood.
enum ReplyVocabulary {
    static let actions: [String: ReplyCommand.Action] = {
        var m: [String: ReplyCommand.Action] = [:]
        for w in [
            "add", "enroll", "enrol", "agregar", "agrega", "agregue", "agreguen", "anadir", "anade", "anada", "anadan",
            "alta", "inscribir", "inscriba", "incluir", "incluya",
        ] { m[w] = .add }
        for w in [
            "drop", "remove", "withdraw", "unenroll", "unenrol", "quitar", "quita", "quite", "quiten", "baja",
            "eliminar",
            "elimina", "elimine", "eliminen", "borrar", "borre", "retirar", "retire", "sacar", "saque",
        ] { m[w] = .drop }
        return m
    }()

    /// Words allowed before the keyword ("please add", "por favor dar de baja", "could you drop").
    static let leadingFiller: Set<String> = [
        "please", "pls", "plz", "kindly", "can", "could", "would", "will", "you", "we", "i", "i'd", "we'd", "need",
        "needs",
        "to", "like", "want", "also", "and", "then", "ok", "okay", "por", "favor", "de", "dar", "puede", "pueden",
        "puedes", "podria", "podrian", "podrias", "necesitamos", "necesito", "quiero", "queremos", "hay", "que",
        "tambien", "y", "se",
    ]

    /// Words dropped at the start of the argument ("add the new student no. …").
    static let argumentFiller: Set<String> = [
        "student", "students", "estudiante", "alumno", "alumna", "the", "a", "an", "al", "el", "la", "new", "nuevo",
        "nueva", "number", "num", "no", "nr", "nro", "numero", "id", "sid", "kid", "child", "nino", "nina",
        "participant", "participante", "following", "siguiente", "siguientes", "#", "these", "those", "estos",
        "estas", "los", "las", "alumnos", "alumnas", "estudiantes", "kids", "children", "ninos", "ninas",
        "participants", "participantes", "of",
    ]

    /// Words that introduce a student number in the middle of a line ("Maria Lopez, student no. 123456").
    static let numberLead: Set<String> = [
        "student", "estudiante", "alumno", "alumna", "number", "num", "no", "nr", "nro", "numero", "id", "sid", "#",
    ]

    /// Words dropped at the end ("… please", "… gracias").
    static let trailingFiller: Set<String> = [
        "please", "pls", "plz", "thanks", "thank", "you", "thx", "ty", "gracias", "asap", "por", "favor", "today",
        "hoy", "now", "ahora",
    ]

    /// "from the roster", "del programa", "this week": `[preposition] [determiner]* noun` at the end.
    static let phrasePreposition: Set<String> = [
        "from", "to", "off", "of", "in", "on", "for", "into", "del", "al", "de", "en", "a", "para",
    ]
    static let phraseDeterminer: Set<String> = [
        "the", "our", "my", "this", "your", "el", "la", "los", "las", "nuestro", "nuestra", "mi", "este", "esta", "su",
        "next", "proxima", "the",
    ]
    static let phraseNoun: Set<String> = [
        "roster", "rosters", "program", "programs", "list", "club", "group", "class", "team", "session", "sessions",
        "programa", "lista", "grupo", "clase", "equipo", "registro", "week", "semana",
    ]

    /// Words that lead a grade value.
    static let gradeLead: Set<String> = ["grade", "gr", "grd", "gde", "grado", "gdo"]
    /// Words that follow a grade value ("4th grade", "4to grado").
    static let gradeTail: Set<String> = ["grade", "grado", "grader", "graders"]

    /// Ordinal and named grades (folded).
    static let namedGrades: [String: String] = {
        var m: [String: String] = [
            "k": "KG", "kg": "KG", "kinder": "KG", "kindergarten": "KG", "kindergarden": "KG", "pk": "PK",
            "prek": "PK", "pre-k": "PK", "pre-kinder": "PK", "prekinder": "PK", "tk": "TK",
        ]
        let english = [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
            "twelfth",
        ]
        let spanish = [
            "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "septimo", "octavo", "noveno", "decimo",
            "undecimo", "duodecimo",
        ]
        for i in 1...12 {
            let code = i < 10 ? "0\(i)" : "\(i)"
            m[english[i - 1]] = code
            m[spanish[i - 1]] = code
            for suffix in [
                "st", "nd", "rd", "th", "o", "to", "ta", "vo", "va", "mo", "ma", "no", "na", "ro", "ra", "°", "º", "er",
                "do", "da",
            ] {
                m["\(i)\(suffix)"] = code
            }
        }
        m["primer"] = "01"
        m["tercer"] = "03"
        return m
    }()

    /// Words that introduce an effective date.
    static let dateLead: Set<String> = [
        "effective", "eff", "efectivo", "efectiva", "starting", "start", "starts", "beginning", "as", "of", "from",
        "since", "a", "partir", "de", "desde", "fecha", "on", "date", "el",
    ]

    /// Words that show a name is not a name ("remove me from this list").
    static let notNameWords: Set<String> = [
        "me", "my", "him", "her", "them", "they", "he", "she", "it", "us", "our", "this", "that", "these", "those",
        "the", "from", "to", "for", "in", "on", "at", "of", "and", "or", "but", "with", "all", "everyone", "everybody",
        "anyone", "some", "more", "list", "roster", "email", "mail", "program", "student", "students", "kid", "kids",
        "child", "children", "who", "what", "when", "not", "no", "yes", "is", "are", "was", "be", "will", "would",
        "can", "could", "should", "have", "has", "had", "do", "does", "did", "i", "we", "you", "your", "please",
        "thanks", "lo", "que", "por", "para", "con", "todos", "lista", "correo", "programa", "estudiante",
        "estudiantes", "alumnos", "ninos", "o", "un", "una", "se", "su", "sus", "mi", "nos", "effective",
        "efectivo", "starting", "desde", "since", "grade", "grado", "new", "week", "semana", "if", "si", "an", "a",
        "as", "so", "up", "out", "one", "two", "any", "other", "another", "otro", "otra", "name", "nombre",
    ]

    /// Greeting and closing words: a line starting with one and holding no student number is courtesy.
    static let courtesy: Set<String> = [
        "hi", "hello", "hey", "dear", "hola", "estimado", "estimada", "estimados", "buenos", "buenas", "good",
        "thanks", "thank", "thx", "gracias", "best", "regards", "kind", "warm", "warmest", "sincerely", "cheers",
        "saludos", "atentamente", "cordialmente", "respectfully", "muchas", "have", "take", "ty", "un", "greetings",
        "many", "all", "blessings", "querido", "querida",
    ]

    /// Words that, anywhere in a line without a keyword at its start, suggest an attempt at a change.
    static let attemptWords: Set<String> = [
        "add", "drop", "remove", "withdraw", "dropped", "removed", "withdrawn", "agregar", "quitar", "eliminar",
        "anadir", "agreguen", "quiten", "eliminen",
    ]

    /// Words that, before a keyword inside a sentence, turn it around ("please don't DROP 123456").
    static let negations: Set<String> = [
        "not", "don't", "dont", "didn't", "doesn't", "never", "no", "won't", "shouldn't", "can't", "cannot",
        "without", "instead", "nunca", "ni", "sin", "tampoco",
    ]
}
