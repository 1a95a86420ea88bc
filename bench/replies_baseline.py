#!/usr/bin/env python3
"""Python baseline of `rostermail inspect --batch DIR` (the `replies` benchmark of scripts/bench).

For every file of DIR (sorted, hidden files skipped), as the issue specifies: the stdlib `email` package
with `policy=default`, `get_body(preferencelist=('plain', 'html'))` + `get_content()`, then
`email_reply_parser` (PyPI `email-reply-parser`) `EmailReplyParser.parse_reply` on that text. The ADD/DROP
"extraction" is only a count of the trimmed lines whose first word is an action keyword, and returned CSV
attachments are not read, HTML is not turned into text: a generous baseline (less work than ours).

Run with the interpreter of the venv that has email-reply-parser (scripts/bench makes it). Prints one line:
`messages=N errors=N command_lines=N seconds=S msgs_per_s=R`.

    replies_baseline.py DIR
"""

import email
import os
import sys
import time
from email import policy

from email_reply_parser import EmailReplyParser

KEYWORDS = {"add", "drop", "remove", "agregar", "baja", "dar", "quitar", "eliminar"}


def main():
    directory = sys.argv[1]
    names = sorted(n for n in os.listdir(directory) if not n.startswith("."))
    messages = errors = command_lines = 0
    start = time.perf_counter()
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            msg = email.message_from_binary_file(f, policy=policy.default)
        messages += 1
        try:
            body = msg.get_body(preferencelist=("plain", "html"))
            text = body.get_content() if body is not None else ""
        except (LookupError, ValueError, AttributeError, KeyError):
            errors += 1
            continue
        reply = EmailReplyParser.parse_reply(text)
        for line in reply.splitlines():
            words = line.lstrip(" -*•0123456789).").split(None, 1)
            if words and words[0].lower().rstrip(":") in KEYWORDS:
                command_lines += 1
    seconds = time.perf_counter() - start
    print(f"messages={messages} errors={errors} command_lines={command_lines} seconds={seconds:.3f} "
          f"msgs_per_s={messages / seconds if seconds > 0 else 0:.0f}")


if __name__ == "__main__":
    main()
