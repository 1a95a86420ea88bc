import Testing

@testable import MailMessage

@Suite("HTMLText: HTML-only replies as text")
struct HTMLTextTests {
    @Test(arguments: [
        ("<p>ADD 123456</p><p>DROP Mar&iacute;a L&oacute;pez</p>", "ADD 123456\nDROP María López"),
        ("one<br>two<br/>three", "one\ntwo\nthree"),
        ("<head><title>t</title><style>p{}</style></head><body>Hi &amp; bye&nbsp;now</body>", "Hi & bye now"),
        ("<script>alert(1)</script>kept <!-- gone --> text", "kept text"),
        ("a &#233; &#xE9; &eacute; &amp &unknown; &#x93;", "a é é é & &unknown; “"),
        ("<ul><li>ADD 1</li><li>DROP 2</li></ul>", "- ADD 1\n- DROP 2"),
        ("<table><tr><td>123456</td><td>José</td></tr></table>", "123456\tJosé"),
        ("<pre>  keep\n  spaces</pre>", "  keep\n  spaces"),
        ("x < y and y > z", "x < y and y > z"),
        (
            "<div>reply</div><blockquote><div>quoted</div><blockquote>deeper</blockquote></blockquote>",
            "reply\n> quoted\n>> deeper"
        ),
        ("mine<hr>theirs", "mine\n________________________________\ntheirs"),
    ])
    func converts(html: String, text: String) {
        #expect(HTMLText.text(fromHTML: html) == text)
    }

    @Test func outlookHTMLReplyIsTrimmed() {
        let html = """
            <html><head><style>p.MsoNormal{margin:0}</style></head><body>
            <div>ADD 123456</div><div>Gracias,</div><div>Ana</div>
            <div id="appendonsend"></div>
            <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>De:</b> Community Schools &lt;rosters@district.org&gt;<br>
            <b>Enviado:</b> lunes, 1 de diciembre de 2025 8:00<br><b>Para:</b> Ana &lt;ana@p.org&gt;<br>
            <b>Asunto:</b> Lista semanal</font><div>&nbsp;</div></div>
            <div>Reply with lines like ADD 999999.</div></body></html>
            """
        #expect(ReplyTrimmer.ownText(HTMLText.text(fromHTML: html)) == "ADD 123456\nGracias,\nAna")
    }

    @Test func gmailHTMLReplyIsTrimmed() {
        let html = """
            <div dir="ltr">DROP 234567</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, \
            Dec 1, 2025 at 8:00 AM Community Schools &lt;<a href="mailto:r@d.org">r@d.org</a>&gt; wrote:<br></div>\
            <blockquote class="gmail_quote"><div>Reply with ADD or DROP lines.</div></blockquote></div>
            """
        #expect(ReplyTrimmer.ownText(HTMLText.text(fromHTML: html)) == "DROP 234567")
    }
}
