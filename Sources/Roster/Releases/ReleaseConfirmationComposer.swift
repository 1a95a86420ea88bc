import Foundation
import MailMessage

/// The answer to a guardian's reply to a release request, and the "it is settled" notice to the other
/// guardians: threaded, `Auto-Submitted: auto-replied`, in the guardian's language (English and Spanish when
/// unknown), naming only that guardian's own children. Pure.
public struct ReleaseConfirmationComposer: Sendable {
    public let district: DistrictIdentity
    public let timeZone: TimeZone

    public init(district: DistrictIdentity, timeZone: TimeZone) {
        self.district = district
        self.timeZone = timeZone
    }

    public enum Outcome: Sendable, Equatable {
        case signed(children: [String], expires: CalendarDay)
        /// Signed; with `releases.signers: all` the release is valid once the other guardians sign too.
        case signedWaitingForOthers(children: [String])
        case declined(children: [String])
        case revoked(children: [String])
        case nothingToRevoke
        /// Consent without the typed full name on file: not applied, the CSC reviews it.
        case nameForReview
        /// The release was decided earlier (by this or another guardian).
        case alreadyDecided
        /// AGREE and DECLINE (or REVOKE) together.
        case conflicting
        /// No answer found.
        case noAnswer
    }

    public struct Reply: Sendable {
        public var guardian: Person
        public var language: String?
        public var partnerName: String
        public var messageID: String
        public var references: [String]
        public var subject: String
        public var replyAddress: String
        public var siteID: String

        public init(
            guardian: Person, language: String?, partnerName: String, messageID: String, references: [String],
            subject: String, replyAddress: String, siteID: String
        ) {
            self.guardian = guardian
            self.language = language
            self.partnerName = partnerName
            self.messageID = messageID
            self.references = references
            self.subject = subject
            self.replyAddress = replyAddress
            self.siteID = siteID
        }
    }

    public func compose(_ outcome: Outcome, to r: Reply, now: Date) throws -> ComposedEmail {
        let id =
            "release-confirm.\(StableHash.hex(r.messageID)).\(StableHash.hex(r.guardian.email.lowercased()))@\(district.domain)"
        var m = OutgoingMessage(
            from: try MailAddress(
                district.communitySchools.email, displayName: district.communitySchools.name, field: "From"),
            to: [try MailAddress(r.guardian.email, displayName: r.guardian.name, field: "To")],
            subject: Self.re(r.subject), date: now, timeZone: timeZone, messageID: id,
            body: .text(text(outcome, r)))
        m.replyTo = [try MailAddress(r.replyAddress, displayName: district.communitySchools.name, field: "Reply-To")]
        m.inReplyTo = r.messageID
        m.references = Array((r.references + [r.messageID]).suffix(10))
        m.extraHeaders = [("Auto-Submitted", "auto-replied"), ("X-RosterMail-Kind", "release-confirmation")]
        return ComposedEmail(
            siteID: r.siteID, week: ISOWeek(containing: now, in: timeZone), recipient: r.guardian.email, messageID: id,
            bytes: try MessageWriter.render(m, seed: id))
    }

    /// To another guardian of the same children whose request is now settled (signers: one).
    public func settledNotice(
        to guardian: Person, language: String?, children: [String], partnerName: String, requestMessageID: String,
        siteID: String, now: Date
    ) throws -> ComposedEmail {
        let id =
            "release-settled.\(StableHash.hex(requestMessageID)).\(StableHash.hex(guardian.email.lowercased()))@\(district.domain)"
        let texts = languages(language).map { lang -> String in
            lang == "es"
                ? "Estimado/a \(guardian.name):\n\nOtro padre, madre o tutor ya respondió a la solicitud de permiso para "
                    + "compartir la información escolar de \(Self.list(children, "y")) con \(partnerName). No necesita "
                    + "responder a esa solicitud.\n"
                : "Dear \(guardian.name),\n\nAnother parent or guardian has already answered the request for permission "
                    + "to share \(Self.list(children, "and"))'s school records with \(partnerName). You do not need to "
                    + "reply to that request.\n"
        }
        var m = OutgoingMessage(
            from: try MailAddress(
                district.communitySchools.email, displayName: district.communitySchools.name, field: "From"),
            to: [try MailAddress(guardian.email, displayName: guardian.name, field: "To")],
            subject: "Re: "
                + (language?.hasPrefix("es") == true ? "Permiso para \(partnerName)" : "Permission for \(partnerName)"),
            date: now, timeZone: timeZone, messageID: id,
            body: .text(
                texts.joined(separator: "\n---\n\n") + "\n\(district.communitySchools.name)\n\(district.name)\n"))
        m.inReplyTo = requestMessageID
        m.references = [requestMessageID]
        m.extraHeaders = [("Auto-Submitted", "auto-generated"), ("X-RosterMail-Kind", "release-notice")]
        return ComposedEmail(
            siteID: siteID, week: ISOWeek(containing: now, in: timeZone), recipient: guardian.email, messageID: id,
            bytes: try MessageWriter.render(m, seed: id))
    }

    func languages(_ language: String?) -> [String] {
        ReleaseTemplates.code(language).map { [$0] } ?? ReleaseTemplates.languages
    }

    func text(_ outcome: Outcome, _ r: Reply) -> String {
        var parts: [String] = []
        for lang in languages(r.language) {
            let es = lang == "es"
            var t = es ? "Estimado/a \(r.guardian.name):\n\n" : "Dear \(r.guardian.name),\n\n"
            let p = r.partnerName
            switch outcome {
            case .signed(let children, let expires):
                t +=
                    es
                    ? "Gracias. Recibimos su permiso para compartir la información escolar de \(Self.list(children, "y")) con \(p). Es válido hasta el \(expires). Puede revocarlo en cualquier momento respondiendo REVOCAR."
                    : "Thank you. We recorded your permission to share \(Self.list(children, "and"))'s school records with \(p). It is valid until \(expires). You may revoke it at any time by replying REVOKE."
            case .signedWaitingForOthers(let children):
                t +=
                    es
                    ? "Gracias. Recibimos su firma para \(Self.list(children, "y")). El permiso será válido cuando los demás padres o tutores también firmen."
                    : "Thank you. We recorded your signature for \(Self.list(children, "and")). The permission takes effect once the other parents or guardians have signed too."
            case .declined(let children):
                t +=
                    es
                    ? "Registramos que no da su permiso para \(Self.list(children, "y")) y \(p). No recibirá más recordatorios. Esto no cambia el lugar de su hijo/a en el programa."
                    : "We recorded that you do not give permission for \(Self.list(children, "and")) and \(p). You will get no more reminders. This does not change your child's place in the program."
            case .revoked(let children):
                t +=
                    es
                    ? "Su permiso para compartir la información escolar de \(Self.list(children, "y")) con \(p) quedó revocado hoy."
                    : "Your permission to share \(Self.list(children, "and"))'s school records with \(p) is revoked as of today."
            case .nothingToRevoke:
                t +=
                    es
                    ? "No encontramos ningún permiso vigente que revocar para \(p) con ese dato."
                    : "We found no permission in effect to revoke for \(p) with that request."
            case .nameForReview:
                t +=
                    es
                    ? "Recibimos su respuesta, pero el nombre escrito no coincide con el que tiene la escuela. El coordinador/a de su escuela la revisará; todavía no se comparte nada. Para firmar de nuevo, responda ACEPTO y su nombre completo tal como lo tiene la escuela."
                    : "We received your reply, but the name typed does not match the name the school has on file. Your school's coordinator will review it; nothing is shared yet. To sign again, reply I AGREE and your full name as the school has it."
            case .alreadyDecided:
                t +=
                    es
                    ? "Esta solicitud ya fue respondida; no cambió nada. Para revocar un permiso, responda REVOCAR."
                    : "This request was already answered; nothing changed. To revoke a permission, reply REVOKE."
            case .conflicting:
                t +=
                    es
                    ? "Su respuesta dice ACEPTO y NO ACEPTO a la vez; no cambió nada. Responda solo una de las dos."
                    : "Your reply says both I AGREE and I DECLINE; nothing changed. Please reply with only one of them."
            case .noAnswer:
                t +=
                    es
                    ? "No encontramos una respuesta en su correo; no cambió nada. Para firmar responda ACEPTO y su nombre completo; para no aceptar, NO ACEPTO."
                    : "We found no answer in your email; nothing changed. To sign, reply I AGREE and your full name; to refuse, I DECLINE."
            }
            parts.append(t + "\n")
        }
        return parts.joined(separator: "\n---\n\n") + "\n\(district.communitySchools.name)\n\(district.name)\n"
    }

    static func list(_ names: [String], _ and: String) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " \(and) " + names.last!
        }
    }

    static func re(_ subject: String) -> String {
        let s = String(PartnerWording.echo(subject).trimmingSpaces().prefix(200))
        return s.lowercased().hasPrefix("re:") ? s : "Re: \(s.isEmpty ? "Permission" : s)"
    }
}
