/// What a guardian's own words say about a release request (pure).
///
/// - A consent line (`I AGREE`, `I consent`, `ACEPTO`, `Yo acepto`) signs when the guardian also typed their
///   full name as the SIS has it (accents, case, punctuation and the order "Family, Given" ignored), on the
///   consent line after it or on a line of its own. A consent without that name is not a signature: it goes to
///   the CSC's review with what was typed.
/// - `I DECLINE` / `NO ACEPTO` / `I do not agree` records a refusal.
/// - `REVOKE` / `REVOCAR` (optionally followed by a student number) revokes an earlier signature.
/// - Two of these at once (AGREE and DECLINE) is unclear and changes nothing; so is a reply with none.
/// The caller passes the guardian's own words only (quotes and our form text removed).
public enum ConsentReader {
    public enum Answer: Sendable, Equatable {
        case agree(typedName: String)
        case agreeNameMismatch(typed: String?)
        case decline
        case revoke(studentNumber: String?)
        /// Consent and refusal (or revocation) in one reply.
        case conflicting
        /// No consent, refusal or revocation line.
        case none
    }

    static let agreeLeads: [[String]] = [
        ["i", "agree"], ["i", "consent"], ["acepto"], ["yo", "acepto"], ["si", "acepto"],
    ]
    static let declineLeads: [[String]] = [
        ["i", "decline"], ["i", "do", "not", "agree"], ["i", "dont", "agree"], ["no", "acepto"],
        ["yo", "no", "acepto"],
        ["no", "estoy", "de", "acuerdo"],
    ]
    static let revokeLeads: [[String]] = [["revoke"], ["i", "revoke"], ["revocar"], ["revoco"], ["yo", "revoco"]]

    public static func read(_ ownText: String, guardianGiven: String, guardianFamily: String) -> Answer {
        let name = words(guardianGiven) + words(guardianFamily)
        let reversed = words(guardianFamily) + words(guardianGiven)
        var agreed = false
        var declined = false
        var revoked: String??
        var typed: String?
        var nameMatched = false
        var afterConsent = false
        for raw in ownText.split(whereSeparator: \.isNewline) {
            let line = ReplyGrammar.stripBullets(ReplyGrammar.trim(raw))
            let w = words(line)
            guard !w.isEmpty else { continue }
            if let rest = rest(of: w, after: declineLeads) {
                declined = true
                if rest == name || rest == reversed { nameMatched = true }
                continue
            }
            if let rest = rest(of: w, after: agreeLeads) {
                agreed = true
                afterConsent = true
                if rest == name || rest == reversed {
                    nameMatched = true
                } else if !rest.isEmpty, typed == nil {
                    typed = rest.joined(separator: " ")
                }
                continue
            }
            if let rest = rest(of: w, after: revokeLeads) {
                let number = rest.first { $0.count >= 5 && $0.allSatisfy(\.isASCIIDigit) }
                revoked = .some(number)
                continue
            }
            if w == name || w == reversed {
                nameMatched = true
            } else if afterConsent, typed == nil, (2...6).contains(w.count), w.allSatisfy({ $0.allSatisfy(\.isLetter) })
            {
                typed = line
            }
            afterConsent = false
        }
        let kinds = [agreed, declined, revoked != nil].filter { $0 }.count
        if kinds > 1 { return .conflicting }
        if declined { return .decline }
        if let revoked { return .revoke(studentNumber: revoked) }
        if agreed {
            return nameMatched ? .agree(typedName: name.joined(separator: " ")) : .agreeNameMismatch(typed: typed)
        }
        return .none
    }

    /// Folded words: lower case, accents removed, letters and digits only (apostrophes dropped: "don't" → "dont").
    static func words(_ text: some StringProtocol) -> [String] {
        TextFolding.fold(text).replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: "")
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// The words after the first of `leads` that starts `w`, or nil.
    static func rest(of w: [String], after leads: [[String]]) -> [String]? {
        for lead in leads where w.starts(with: lead) { return Array(w.dropFirst(lead.count)) }
        return nil
    }
}
