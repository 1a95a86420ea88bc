#!/usr/bin/python3
"""Writes the first N queued outbox messages of a store as DIR/000001.eml … and DIR/rcpts.txt, cancels the
rest (so both sides of the SMTP benchmark send the same N messages). Usage: export_outbox.py STORE DIR N"""
import os
import sqlite3
import sys

store, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(d, exist_ok=True)
db = sqlite3.connect(store)
rows = db.execute("SELECT id, recipient, bytes FROM outbox JOIN outbox_body ON outbox_id = id "
                  "WHERE state = 'queued' ORDER BY id").fetchall()
if len(rows) < n:
    sys.exit("only %d queued messages, %d wanted" % (len(rows), n))
with open(os.path.join(d, "rcpts.txt"), "w") as r:
    for i, (_, rcpt, data) in enumerate(rows[:n], 1):
        with open(os.path.join(d, "%06d.eml" % i), "wb") as f:
            f.write(data)
        r.write(rcpt + "\n")
db.execute("UPDATE outbox SET state = 'cancelled' WHERE state = 'queued' AND id > ?", (rows[n - 1][0],))
db.commit()
print(n)
