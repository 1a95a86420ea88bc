#!/usr/bin/python3
"""The Python peer of the SMTP benchmark: smtplib over one connection, one envelope per message.
Usage: smtp_baseline.py HOST PORT FROM DIR  (DIR/rcpts.txt and DIR/000001.eml … as curl_loop.c)."""
import os
import smtplib
import sys

host, port, sender, d = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
with open(os.path.join(d, "rcpts.txt")) as f:
    rcpts = [line.strip() for line in f if line.strip()]
s = smtplib.SMTP(host, port)
s.ehlo("bench.rostermail.test")
for i, rcpt in enumerate(rcpts, 1):
    with open(os.path.join(d, "%06d.eml" % i), "rb") as f:
        s.sendmail(sender, [rcpt], f.read())
s.quit()
print("sent %d" % len(rcpts))
