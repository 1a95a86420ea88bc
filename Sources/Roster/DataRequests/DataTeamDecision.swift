/// The data team's answer to a review email: `APPROVE`, or `REJECT <reason>` (Spanish `APROBAR`,
/// `RECHAZAR <motivo>`), on a line of its own in the team member's own text. Pure.
public enum DataTeamDecision: Sendable, Hashable {
    case approve
    case reject(reason: String)
    /// `REJECT` without a reason: the partner must be told why, so nothing is done.
    case rejectWithoutReason
    /// Both words: nothing is done.
    case conflicting
    case none

    public static func read(_ ownText: String) -> DataTeamDecision {
        var approve = false
        var rejections: [String] = []
        for raw in ownText.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let words = line.split(separator: " ", maxSplits: 1)
            guard let first = words.first else { continue }
            var keyword = DataRequestForm.fold(first)
            while let last = keyword.last, last == "." || last == "!" || last == ":" || last == "," {
                keyword.removeLast()
            }
            let rest = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
            switch keyword {
            case "approve", "approved", "aprobar", "apruebo", "aprobado":
                // Only the word itself, or a short politeness after it ("APPROVE, thanks").
                if rest.count <= 20 { approve = true }
            case "reject", "rejected", "rechazar", "rechazo", "rechazado":
                var reason = rest
                while let f = reason.first, f == ":" || f == "-" || f == "," || f == " " { reason.removeFirst() }
                rejections.append(String(reason.prefix(500)))
            default:
                continue
            }
        }
        if approve && !rejections.isEmpty { return .conflicting }
        if approve { return .approve }
        if let reason = rejections.first { return reason.isEmpty ? .rejectWithoutReason : .reject(reason: reason) }
        return .none
    }
}
