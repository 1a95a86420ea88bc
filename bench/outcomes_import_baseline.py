#!/usr/bin/python3
"""Python baseline of `rostermail import outcomes`: stdlib `csv` + `sqlite3` `executemany`.

Loads attendance.csv, behavior.csv, course_marks.csv and assessments.csv into the same outcome_* and
outcome_import tables (CREATE statements copied at run time from RosterMail's store, indexes included) in a
fresh SQLite file: WAL, synchronous=NORMAL, all rows in one transaction. It checks what ours checks on every
row, more loosely (student and school numbers against the store's, the school year's form, whole numbers,
Y/N, dates inside the school year, days_absent <= days_enrolled) and hashes each file with SHA-256, but does
not look for duplicate rows: a generous baseline. Run with /usr/bin/python3. Prints one line:
`rows=N attendance=N behavior=N course_marks=N assessments=N`.

    outcomes_import_baseline.py --schema-from STORE.sqlite OUTCOMES_DIR OUT.sqlite
"""

import argparse
import csv
import hashlib
import os
import re
import sqlite3
import sys

YEAR = re.compile(r"^(\d{4})-(\d{4})$")
FILES = {
    "attendance": ("outcome_attendance",
                   ["student_number", "school_year", "school_number", "days_enrolled", "days_absent"]),
    "behavior": ("outcome_behavior", ["school_year", "student_number", "date", "event_type"]),
    "course_marks": ("outcome_course_mark",
                     ["school_year", "student_number", "term", "course_code", "mark", "passing"]),
    "assessments": ("outcome_assessment",
                    ["school_year", "student_number", "test", "subject", "scale_score", "performance_level",
                     "met_benchmark"]),
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--schema-from", required=True)
    p.add_argument("directory")
    p.add_argument("out")
    a = p.parse_args()
    source = sqlite3.connect(a.schema_from)
    students = {r[0] for r in source.execute("SELECT number FROM student")}
    schools = {r[0] for r in source.execute("SELECT number FROM school")}
    schema = [r[0] for r in source.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND (tbl_name LIKE 'outcome_%')")]
    source.close()
    if os.path.exists(a.out):
        os.remove(a.out)
    db = sqlite3.connect(a.out)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    for sql in schema:
        db.execute(sql)
    counts = {}
    problems = 0
    with db:
        for kind, (table, columns) in FILES.items():
            path = os.path.join(a.directory, kind + ".csv")
            if not os.path.exists(path):
                continue
            with open(path, "rb") as f:
                sha = hashlib.sha256(f.read()).hexdigest()
            rows = []
            years = {}
            with open(path, newline="", encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    m = YEAR.match(r["school_year"])
                    if r["student_number"] not in students or not m or int(m[2]) != int(m[1]) + 1:
                        problems += 1
                        continue
                    year = r["school_year"]
                    years[year] = years.get(year, 0) + 1
                    if kind == "attendance":
                        e, ab = int(r["days_enrolled"]), int(r["days_absent"])
                        if r["school_number"] not in schools or ab > e:
                            problems += 1
                        rows.append((r["student_number"], year, r["school_number"], e, ab))
                    elif kind == "behavior":
                        if not (m[1] + "-07-01" <= r["date"] <= m[2] + "-06-30"):
                            problems += 1
                        rows.append((year, r["student_number"], r["date"], r["event_type"]))
                    elif kind == "course_marks":
                        if r["passing"] not in ("Y", "N"):
                            problems += 1
                        rows.append((year, r["student_number"], r["term"], r["course_code"], r["mark"],
                                     1 if r["passing"] == "Y" else 0))
                    else:
                        if r["met_benchmark"] not in ("Y", "N"):
                            problems += 1
                        score = int(r["scale_score"]) if r["scale_score"] else None
                        rows.append((year, r["student_number"], r["test"], r["subject"], score,
                                     int(r["performance_level"]), 1 if r["met_benchmark"] == "Y" else 0))
            for year in years:
                db.execute(f"DELETE FROM {table} WHERE school_year = ?", (year,))
            db.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
            for year, n in years.items():
                db.execute(
                    "INSERT OR REPLACE INTO outcome_import (kind, school_year, sha256, rows, imported_at) "
                    "VALUES (?, ?, ?, ?, datetime('now'))", (kind, year, sha, n))
            counts[kind] = len(rows)
    if problems:
        print(f"{problems} invalid rows", file=sys.stderr)
        sys.exit(1)
    print(f"rows={sum(counts.values())} " + " ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
