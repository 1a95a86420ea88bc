#!/usr/bin/python3
"""Deterministic generator of realistic partner replies for the `replies` benchmark (scripts/bench).

Writes COUNT .eml files (reply-00000.eml …) to OUT_DIR and a summary, OUT_DIR/../replies-expected.json,
with the ADD/DROP commands and CSV action rows written into them. Same seed → same bytes.

Each reply answers one weekly roster email (Templates/roster.txt.mustache: a listing of 6 to 40 students)
as a partner's mail client would send it:

  gmail          multipart/alternative, "On … wrote:" + "> " quote, gmail_quote HTML blockquote
  gmail_es       the same in Spanish ("El … escribió:"), Spanish commands, RFC 2047 subject
  outlook        multipart/alternative, windows-1252 quoted-printable, "____" + From/Sent/To/Subject block,
                 the roster unquoted below it (sometimes in Spanish: De/Enviado/Para/Asunto)
  outlook_html   HTML-only (text/html, quoted-printable), Word markup, the header block in the HTML
  apple          Apple Mail: multipart/alternative, "On … at …, … wrote:" + quote, quoted-printable
  iphone         text/plain (base64 or quoted-printable), "Sent from my iPhone" above the quote
  thunderbird    text/plain; format=flowed, "On 12/1/26 9:14 AM, … wrote:"

About 15 % carry the returned roster.csv (base64, `action` column filled) in a multipart/mixed, about 10 %
have a base64 text body, a few are CRLF (most are LF, as in a Maildir). Every message has the usual
transport headers (Received, DKIM-Signature, Authentication-Results, ARC) so header parsing counts too.

    gen_replies.py [--count 10000] [--seed 7] OUT_DIR
"""

import argparse
import base64
import json
import os
import quopri
import random
import sys

FIRST_EN = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Mia", "Lucas", "Harper",
            "Mason", "Evelyn", "Ethan", "Abigail", "Logan", "Emily", "Jacob", "Ella", "Aiden", "Grace", "Zoe"]
FIRST_ES = ["María", "José", "Sofía", "Mateo", "Valentina", "Santiago", "Camila", "Diego", "Lucía", "Andrés",
            "Ximena", "Joaquín", "Renata", "Sebastián", "Inés", "Martín", "Daniela", "Tomás", "Paula", "Ángel"]
LAST = ["Lopez", "García", "Martínez", "Smith", "Johnson", "Nguyen", "Brown", "Hernández", "Williams",
        "Rodríguez", "Pérez", "Miller", "Davis", "González", "Wilson", "Sánchez", "Anderson", "Ramírez", "Kim",
        "Núñez", "Thompson", "Moore", "Castillo", "Jackson", "O'Brien", "White", "Torres", "Lee", "Chávez"]
SCHOOLS = ["Lincoln Elementary", "Roosevelt Middle School", "César Chávez Academy", "Riverbend K-8",
           "Jefferson Elementary", "Sunnyside Elementary", "Dolores Huerta Middle", "Oak Grove School"]
PROGRAMS = ["Boys & Girls Club After School", "YMCA Power Scholars", "Homework Club", "Soccer for Success",
            "Girls Who Code", "Club de Lectura", "Art Studio", "Science Explorers"]
GRADES = ["KG", "1", "2", "3", "4", "5", "6", "7", "8"]
DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri"]
DAYS_ES = ["lun", "mar", "mié", "jue", "vie"]
DAYS_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
DISTRICT = "district.example.org"
FROM_DISTRICT = "Riverbend Community Schools"

STYLES = [("gmail", 26), ("gmail_es", 10), ("outlook", 20), ("outlook_html", 8), ("apple", 12),
          ("iphone", 16), ("thunderbird", 8)]


class Roster:
    def __init__(self, rng, spanish):
        self.school = rng.choice(SCHOOLS)
        self.program = rng.choice(PROGRAMS)
        self.contact = rng.choice(FIRST_ES if spanish else FIRST_EN) + " " + rng.choice(LAST)
        self.site = rng.randrange(1, 400)
        self.week = 45 + rng.randrange(0, 8)
        self.day = 1 + rng.randrange(0, 28)
        self.csc = rng.choice(FIRST_EN) + " " + rng.choice(LAST)
        self.students = []
        used = set()
        for _ in range(rng.randrange(6, 41)):
            number = str(rng.randrange(1000000, 1999999))
            if number in used:
                continue
            used.add(number)
            first = rng.choice(FIRST_ES if rng.random() < 0.5 else FIRST_EN)
            self.students.append({
                "number": number, "first": first, "last": rng.choice(LAST), "grade": rng.choice(GRADES),
                "release": "yes" if rng.random() < 0.8 else "no", "new": rng.random() < 0.1,
            })
        self.dropped = [{"number": str(rng.randrange(1000000, 1999999)),
                         "name": rng.choice(FIRST_EN) + " " + rng.choice(LAST)} for _ in range(rng.randrange(0, 3))]
        self.token = "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(26))

    @property
    def address(self):
        return f"rosters+{self.token}@{DISTRICT}"

    @property
    def subject(self):
        return f"{self.program} roster, {self.school}, week of Dec {self.day} (2026-W{self.week})"

    @property
    def message_id(self):
        return f"roster.{self.site}.2026-W{self.week}.{self.site * 7}.{self.token[:12]}@{DISTRICT}"

    def text(self):
        """Our roster email's text part (Templates/roster.txt.mustache)."""
        lines = [f"Hello {self.contact},", "",
                 f"This is the {self.program} roster at {self.school} for the week of December {self.day}, 2026",
                 f"(2026-W{self.week}). {len(self.students)} students are in your program this week.", ""]
        for s in self.students:
            lines.append(f"- {s['first']} {s['last']} (student no. {s['number']}, grade {s['grade']}, "
                         f"release on file: {s['release']})" + (" NEW THIS WEEK" if s["new"] else ""))
        if self.dropped:
            lines += ["", "No longer in your program since last week:"]
            lines += [f"- {d['name']} (student no. {d['number']})" for d in self.dropped]
        lines += ["", "The same list is attached as roster.csv.", "",
                  "TO CHANGE THE ROSTER, reply to this email (keep the subject) with one change per line:",
                  "  ADD 123456", "  ADD Maria Lopez, grade 4", "  DROP 123456",
                  'You can also fill the "action" column of roster.csv with ADD or DROP and attach it to your reply.',
                  "You will get a confirmation listing what was applied. Changes reach the student information",
                  "system once a week.", "",
                  f"Questions? Your Community School Coordinator is {self.csc} <csc{self.site}@{DISTRICT}>.", "",
                  FROM_DISTRICT, "Riverbend Unified School District"]
        return lines

    def html_table(self):
        rows = "".join(f"<tr><td>{s['number']}</td><td>{esc(s['first'] + ' ' + s['last'])}</td><td>{s['grade']}</td>"
                       f"<td>{s['release']}</td><td>{'new' if s['new'] else ''}</td></tr>\n" for s in self.students)
        return (f"<p>Hello {esc(self.contact)},</p>\n<p>This is the <strong>{esc(self.program)}</strong> roster at "
                f"<strong>{esc(self.school)}</strong> for the week of December {self.day}, 2026.</p>\n"
                '<table style="border-collapse: collapse;" cellpadding="4">\n<thead><tr style="background: #eef;">'
                "<th>Student no.</th><th>Name</th><th>Grade</th><th>Release on file</th><th>Change</th></tr></thead>\n"
                f"<tbody>\n{rows}</tbody>\n</table>\n<p>TO CHANGE THE ROSTER, reply to this email with one change "
                "per line: ADD 123456, ADD Maria Lopez, grade 4, DROP 123456.</p>\n"
                f"<p>{FROM_DISTRICT}</p>\n")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Counter:
    def __init__(self):
        self.add = 0
        self.drop = 0
        self.csv_rows = 0


def own_words(rng, roster, spanish, counter):
    """The partner's own lines: greeting, 0–4 changes in the many ways people write them, maybe a sign-off."""
    lines = [rng.choice(["Hola,", "Buenos días,", f"Hola {roster.csc.split()[0]},"] if spanish
                        else ["Hi,", "Hello,", "Good morning,", f"Hi {roster.csc.split()[0]},", "Hey there,"]), ""]
    if rng.random() < 0.2:
        lines += [rng.choice(["Gracias por la lista.", "Aquí van los cambios de esta semana."] if spanish else
                             ["Thanks for sending this over.", "A few changes for this week, see below.",
                              "Two of our kids moved away last week, so please update the list."]), ""]
    n = rng.choice([0, 1, 1, 2, 2, 3, 4])
    students = roster.students
    heading = n >= 2 and rng.random() < 0.15
    if heading:
        action = rng.choice(["ADD", "DROP"])
        lines.append(rng.choice(["Agregar:", "Dar de baja:"]) if spanish else f"{action.title()}:")
        if spanish:
            action = "ADD" if lines[-1].startswith("Agregar") else "DROP"
        for _ in range(n):
            lines.append(f"- {rng.randrange(1000000, 1999999)}")
            counter.add += action == "ADD"
            counter.drop += action == "DROP"
        lines.append("")
        n = 0
    for _ in range(n):
        s = rng.choice(students)
        add = rng.random() < 0.5
        number = str(rng.randrange(1000000, 1999999)) if add else s["number"]
        first, last, grade = (rng.choice(FIRST_ES + FIRST_EN), rng.choice(LAST), rng.choice(GRADES)) if add \
            else (s["first"], s["last"], s["grade"])
        gword = {"KG": "KG"}.get(grade, grade)
        if spanish:
            forms = [f"Agregar {number}", f"Agregar a {first} {last}, {gword}º grado" if grade != "KG"
                     else f"Agregar a {first} {last}, kínder"] if add else \
                [f"Dar de baja a {number}", f"Dar de baja a {first} {last} por favor", f"Baja {number}"]
        else:
            forms = [f"ADD {number}", f"Add {first} {last}, grade {gword}", f"- please add {number}.",
                     f"add {number} effective 2026-12-{rng.randrange(1, 29):02d}",
                     f"ADD {first} {last}, gr. {gword}"] if add else \
                [f"DROP {number}", f"Drop {last}, {first}", f"pls drop {number}", f"1) DROP {first} {last}",
                 f"Remove {number}", f"DROP {number} effective 2026-12-{rng.randrange(1, 29):02d}"]
        lines.append(rng.choice(forms))
        counter.add += add
        counter.drop += not add
    if n == 0 and not heading:
        lines.append(rng.choice(["No changes this week.", "Sin cambios esta semana."] if spanish else
                                ["No changes this week, thanks!", "Looks good.", "All good on our end."]))
    lines += ["", rng.choice(["Saludos,", "Gracias,", "Un abrazo,"] if spanish else
                             ["Thanks,", "Thank you!", "Best,", "Regards,", "Cheers,"]),
              roster.contact.split()[0]]
    return lines


def signature(rng, roster, spanish, style):
    if style == "iphone":
        return []
    r = rng.random()
    if r < 0.3:
        return ["", "-- ", roster.contact, roster.program, f"(555) {rng.randrange(200, 999)}-{rng.randrange(1000, 9999)}"]
    if r < 0.45:
        return ["", "________________________________", roster.contact + " | Site Coordinator", roster.program]
    if r < 0.55 and style.startswith("outlook"):
        return ["", "Get Outlook for iOS" if not spanish else "Obtener Outlook para iOS"]
    return []


def attribution(rng, roster, style, spanish):
    who = f"{FROM_DISTRICT} <{roster.address}>"
    d = rng.randrange(0, 5)
    hour, minute = rng.randrange(6, 12), rng.randrange(0, 60)
    if style == "gmail_es" or (spanish and style in ("gmail", "apple", "iphone")):
        return [f"El {DAYS_ES[d]}, {roster.day} dic 2026 a las {hour}:{minute:02d}, {FROM_DISTRICT} (<{roster.address}>)",
                "escribió:"] if rng.random() < 0.5 else \
            [f"El {DAYS_ES[d]}, {roster.day} dic 2026 a las {hour}:{minute:02d}, {FROM_DISTRICT} (<{roster.address}>) escribió:"]
    if style == "gmail":
        a = f"On {DAYS_EN[d]}, Dec {roster.day}, 2026 at {hour}:{minute:02d} AM {who} wrote:"
        if rng.random() < 0.4:  # Gmail wraps a long attribution in the text part
            cut = a.rfind(" ", 0, 76)
            return [a[:cut], a[cut + 1:]]
        return [a]
    if style in ("apple", "iphone"):
        return [f"On Dec {roster.day}, 2026, at {hour}:{minute:02d} AM, {who} wrote:"]
    return [f"On 12/{roster.day}/26 {hour}:{minute:02d} AM, {FROM_DISTRICT} wrote:"]


def outlook_block(rng, roster, spanish):
    d = rng.randrange(0, 5)
    if spanish:
        return ["________________________________", f"De: {FROM_DISTRICT} <{roster.address}>",
                f"Enviado: {DAYS_LONG[d]}, December {roster.day}, 2026 9:14 AM",
                f"Para: {roster.contact} <contact{roster.site}@partner.example.org>",
                f"Asunto: {roster.subject}", ""]
    block = ["________________________________" if rng.random() < 0.6 else "-----Original Message-----",
             f"From: {FROM_DISTRICT} <{roster.address}>", f"Sent: {DAYS_LONG[d]}, December {roster.day}, 2026 9:14 AM",
             f"To: {roster.contact} <contact{roster.site}@partner.example.org>"]
    if rng.random() < 0.5:
        block.append(f"Cc: {roster.csc} <csc{roster.site}@{DISTRICT}>")
    block += [f"Subject: {roster.subject}", ""]
    return block


def returned_csv(rng, roster, counter):
    out = ["student_number,first_name,last_name,grade,release_on_file,change,action"]
    for s in roster.students:
        action = ""
        if rng.random() < 0.1:
            action = rng.choice(["DROP", "drop", "Drop"])
            counter.csv_rows += 1
        name_first = f'"{s["first"]}"' if rng.random() < 0.3 else s["first"]
        out.append(f"{s['number']},{name_first},{s['last']},{s['grade']},{s['release']},{'new' if s['new'] else ''},{action}")
    if rng.random() < 0.5:
        out.append(f"{rng.randrange(1000000, 1999999)},{rng.choice(FIRST_EN)},{rng.choice(LAST)},3,yes,,ADD")
        counter.csv_rows += 1
    data = ("\r\n".join(out) + "\r\n").encode("utf-8")
    return b"\xef\xbb\xbf" + data if rng.random() < 0.3 else data


def html_of(lines):
    return "".join(f"<div>{esc(l) if l else '<br>'}</div>\n" for l in lines)


def b64(data):
    s = base64.b64encode(data).decode("ascii")
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(text, charset):
    return quopri.encodestring(text.encode(charset, "replace")).decode("ascii")


def encoded_subject(subject):
    if all(ord(c) < 128 for c in subject):
        return subject
    data = subject.encode("utf-8")
    words, chunk = [], b""
    for ch in subject:
        b = ch.encode("utf-8")
        if len(chunk) + len(b) > 40:
            words.append(chunk)
            chunk = b""
        chunk += b
    words.append(chunk)
    return "\n ".join("=?UTF-8?B?" + base64.b64encode(w).decode("ascii") + "?=" for w in words) if data else subject


def transport_headers(rng, roster, sender_domain):
    ip = f"203.0.113.{rng.randrange(1, 254)}"
    hdr = [f"Return-Path: <contact{roster.site}@{sender_domain}>",
           f"Delivered-To: {roster.address}"]
    for hop in range(rng.randrange(2, 5)):
        hdr += [f"Received: from mail{hop}.{sender_domain} (mail{hop}.{sender_domain} [{ip}])",
                f"\tby mx{hop}.{DISTRICT} (Postfix) with ESMTPS id 4Q{rng.randrange(10**8, 10**9)}",
                f"\tfor <{roster.address}>; {DAYS_EN[hop % 5]}, {roster.day} Dec 2026 09:{hop:02d}:14 -0800 (PST)"]
    hdr += [f"Authentication-Results: mx.{DISTRICT};",
            f"\tdkim=pass header.d={sender_domain} header.s=s1 header.b=Ab{rng.randrange(10**6, 10**7)};",
            f"\tspf=pass (mx.{DISTRICT}: domain of contact{roster.site}@{sender_domain} designates {ip} as permitted sender)",
            f" smtp.mailfrom=contact{roster.site}@{sender_domain};",
            f"\tdmarc=pass (p=NONE sp=NONE dis=NONE) header.from={sender_domain}",
            f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={sender_domain}; s=s1; t=1764600000;",
            "\th=from:to:subject:date:message-id:in-reply-to:references:mime-version;",
            "\tbh=" + base64.b64encode(rng.randbytes(32)).decode(),
            "\tb=" + "\n\t ".join(base64.b64encode(rng.randbytes(128)).decode()[i:i + 70] for i in range(0, 172, 70))]
    return hdr


def message(rng, index, counter):
    style = rng.choices([s for s, _ in STYLES], weights=[w for _, w in STYLES])[0]
    spanish = style == "gmail_es" or rng.random() < 0.12
    roster = Roster(rng, spanish)
    sender_domain = {"gmail": "gmail.com", "gmail_es": "gmail.com", "outlook": "partner.example.org",
                     "outlook_html": "outlook.com", "apple": "icloud.com", "iphone": "me.com",
                     "thunderbird": "partner.example.net"}[style]
    own = own_words(rng, roster, spanish, counter) + signature(rng, roster, spanish, style)
    quoted_roster = roster.text()

    # The text part and the HTML part (if any), per client.
    html = None
    if style in ("gmail", "gmail_es", "apple", "thunderbird"):
        text_lines = own + [""] + attribution(rng, roster, style, spanish) + [""] + \
            [("> " + l).rstrip() if l or rng.random() < 0.5 else ">" for l in quoted_roster]
        if style != "thunderbird":
            quote_class = "gmail_quote" if style.startswith("gmail") else "apple-quote"
            html = (f'<div dir="ltr">{html_of(own)}</div><br><div class="{quote_class}"><div dir="ltr" '
                    f'class="gmail_attr">{esc(" ".join(attribution(rng, roster, style, spanish)))}<br></div>'
                    f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
                    f'rgb(204,204,204);padding-left:1ex">{roster.html_table()}</blockquote></div>\n')
    elif style == "iphone":
        text_lines = own + ["", "Enviado desde mi iPhone" if spanish else "Sent from my iPhone", ""] + \
            ["> " + l for l in attribution(rng, roster, style, spanish)] + [">"] + \
            [("> " + l).rstrip() for l in quoted_roster]
        if rng.random() < 0.4:
            html = f"<html><head></head><body dir=\"auto\">{html_of(own)}<div><br></div><blockquote " \
                   f"type=\"cite\">{roster.html_table()}</blockquote></body></html>\n"
    else:  # outlook, outlook_html
        text_lines = own + [""] + outlook_block(rng, roster, spanish) + quoted_roster
        html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">'
                '<head><meta http-equiv="Content-Type" content="text/html; charset=Windows-1252">'
                '<style><!-- p.MsoNormal {margin:0in; font-size:11.0pt; font-family:"Calibri",sans-serif;} --></style>'
                '</head><body lang="EN-US" link="#0563C1"><div class="WordSection1">'
                + "".join(f'<p class="MsoNormal">{esc(l) if l else "<o:p>&nbsp;</o:p>"}</p>\n' for l in own)
                + '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in">'
                + "".join(f'<p class="MsoNormal"><b>{esc(l.split(":", 1)[0])}:</b>{esc(l.split(":", 1)[1])}</p>\n'
                          for l in outlook_block(rng, roster, spanish) if ":" in l and not l.startswith("_"))
                + "</div>" + roster.html_table() + "</div></body></html>\n")
    text = "\n".join(text_lines) + "\n"

    # Body entities.
    charset = "windows-1252" if style.startswith("outlook") else "utf-8"
    if style == "outlook_html":
        body = [f'Content-Type: text/html; charset="{charset}"', "Content-Transfer-Encoding: quoted-printable", "",
                qp(html, charset)]
        html = None
    else:
        flowed = "; format=flowed" if style == "thunderbird" else ""
        if style == "iphone" or rng.random() < 0.1:
            body = [f"Content-Type: text/plain; charset={charset}{flowed}", "Content-Transfer-Encoding: base64", "",
                    b64(text.encode(charset, "replace"))]
        elif all(ord(c) < 128 for c in text):
            body = [f"Content-Type: text/plain; charset=\"us-ascii\"{flowed}", "Content-Transfer-Encoding: 7bit", "",
                    text]
        else:
            body = [f"Content-Type: text/plain; charset=\"{charset}\"{flowed}",
                    "Content-Transfer-Encoding: quoted-printable", "", qp(text, charset)]
    if html is not None:
        b = f"000000000000{rng.randrange(16**12):012x}" if style.startswith("gmail") else \
            f"Apple-Mail={rng.randrange(16**8):08X}-{rng.randrange(16**4):04X}" if style in ("apple", "iphone") else \
            f"_000_{rng.randrange(16**10):010X}namprd{rng.randrange(10)}prod_"
        html_part = [f"Content-Type: text/html; charset=\"{charset}\"", "Content-Transfer-Encoding: quoted-printable",
                     "", qp(html, charset)]
        body = [f'Content-Type: multipart/alternative; boundary="{b}"', "", f"--{b}"] + body + \
            [f"--{b}"] + html_part + [f"--{b}--", ""]
    if rng.random() < 0.15:
        m = f"----=_Part_{rng.randrange(10**6)}_{rng.randrange(10**9)}"
        data = returned_csv(rng, roster, counter)
        body = [f'Content-Type: multipart/mixed; boundary="{m}"', "", "This is a multi-part message in MIME format.",
                f"--{m}"] + body + [f"--{m}", 'Content-Type: text/csv; name="roster.csv"',
                                    'Content-Disposition: attachment; filename="roster.csv"',
                                    "Content-Transfer-Encoding: base64", "", b64(data), f"--{m}--", ""]

    subject = ("RE: " if style.startswith("outlook") else "Re: ") + roster.subject
    if spanish:
        subject = subject.replace("roster", "lista").replace("week of", "semana del") + " — cambios"
    mailer = {"gmail": None, "gmail_es": None, "outlook": "Microsoft Outlook 16.0",
              "outlook_html": "Microsoft Outlook 16.0", "apple": "Apple Mail (2.3774.200.91.1.1)",
              "iphone": "iPhone Mail (22B91)", "thunderbird": "Mozilla Thunderbird"}[style]
    from_name = f'"{roster.contact}"' if all(ord(c) < 128 for c in roster.contact) else encoded_subject(roster.contact)
    headers = transport_headers(rng, roster, sender_domain) + [
        f"From: {from_name} <contact{roster.site}@{sender_domain}>",
        f"To: {FROM_DISTRICT} <{roster.address}>",
        f"Cc: {encoded_subject(roster.csc)} <csc{roster.site}@{DISTRICT}>",
        f"Subject: {encoded_subject(subject)}",
        f"Date: {DAYS_EN[rng.randrange(5)]}, {roster.day} Dec 2026 {rng.randrange(8, 18)}:{rng.randrange(60):02d}:00 -0800",
        f"Message-ID: <{rng.randrange(16**16):016x}.{index}@{sender_domain}>",
        f"In-Reply-To: <{roster.message_id}>",
        f"References: <{roster.message_id}>",
        "MIME-Version: 1.0"]
    if mailer:
        headers.append(f"X-Mailer: {mailer}")
    if style.startswith("outlook"):
        headers += ["Thread-Topic: " + encoded_subject(roster.subject), f"Thread-Index: AQHb{rng.randrange(16**12):012x}==",
                    "Content-Language: es-US" if spanish else "Content-Language: en-US"]
    raw = "\n".join(headers + body)
    if rng.random() < 0.1:
        raw = raw.replace("\n", "\r\n")
    return raw.encode("ascii")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("out")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    counter = Counter()
    total = 0
    for i in range(args.count):
        data = message(rng, i, counter)
        total += len(data)
        with open(os.path.join(args.out, f"reply-{i:05d}.eml"), "wb") as f:
            f.write(data)
    summary = {"files": args.count, "bytes": total, "add": counter.add, "drop": counter.drop,
               "csv_rows": counter.csv_rows, "seed": args.seed}
    with open(os.path.join(os.path.dirname(os.path.abspath(args.out)), "replies-expected.json"), "w") as f:
        json.dump(summary, f)
    print(" ".join(f"{k}={v}" for k, v in summary.items()))


if __name__ == "__main__":
    sys.exit(main())
