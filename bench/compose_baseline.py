#!/usr/bin/python3
"""Python baseline of `rostermail mail --week W --compose-only`: stdlib `email` + `string.Template`.

Works on a copy of RosterMail's store taken before our compose (empty outbox). For every active site:
the roster of the week with the same SQL as ours (participation overlapping the week or the week before,
joined with student; release on file; new / dropped since last week), sorted by family then given name
ignoring case and accents; for every contact of the site: subject, text and HTML rendered with
string.Template (bench/baseline_templates.py, equivalent to Templates/*.mustache), roster.csv (BOM, CRLF,
formula cells prefixed with '), an email.message.EmailMessage (policy default, CRLF line ends as SMTP
needs: email.policy.SMTP is the default policy with linesep="\\r\\n") with text/plain + text/html
alternative + roster.csv attachment, the same headers as ours, `as_bytes()`, inserted into `outbox`
(256 per transaction, as ours). Run with /usr/bin/python3. Prints `sites=N emails=N bytes=N students=N`.

    compose_baseline.py --config CONFIG_DIR --week 2026-W49 STORE_COPY.sqlite
"""

import argparse
import csv
import datetime as dt
import html
import io
import os
import re
import sqlite3
import sys
import unicodedata
import zoneinfo
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baseline_templates as T  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
GRADE_LABELS = {"KG": "K", **{f"0{i}": str(i) for i in range(1, 10)}}
BATCH = 256

ROSTER_SQL = """
SELECT s.number, s.given_name, s.family_name, s.grade, s.active,
    MAX(p.start_date <= :sun AND (p.end_date IS NULL OR p.end_date >= :mon)) AS this_week,
    MAX(p.start_date <= :lastSun AND (p.end_date IS NULL OR p.end_date >= :lastMon)) AS last_week,
    EXISTS (SELECT 1 FROM release r WHERE r.student_sourced_id = s.sourced_id AND r.partner_id = :partner
        AND r.revoked_at IS NULL AND (r.expires IS NULL OR r.expires >= :mon)) AS release
FROM participation p JOIN student s ON s.sourced_id = p.student_sourced_id
WHERE p.site_id = :site AND p.start_date <= :sun AND (p.end_date IS NULL OR p.end_date >= :lastMon)
GROUP BY s.sourced_id
"""

SITES_SQL = """
SELECT site.id, program.name, partner.id, partner.name, school.number, school.name, school.csc_name,
    school.csc_email
FROM site JOIN program ON program.id = site.program_id JOIN partner ON partner.id = program.partner_id
JOIN school ON school.number = site.school_number
WHERE site.active = 1 AND program.active = 1 AND partner.active = 1
ORDER BY site.rowid
"""


def district_settings(config_dir):
    """The few rostermail.yaml values the email needs (flat `key: value` lines; no YAML library in stdlib)."""
    out, section = {}, ""
    with open(os.path.join(config_dir, "rostermail.yaml"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = re.match(r'^(\s*)([A-Za-z_]+):\s*(.*?)\s*$', line)
            if not m:
                continue
            indent, key, value = m.groups()
            if not indent:
                section = key
            value = re.sub(r'\s+#.*$', "", value) if not value.startswith('"') else value
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            out[f"{section}.{key}" if indent else key] = value
    return {
        "name": out["district.name"], "domain": out["district.domain"],
        "cs_name": out["district.community_schools_name"], "cs_address": out["district.community_schools_address"],
        "reply_local": out.get("district.reply_local_part", "rosters") or "rosters",
        "time_zone": out.get("time_zone", "UTC"),
    }


def fnv1a64_hex(text):
    h = 0xcbf29ce484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).casefold()


def weekly_roster(db, site_id, partner_id, monday):
    sunday, last_mon = monday + dt.timedelta(days=6), monday - dt.timedelta(days=7)
    args = {"site": site_id, "partner": partner_id, "mon": monday.isoformat(), "sun": sunday.isoformat(),
            "lastMon": last_mon.isoformat(), "lastSun": (last_mon + dt.timedelta(days=6)).isoformat()}
    active, dropped = [], []
    for number, given, family, grade, student_active, this_week, last_week, release in db.execute(ROSTER_SQL, args):
        e = {"number": number, "given": given, "family": family, "name": f"{given} {family}",
             "grade": GRADE_LABELS.get(grade, grade or ""), "release": "yes" if release else "no"}
        if this_week and student_active:
            e["change"] = "" if last_week else "new this week"
            active.append(e)
        elif last_week:
            e["change"] = "dropped"
            dropped.append(e)
    key = lambda e: (fold(e["family"]), fold(e["given"]), e["number"])  # noqa: E731
    return sorted(active, key=key), sorted(dropped, key=key)


def roster_csv(active):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["student_number", "first_name", "last_name", "grade", "release_on_file", "change", "action"])
    for e in active:
        cells = [e["number"], e["given"], e["family"], e["grade"], e["release"], e["change"], ""]
        w.writerow(["'" + c if c[:1] in ("=", "+", "-", "@") else c for c in cells])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def render(values, active, dropped):
    """(subject, text, html) of one contact's email."""
    esc = {k: html.escape(str(v)) for k, v in values.items()}
    if active:
        text_students = "".join(
            T.TEXT_STUDENT.substitute(e, new_mark=" NEW THIS WEEK" if e["change"] == "new this week" else "")
            for e in active)
        html_students = T.HTML_TABLE_HEAD + "".join(
            T.HTML_STUDENT.substitute({k: html.escape(v) for k, v in e.items()}) for e in active) + T.HTML_TABLE_TAIL
    else:
        text_students, html_students = T.TEXT_NO_STUDENTS, T.HTML_NO_STUDENTS
    if dropped:
        text_dropped = T.TEXT_DROPPED_HEAD + "".join(T.TEXT_DROPPED.substitute(e) for e in dropped)
        html_dropped = T.HTML_DROPPED_HEAD + "".join(
            T.HTML_DROPPED.substitute({k: html.escape(v) for k, v in e.items()}) for e in dropped) + T.HTML_DROPPED_TAIL
    else:
        text_dropped = html_dropped = ""
    subject = T.SUBJECT.substitute(values).strip()
    text = T.TEXT.substitute(values, students_block=text_students, dropped_block=text_dropped)
    body = T.HTML.substitute(esc, students_block=html_students, dropped_block=html_dropped)
    return subject, text, body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--week", required=True, help="ISO week, e.g. 2026-W49")
    ap.add_argument("store")
    a = ap.parse_args()

    d = district_settings(a.config)
    tz = zoneinfo.ZoneInfo(d["time_zone"])
    year, week_no = (int(x) for x in re.fullmatch(r"(\d{4})-W(\d{2})", a.week).groups())
    monday = dt.date.fromisocalendar(year, week_no, 1)
    week, compact = a.week, f"{year}w{week_no:02d}"
    now = dt.datetime.now(tz).replace(microsecond=0)
    created_at = now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    common = {
        "district_name": d["name"], "community_schools_name": d["cs_name"],
        "community_schools_address": d["cs_address"], "week": week,
        "week_label": f"{MONTHS[monday.month - 1]} {monday.day}, {monday.year}",
        "week_start": monday.isoformat(), "week_end": (monday + dt.timedelta(days=4)).isoformat(),
    }
    sender = Address(d["cs_name"], addr_spec=d["cs_address"])
    smtp = policy.SMTP  # policy.default with CRLF line ends

    db = sqlite3.connect(a.store, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    insert = ("INSERT INTO outbox (kind, week, site_id, recipient, message_id, state, created_at) "
              "VALUES ('roster', ?, ?, ?, ?, 'queued', ?) ON CONFLICT DO NOTHING")
    insert_body = "INSERT INTO outbox_body (outbox_id, bytes) VALUES (?, ?)"

    def flush(batch):
        # As ours: the outbox row, then its message bytes in outbox_body.
        db.execute("BEGIN IMMEDIATE")
        for week_, site_, rcpt_, mid_, data_, at_ in batch:
            cur = db.execute(insert, (week_, site_, rcpt_, mid_, at_))
            if cur.rowcount:
                db.execute(insert_body, (cur.lastrowid, data_))
        db.execute("COMMIT")

    sites = emails = total_bytes = students = 0
    batch = []
    for site_id, program_name, partner_id, partner_name, school_number, school_name, csc_name, csc_email in \
            db.execute(SITES_SQL).fetchall():
        sites += 1
        contacts = db.execute("SELECT email, name FROM contact WHERE site_id = ? ORDER BY rowid", (site_id,)).fetchall()
        done = {r[0] for r in db.execute(
            "SELECT lower(recipient) FROM outbox WHERE kind = 'roster' AND week = ? AND site_id = ?", (week, site_id))}
        todo = [c for c in contacts if c[0].lower() not in done]
        active, dropped = weekly_roster(db, site_id, partner_id, monday)
        students += len(active)
        if not todo:
            continue
        attachment = roster_csv(active)
        values = dict(common, school_name=school_name, school_number=school_number, partner_name=partner_name,
                      program_name=program_name, site_id=site_id, csc_name=csc_name or "", csc_email=csc_email or "",
                      student_count=len(active), dropped_count=len(dropped),
                      reply_address=f"{d['reply_local']}+{site_id}.{compact}@{d['domain']}")
        for email_addr, contact_name in todo:
            subject, text, body = render(dict(values, contact_name=contact_name), active, dropped)
            message_id = f"roster.{site_id}.{compact}.{fnv1a64_hex(email_addr.lower())}@{d['domain']}"
            msg = EmailMessage(policy=smtp)
            msg["Date"] = format_datetime(now)
            msg["From"] = sender
            msg["To"] = Address(contact_name, addr_spec=email_addr)
            msg["Cc"] = Address(csc_name or "", addr_spec=csc_email)
            msg["Reply-To"] = Address(d["cs_name"], addr_spec=values["reply_address"])
            msg["Subject"] = subject
            msg["Message-ID"] = f"<{message_id}>"
            msg["Auto-Submitted"] = "auto-generated"
            msg["List-Id"] = f"{program_name} rosters <{site_id}.rosters.{d['domain']}>"
            msg["X-RosterMail-Site"] = site_id
            msg["X-RosterMail-Week"] = week
            msg.set_content(text)
            msg.add_alternative(body, subtype="html")
            msg.add_attachment(attachment, maintype="text", subtype="csv", filename="roster.csv")
            data = msg.as_bytes()
            batch.append((week, site_id, email_addr, message_id, data, created_at))
            emails += 1
            total_bytes += len(data)
        if len(batch) >= BATCH:
            flush(batch)
            batch = []
    if batch:
        flush(batch)
    db.close()
    print(f"sites={sites} emails={emails} bytes={total_bytes} students={students}")


if __name__ == "__main__":
    main()
