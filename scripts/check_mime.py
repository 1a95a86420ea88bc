#!/usr/bin/python3
"""Independent check of RFC 5322 / MIME messages with Python's own parser.

Usage: /usr/bin/python3 scripts/check_mime.py FILE.eml [FILE.eml ...]

Prints one JSON object per file, one per line, in argument order:
  path                    the file as given
  subject                 decoded Subject (str or null)
  from, to, cc, reply_to  lists of {"name": display name, "address": addr-spec}
  message_id              Message-ID as written, angle brackets included (or null)
  parts                   leaf parts in order: {"content_type", "filename", "charset",
                          "transfer_encoding", "content"}; content is the decoded text
                          (line ends as LF) for text/* parts, else {"base64": ...}
  defects                 every defect Python recorded, "where: DefectName: detail"
  max_line                longest line in bytes, CRLF excluded
  bare_lf, bare_cr        an LF not after CR / a CR not before LF occurs
  eight_bit, nul          a byte >= 0x80 / a NUL byte occurs
Exit status: 0 when every file was read, 2 when one could not be read.
Uses only the standard library (email.policy.default), Python 3.8 or later.
"""
import base64
import email
import email.policy
import json
import sys


def addresses(msg, name):
    header = msg[name]
    if header is None:
        return []
    try:
        return [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses]
    except AttributeError:
        return [{"name": None, "address": str(header)}]


def header_defects(where, msg):
    found = []
    for key in msg.keys():
        for value in msg.get_all(key, []):
            for defect in getattr(value, "defects", ()):
                found.append(f"{where} {key}: {type(defect).__name__}: {defect}")
    return found


def line_facts(raw):
    lines = raw.split(b"\r\n")
    return {
        "max_line": max((len(line) for line in lines), default=0),
        "bare_lf": any(b"\n" in line for line in lines),
        "bare_cr": any(b"\r" in line for line in lines),
        "eight_bit": any(byte >= 0x80 for byte in raw),
        "nul": b"\x00" in raw,
    }


def check(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [f"message: {type(d).__name__}: {d}" for d in msg.defects]
    defects += header_defects("message", msg)
    parts = []
    for index, part in enumerate(msg.walk()):
        where = f"part {index}"
        if index > 0:
            defects += [f"{where}: {type(d).__name__}: {d}" for d in part.defects]
            defects += header_defects(where, part)
        if part.is_multipart():
            continue
        content = part.get_content()
        if isinstance(content, str):
            content = content.replace("\r\n", "\n")
        elif isinstance(content, bytes):
            content = {"base64": base64.b64encode(content).decode("ascii")}
        else:
            content = str(content)
        parts.append({
            "content_type": part.get_content_type(),
            "filename": part.get_filename(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "content": content,
        })
    subject = msg["subject"]
    message_id = msg["message-id"]
    result = {
        "path": path,
        "subject": None if subject is None else str(subject),
        "from": addresses(msg, "from"),
        "to": addresses(msg, "to"),
        "cc": addresses(msg, "cc"),
        "reply_to": addresses(msg, "reply-to"),
        "message_id": None if message_id is None else str(message_id).strip(),
        "parts": parts,
        "defects": defects,
    }
    result.update(line_facts(raw))
    return result


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    status = 0
    for path in argv:
        try:
            result = check(path)
        except OSError as error:
            result = {"path": path, "error": str(error)}
            status = 2
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
