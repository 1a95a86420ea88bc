#!/usr/bin/python3
"""Small SQLite helpers for scripts/bench (so the benchmark needs no sqlite3 CLI).

    benchlib.py copy SRC DST        consistent copy of a (WAL) store, left in WAL mode
    benchlib.py query DB SQL        first row of SQL, columns separated by spaces
"""

import os
import sqlite3
import sys


def copy(src, dst):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    s = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    d = sqlite3.connect(dst)
    s.backup(d)
    s.close()
    d.execute("PRAGMA journal_mode = WAL")
    d.close()


def query(db, sql):
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    row = c.execute(sql).fetchone() or ()
    c.close()
    print(" ".join("" if v is None else str(v) for v in row))


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"copy": copy, "query": query}[cmd](*args)
