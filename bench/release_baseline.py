#!/usr/bin/python3
"""Python baseline of `rostermail releases send`: stdlib `email`, `hmac`, `sqlite3` and a small Mustache
subset renderer reading the same Templates/release.*.mustache files.

Works on a copy of RosterMail's store taken before our send (no requests yet). As ours: every active
guardian with an email and each of their active students who participates in a site today, grouped by
guardian × partner (the site's program's partner), one request each naming only those children; the
guardian's language picks the templates (es → Spanish, en → English, else both); the token is the request
id plus 80 bits of HMAC-SHA256 (base32) over the same fields; text/plain + text/html alternative with the
same headers; the release_request row, the outbox row and its body, 256 requests per transaction.
Prints `requests=N bytes=N`.

    release_baseline.py --config CONFIG_DIR --templates DIR --key HEX STORE_COPY.sqlite
"""

import argparse
import base64
import datetime as dt
import hashlib
import hmac
import html
import json
import os
import re
import sqlite3
import sys
import zoneinfo
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compose_baseline import district_settings, fnv1a64_hex  # noqa: E402

PURPOSE = "to plan, run and evaluate the program's services for your child"
MEASURES = {
    "en": ["attendance", "behavior (discipline incidents)", "course grades", "assessment results",
           "change from the prior school year"],
    "es": ["asistencia", "conducta (incidentes de disciplina)", "calificaciones de los cursos",
           "resultados de evaluaciones", "cambio respecto al año escolar anterior"],
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre"]
GRADE_LABELS = {"KG": "K", **{f"0{i}": str(i) for i in range(1, 10)}}
CANDIDATES_SQL = """
SELECT DISTINCT g.sourced_id, g.given_name, g.family_name, g.email, g.language,
    s.sourced_id, s.number, s.given_name, s.family_name, s.grade, p.site_id, s.school_number
FROM participation p
CROSS JOIN student s ON s.sourced_id = p.student_sourced_id AND s.active = 1
CROSS JOIN guardian_student gs ON gs.student_sourced_id = s.sourced_id
CROSS JOIN guardian g ON g.sourced_id = gs.guardian_sourced_id
WHERE p.start_date <= :day AND (p.end_date IS NULL OR p.end_date >= :day)
    AND g.active = 1 AND g.email IS NOT NULL AND g.email != ''
ORDER BY g.sourced_id, p.site_id, s.number
"""
STANDALONE = re.compile(r"^[ \t]*(\{\{[#^/][^}]*\}\})[ \t]*\n", re.M)
TAG = re.compile(r"\{\{([#^/]?)\s*([\w.]+)\s*\}\}")


def compile_template(text):
    """A Mustache subset: variables, sections over lists and booleans, inverted sections, standalone lines."""
    text = STANDALONE.sub(r"\1", text)
    pos, stack, root = 0, [], []
    out = root
    for m in TAG.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        kind, name = m.groups()
        if kind in "#^" and kind:
            node = (kind, name, [])
            out.append(node)
            stack.append(out)
            out = node[2]
        elif kind == "/":
            out = stack.pop()
        else:
            out.append(("v", name))
        pos = m.end()
    out.append(text[pos:])
    return root


def render(nodes, ctx, escape):
    parts = []
    for n in nodes:
        if isinstance(n, str):
            parts.append(n)
        elif n[0] == "v":
            v = lookup(ctx, n[1])
            s = "" if v is None else str(v)
            parts.append(html.escape(s) if escape else s)
        elif n[0] == "#":
            v = lookup(ctx, n[1])
            if isinstance(v, list):
                for item in v:
                    parts.append(render(n[2], [item] + ctx, escape))
            elif v:
                parts.append(render(n[2], ctx, escape))
        else:
            v = lookup(ctx, n[1])
            if not v:
                parts.append(render(n[2], ctx, escape))
    return "".join(parts)


def lookup(ctx, name):
    for frame in ctx:
        if isinstance(frame, dict) and name in frame:
            return frame[name]
    return None


def mac(key, request_id, guardian, partner, cycle, rnd):
    message = f"rostermail.release-token.v1\0{request_id}\0{guardian}\0{partner}\0{cycle}\0{rnd}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()[:10]
    return base64.b32encode(digest).decode().lower().rstrip("=")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--templates", required=True)
    ap.add_argument("--key", required=True, help="reply-token key, hex")
    ap.add_argument("store")
    a = ap.parse_args()
    d = district_settings(a.config)
    tz = zoneinfo.ZoneInfo(d["time_zone"])
    now = dt.datetime.now(tz).replace(microsecond=0)
    today = now.date()
    expires = dt.date(today.year + 1 if today.month >= 7 else today.year, 6, 30)
    cycle = f"{expires.year - 1}-{expires.year}"
    created_at = now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    key = bytes.fromhex(a.key)
    templates = {}
    for lang in ("en", "es"):
        t = {}
        for part in ("subject", "txt", "html"):
            with open(os.path.join(a.templates, f"release.{lang}.{part}.mustache"), encoding="utf-8") as f:
                t[part] = compile_template(f.read())
        templates[lang] = t
    expires_label = {"en": f"{MONTHS[expires.month - 1]} {expires.day}, {expires.year}",
                     "es": f"{expires.day} de {MONTHS_ES[expires.month - 1]} de {expires.year}"}

    db = sqlite3.connect(a.store, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    site_partner, program_at = {}, {}
    for site_id, school, program_name, partner_id in db.execute(
            "SELECT site.id, site.school_number, program.name, program.partner_id FROM site "
            "JOIN program ON program.id = site.program_id"):
        site_partner[site_id] = partner_id
        program_at.setdefault((school, partner_id), program_name)
    partners = dict(db.execute("SELECT id, name FROM partner"))
    schools = {n: (name, csc, email) for n, name, csc, email in
               db.execute("SELECT number, name, csc_name, csc_email FROM school")}
    groups, order = {}, []
    for row in db.execute(CANDIDATES_SQL, {"day": today.isoformat()}):
        gid, gg, gf, email, lang, sid, number, sg, sf, grade, site, school = row
        partner = site_partner.get(site)
        if partner is None:
            continue
        k = (gid, partner)
        if k not in groups:
            groups[k] = {"guardian": (gg, gf, email, lang), "site": site, "children": [], "ids": []}
            order.append(k)
        if sid not in groups[k]["ids"]:
            groups[k]["ids"].append(sid)
            groups[k]["children"].append({
                "name": f"{sg} {sf}", "given_name": sg, "family_name": sf, "number": number,
                "grade": GRADE_LABELS.get(grade, grade or ""), "school_name": schools[school][0],
                "program_name": program_at.get((school, partner), partners[partner]), "school": school})

    sender = Address(d["cs_name"], addr_spec=d["cs_address"])
    requests = total = 0
    week = f"{now.isocalendar()[0]}-W{now.isocalendar()[1]:02d}"
    for start in range(0, len(order), 256):
        db.execute("BEGIN IMMEDIATE")
        for k in order[start:start + 256]:
            g = groups[k]
            gg, gf, email, lang = g["guardian"]
            partner = k[1]
            cur = db.execute(
                "INSERT INTO release_request (cycle, guardian_sourced_id, partner_id, round, students, form_sha256, "
                "message_id, created_at, expires_at) VALUES (?, ?, ?, 1, ?, '', '', ?, ?) ON CONFLICT DO NOTHING",
                (cycle, k[0], partner, ",".join(g["ids"]), created_at, expires.isoformat()))
            if not cur.rowcount:
                continue
            rid = cur.lastrowid
            token = f"g{rid}.{mac(key, rid, k[0], partner, cycle, 1)}"
            reply = f"releases+{token}@{d['domain']}"
            l = (lang or "").lower()
            langs = ["es"] if l.startswith(("es", "spa")) else ["en"] if l.startswith(("en", "eng")) else ["en", "es"]
            school = schools[g["children"][0]["school"]]
            subjects, texts, htmls = [], [], []
            for lg in langs:
                ctx = [{"district_name": d["name"], "community_schools_name": d["cs_name"],
                        "community_schools_address": d["cs_address"], "guardian_name": f"{gg} {gf}",
                        "partner_name": partners[partner], "purpose": PURPOSE, "expires": expires_label[lg],
                        "reply_address": reply, "children": g["children"], "child_count": len(g["children"]),
                        "measures": [{"label": m} for m in MEASURES[lg]], "csc_name": school[1] or "",
                        "csc_email": school[2] or "", "is_reminder": False, "round": 1}]
                subjects.append(render(templates[lg]["subject"], ctx, False).strip())
                texts.append(render(templates[lg]["txt"], ctx, False))
                htmls.append(render(templates[lg]["html"], ctx, True))
            text = "\n\n---\n\n".join(texts)
            body = htmls[0] if len(htmls) == 1 else "\n<hr>\n".join(
                h[h.index(">", h.index("<body")) + 1:h.rindex("</body>")] for h in htmls)
            message_id = f"release.{token}.{fnv1a64_hex(email.lower())}@{d['domain']}"
            msg = EmailMessage(policy=policy.SMTP)
            msg["Date"] = format_datetime(now)
            msg["From"] = sender
            msg["To"] = Address(f"{gg} {gf}", addr_spec=email)
            msg["Reply-To"] = Address(d["cs_name"], addr_spec=reply)
            msg["Subject"] = " / ".join(subjects)
            msg["Message-ID"] = f"<{message_id}>"
            msg["Auto-Submitted"] = "auto-generated"
            msg["X-RosterMail-Kind"] = "release-request"
            msg.set_content(text)
            msg.add_alternative(body, subtype="html")
            data = msg.as_bytes()
            db.execute("UPDATE release_request SET form_sha256 = ?, message_id = ? WHERE id = ?",
                       (hashlib.sha256(text.encode()).hexdigest(), message_id, rid))
            cur = db.execute(
                "INSERT INTO outbox (kind, week, site_id, recipient, message_id, state, created_at) "
                "VALUES ('release-request', ?, ?, ?, ?, 'queued', ?) ON CONFLICT DO NOTHING",
                (week, g["site"], email, message_id, created_at))
            db.execute("INSERT INTO outbox_body (outbox_id, bytes) VALUES (?, ?)", (cur.lastrowid, data))
            db.execute("INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, 'releases', "
                       "'release.request', ?, ?)", (created_at, str(rid), json.dumps(
                           {"cycle": cycle, "partner": partner, "round": "1", "students": str(len(g["ids"]))},
                           sort_keys=True, separators=(",", ":"))))
            requests += 1
            total += len(data)
        db.execute("COMMIT")
    db.close()
    print(f"requests={requests} bytes={total}")


if __name__ == "__main__":
    main()
