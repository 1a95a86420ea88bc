import Foundation
import MailMessage

/// One email of ours as a mail client sees it when the partner presses Reply.
struct QuotedOriginal {
    var fromName: String
    var fromAddress: String
    var toName: String
    var toAddress: String
    var subject: String
    var messageID: String
    /// The text part.
    var text: String
    /// The HTML part, when the email has one.
    var html: String?

    init(bytes: [UInt8]) throws {
        let m = try MessageParser.parse(bytes)
        fromName = m.from.first?.displayName ?? ""
        fromAddress = m.from.first?.address ?? ""
        toName = m.to.first?.displayName ?? ""
        toAddress = m.to.first?.address ?? ""
        subject = m.subject ?? ""
        messageID = m.messageID ?? ""
        let shown = m.parts.filter { !$0.isAttachment }
        text = shown.first { $0.contentType == "text/plain" }?.text ?? ""
        html = shown.first { $0.contentType == "text/html" }?.text
    }

    /// What goes inside the client's quote in an HTML reply: our HTML body, or our text as HTML lines (how
    /// clients show a text-only email).
    var htmlBody: String {
        if let html {
            let lower = html.lowercased()
            if let open = lower.range(of: "<body"), let gt = lower[open.upperBound...].firstIndex(of: ">"),
                let close = lower.range(of: "</body>")
            {
                return String(html[html.index(after: gt)..<close.lowerBound])
            }
            return html
        }
        return "<div>"
            + text.split(separator: "\n", omittingEmptySubsequences: false).map(ClientReply.escape)
            .joined(separator: "<br>\n") + "</div>"
    }

    /// Our email as the client renders it to plain text for its own text part: the text part when there is
    /// no HTML, else the HTML through `ClientReply.plainText` (not our converter: clients render their own way).
    var renderedText: String { html.map(ClientReply.plainText) ?? text }
}

/// Replies laid out the way common clients lay them out (from their default settings), built around one of
/// our emails. `own` is what the partner typed (one line per `\n`).
enum ClientReply: String, CaseIterable, CustomStringConvertible {
    /// Gmail web and Android: top-posted, "On … wrote:" outside a `>` quote of the HTML rendering;
    /// HTML `gmail_quote` blockquote.
    case gmail
    /// Gmail with the answer typed below the quote.
    case gmailBottom
    /// Outlook desktop (Windows, HTML mode): top-posted, the original unquoted under a bold
    /// From/Sent/To/Subject block (`divRplyFwdMsg`).
    case outlookDesktop
    /// Outlook on the web / new Outlook: a `____` rule, then From/Sent/To/Subject, original unquoted.
    case outlookWeb
    /// Outlook in plain-text mode: `-----Original Message-----`, the header block, original unquoted.
    case outlookPlain
    /// Apple Mail (macOS): top-posted, the attribution inside the `>` quote; HTML `blockquote type="cite"`.
    case appleMail
    /// iPhone Mail: top-posted, "Sent from my iPhone", the attribution inside the quote.
    case iPhone
    /// Thunderbird: answer below the quote ("On 11/30/26 7:00 AM, X wrote:"); HTML `moz-cite-prefix`.
    case thunderbird
    /// Someone who pasted the whole original below their text without any header (no client does this, but
    /// people do; also what an unknown client language looks like to the trimmer).
    case pastedWithoutHeader
    /// The partner deleted the quote.
    case quoteDeleted

    var description: String { rawValue }

    /// Whether this client sends an HTML part (and so an HTML-only and a multipart/alternative form).
    var hasHTML: Bool { self != .outlookPlain && self != .pastedWithoutHeader && self != .quoteDeleted }

    func text(own: String, original o: QuotedOriginal) -> String {
        let quoted = Self.quote(o.renderedText)
        let sender = "\(o.fromName) <\(o.fromAddress)>"
        let header = """
            From: \(sender)
            Sent: Monday, November 30, 2026 7:00 AM
            To: \(o.toName) <\(o.toAddress)>
            Subject: \(o.subject)
            """
        switch self {
        case .gmail:
            return "\(own)\n\nOn Mon, Nov 30, 2026 at 7:00 AM \(sender) wrote:\n\n\(quoted)\n"
        case .gmailBottom:
            return "On Mon, Nov 30, 2026 at 7:00 AM \(sender) wrote:\n\n\(quoted)\n\n\(own)\n"
        case .outlookDesktop:
            return "\(own)\n\n\(header)\n\n\(o.renderedText)\n"
        case .outlookWeb:
            return "\(own)\n\n________________________________\n\(header)\n\n\(o.renderedText)\n"
        case .outlookPlain:
            return "\(own)\n\n-----Original Message-----\n\(header)\n\n\(o.text)\n"
        case .appleMail:
            return "\(own)\n\n> On 30 Nov 2026, at 07:00, \(sender) wrote:\n> \n\(Self.quote(o.text))\n"
        case .iPhone:
            return "\(own)\n\nSent from my iPhone\n\n> On Nov 30, 2026, at 7:00 AM, \(sender) wrote:\n> \n"
                + Self.quote(o.text) + "\n"
        case .thunderbird:
            return "On 11/30/26 7:00 AM, \(o.fromName) wrote:\n\(Self.quote(o.text))\n\n\(own)\n"
        case .pastedWithoutHeader:
            return "\(own)\n\n\(o.text)\n"
        case .quoteDeleted:
            return "\(own)\n"
        }
    }

    func html(own: String, original o: QuotedOriginal) -> String {
        let mine = own.split(separator: "\n", omittingEmptySubsequences: false).map {
            "<div>\($0.isEmpty ? "<br>" : Self.escape($0))</div>"
        }.joined(separator: "\n")
        let sender = "\(Self.escape(o.fromName)) &lt;<a href=\"mailto:\(o.fromAddress)\">\(o.fromAddress)</a>&gt;"
        let body = o.htmlBody
        let outlookHeader = """
            <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">\
            <b>From:</b> \(sender)<br>\
            <b>Sent:</b> Monday, November 30, 2026 7:00 AM<br>\
            <b>To:</b> \(Self.escape(o.toName)) &lt;\(o.toAddress)&gt;<br>\
            <b>Subject:</b> \(Self.escape(o.subject))</font><div>&nbsp;</div></div>
            """
        let inner: String
        switch self {
        case .gmail:
            inner = """
                <div dir="ltr">\(mine)</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, \
                Nov 30, 2026 at 7:00 AM \(sender) wrote:<br></div><blockquote class="gmail_quote" style="margin:0px \
                0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">\(body)</blockquote></div>
                """
        case .gmailBottom:
            inner = """
                <div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Nov 30, 2026 at 7:00 AM \
                \(sender) wrote:<br></div><blockquote class="gmail_quote">\(body)</blockquote></div>\
                <div dir="ltr">\(mine)</div>
                """
        case .outlookDesktop:
            inner =
                "<div>\(mine)</div>\n<hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">\n"
                + outlookHeader + "\n" + body
        case .outlookWeb:
            inner =
                "<div>\(mine)</div>\n<div id=\"appendonsend\"></div>\n<hr tabindex=\"-1\">\n" + outlookHeader
                + "\n" + body
        case .appleMail, .iPhone:
            let sig = self == .iPhone ? "<div><br></div><div>Sent from my iPhone</div>" : ""
            inner = """
                \(mine)\(sig)<div><br><blockquote type="cite"><div>On 30 Nov 2026, at 07:00, \(sender) \
                wrote:</div><br><div>\(body)</div></blockquote></div>
                """
        case .thunderbird:
            inner = """
                <div class="moz-cite-prefix">On 11/30/26 7:00 AM, \(Self.escape(o.fromName)) wrote:<br></div>\
                <blockquote type="cite" cite="mid:\(o.messageID)">\(body)</blockquote><p>\(mine)</p>
                """
        case .outlookPlain, .pastedWithoutHeader, .quoteDeleted:
            inner = mine
        }
        return "<html><head><meta charset=\"utf-8\"></head><body>\(inner)</body></html>"
    }

    /// The MIME forms of this client's reply: text only, and (for HTML clients) HTML only and both.
    enum Shape: String, CaseIterable { case text, html, alternative }

    func body(own: String, original: QuotedOriginal, shape: Shape) -> MIMEPart {
        switch shape {
        case .text: return .text(text(own: own, original: original))
        case .html: return .text(html(own: own, original: original), subtype: "html")
        case .alternative:
            return .multipart(
                "alternative",
                [.text(text(own: own, original: original)), .text(html(own: own, original: original), subtype: "html")])
        }
    }

    static func quote(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> \($0)" }
            .joined(separator: "\n")
    }

    static func escape(_ s: some StringProtocol) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// HTML → text the way webmail clients write their own text part (not our `HTMLText`): tags dropped,
    /// table cells separated by tabs, list items as "* ", paragraphs and `<br>` as line ends.
    static func plainText(_ html: String) -> String {
        var out = ""
        var i = html.startIndex
        var skipping = false
        while i < html.endIndex {
            if html[i] == "<", let close = html[i...].firstIndex(of: ">") {
                let tag = html[html.index(after: i)..<close].lowercased()
                let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
                let closing = tag.hasPrefix("/")
                let bare = closing ? String(tag.dropFirst()) : name
                if ["head", "style", "title"].contains(bare) { skipping = !closing }
                if !skipping {
                    switch (bare, closing) {
                    case ("br", _), ("p", true), ("div", true), ("tr", true), ("li", true), ("h1", true),
                        ("h2", true), ("pre", true), ("ul", false), ("ul", true), ("table", true):
                        out += "\n"
                    case ("li", false): out += "* "
                    case ("td", true), ("th", true): out += "\t"
                    default: break
                    }
                }
                i = html.index(after: close)
                continue
            }
            if !skipping { out.append(html[i]) }
            i = html.index(after: i)
        }
        out = out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        var lines: [String] = []
        for line in out.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(t)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
