#!/usr/bin/python3
"""Independent audit of a data answer's files, written apart from the Swift code that made them.

It shares with RosterMail only the store's tables (read with sqlite3) and the rules as the README states
them. From the store it recomputes, in its own SQL and Python, the students of the site's program during
the period and every measure; then it checks the answer e-mail's attachments:

aggregates.csv  the header; every shown size and count is the true one; a group of 10 or fewer shows
                nothing; a shown count is >= 10 and so is its complement; coded counts (<10, >x) are
                true; percentages only beside shown counts and correctly rounded; and an integer LP
                audit (scipy milp) per measure: from the shown sizes and counts, the coded bounds, the
                breakdowns' totals and 0 <= count <= size, no withheld small count (or small group's
                size or count) is determined exactly.
deidentified.csv one row per student, labels Student 1..N; every combination of school, gender, grade and
                race/ethnicity as released (with *) is shared by >= k rows (k-anonymity); within such a
                group each measure not redacted takes >= l values (l-diversity); each measure column
                without * has the true number of Y; no student number or name appears.
identified.csv  only students of the program with a valid release for the partner, covering every
                requested measure, on the given day; names as in the store.

Usage: answer_audit.py --db STORE --site SITE --period 2026-2027 --today YYYY-MM-DD --measures a,b
                       [--save-sets SETS.json] [--earlier SETS.json ...] MESSAGE
MESSAGE is the answer e-mail as delivered (RFC 5322), or a directory of its files. --save-sets keeps the students behind each shown
count; --earlier gives those of earlier answers to the same partner for the same period (audited when they
were sent, against the store as it was then): a count shown now must not be over a set of students that
differs from an earlier shown one by 1..9 students (their values would be the difference).
Prints a JSON report; exit 0 when no check fails.
"""
import argparse
import csv
import email
import io
import json
import os
import re
import sqlite3
import sys
from collections import Counter, defaultdict

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

MIN_GROUP, MIN_COUNT, K, L = 11, 10, 11, 2
QI = ["school", "gender", "grade", "race_ethnicity"]
failures = []


def fail(message):
    failures.append(message)


def slug(text):
    return "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else "_" for c in text.lower())


class Truth:
    """The program's students and their measures, recomputed from the store."""

    def __init__(self, db, site, period, today):
        self.db = sqlite3.connect(db)
        first, last = period[:4] + "-07-01", period[5:] + "-06-30"
        prior = f"{int(period[:4]) - 1}-{period[:4]}"
        q = self.db.execute
        self.partner = q(
            "SELECT pr.partner_id FROM site JOIN program pr ON pr.id = site.program_id WHERE site.id = ?", (site,)
        ).fetchone()[0]
        ids = [r[0] for r in q(
            "SELECT DISTINCT student_sourced_id FROM participation WHERE site_id = ? AND start_date <= ? "
            "AND (end_date IS NULL OR end_date >= ?)", (site, last, first))]
        self.students = {}
        for sid in ids:
            number, school, gender, grade, race, given, family = q(
                "SELECT number, school_number, gender, grade, race_ethnicity, given_name, family_name "
                "FROM student WHERE sourced_id = ?", (sid,)).fetchone()
            self.students[number] = dict(
                id=sid, school=school, gender=gender or "", grade=grade or "", race=race or "",
                name=f"{given} {family}", given=given, family=family, m={})
        kinds = defaultdict(set)
        for kind, year in q("SELECT kind, school_year FROM outcome_import"):
            kinds[year].add(kind)
        numbers = list(self.students)

        def per_student(sql, year):
            out = defaultdict(list)
            for n in numbers:
                for row in q(sql, (year, n)):
                    out[n].append(row)
            return out

        def rate(year):
            rows = per_student(
                "SELECT days_enrolled, days_absent FROM outcome_attendance WHERE school_year = ? "
                "AND student_number = ?", year)
            out = {}
            for n, rs in rows.items():
                e, a = sum(r[0] for r in rs), sum(r[1] for r in rs)
                if e > 0:
                    out[n] = (e, a)
            return out

        def levels(year):
            rows = per_student(
                "SELECT performance_level FROM outcome_assessment WHERE school_year = ? AND student_number = ?",
                year)
            return {n: sum(r[0] for r in rs) / len(rs) for n, rs in rows.items() if rs}

        now, then = rate(period), rate(prior)
        for n, s in self.students.items():
            m = s["m"]
            if "attendance" in kinds[period] and n in now:
                e, a = now[n]
                m["chronically_absent"] = a * 10 >= e
            if "behavior" in kinds[period]:
                c = q("SELECT COUNT(*) FROM outcome_behavior WHERE school_year = ? AND student_number = ?",
                      (period, n)).fetchone()[0]
                m["behavior_event"] = c > 0
            if "course_marks" in kinds[period]:
                marks = [r[0] for r in q(
                    "SELECT passing FROM outcome_course_mark WHERE school_year = ? AND student_number = ?",
                    (period, n))]
                if marks:
                    m["failing_course"] = 0 in marks
            if "assessments" in kinds[period]:
                for test, subject, met in q(
                        "SELECT test, subject, met_benchmark FROM outcome_assessment WHERE school_year = ? "
                        "AND student_number = ? ORDER BY rowid", (period, n)):
                    m[f"met_benchmark_{slug(test)}_{slug(subject)}"] = met != 0
            if n in now and n in then and "attendance" in kinds[prior]:
                (e1, a1), (e0, a0) = now[n], then[n]
                m["improved_attendance"] = (e1 - a1) / e1 > (e0 - a0) / e0
        if "assessments" in kinds[period] and "assessments" in kinds[prior]:
            l1, l0 = levels(period), levels(prior)
            for n, s in self.students.items():
                if n in l1 and n in l0:
                    s["m"]["improved_performance"] = l1[n] > l0[n]
        self.releases = defaultdict(list)
        for sid, measures in q(
                "SELECT student_sourced_id, measures FROM release WHERE partner_id = ? AND state = 'valid' "
                "AND revoked_at IS NULL AND expires >= ?", (self.partner, today)):
            self.releases[sid].append(set(measures.split(",")))

    def group(self, name, measure):
        """Students of group `name` with a value for `measure`."""
        members = [s for s in self.students.values() if measure in s["m"]]
        if name == "all":
            return members
        kind, _, value = name.partition(":")
        key = {"school": "school", "grade": "grade"}[kind]
        return [s for s in members if s[key] == value]


def attachments(path):
    """The files of an answer: a delivered e-mail's attachments, or a directory of them
    (`rostermail requests answer ID --dry-run --out DIR`)."""
    if os.path.isdir(path):
        files = {}
        for name in os.listdir(path):
            with open(os.path.join(path, name), encoding="utf-8") as f:
                files[name] = f.read()
        return files
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f)
    files = {}
    for part in message.walk():
        if part.get_filename():
            files[part.get_filename()] = part.get_payload(decode=True).decode("utf-8")
    return files


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def small(v):
    return 0 <= v < MIN_COUNT


def audit_aggregates(truth, text, label):
    table = rows(text)
    if table[0] != ["group", "students", "measure", "count", "percent", "shown_as", "withheld_reason"]:
        fail(f"{label}: aggregates.csv header {table[0]}")
    by_measure = defaultdict(list)
    for line, r in enumerate(table[1:], start=2):
        group, students, measure, count, percent, shown, why = r
        by_measure[measure].append(r)
        members = truth.group(group, measure)
        n, yes = len(members), sum(1 for s in members if s["m"][measure])
        where = f"{label}: aggregates.csv:{line} ({group}, {measure})"
        if n < MIN_GROUP and (students or count or percent):
            fail(f"{where}: a group of {n} shows something")
        if students and int(students) != n:
            fail(f"{where}: students {students}, truly {n}")
        if count:
            if int(count) != yes:
                fail(f"{where}: count {count}, truly {yes}")
            if small(yes) or small(n - yes):
                fail(f"{where}: count {yes} of {n} is shown although it or its complement is under {MIN_COUNT}")
            if shown != count:
                fail(f"{where}: shown_as {shown} for a shown count {count}")
        if percent and not (count and students):
            fail(f"{where}: a percent without its count and size")
        if percent and int(percent) != (yes * 200 + n) // (2 * n):
            fail(f"{where}: percent {percent}, truly {yes * 100 / n:.2f}")
        if shown.startswith("<") and not yes < int(shown[1:]):
            fail(f"{where}: coded {shown} but the count is {yes}")
        if shown.startswith(">") and not yes > int(shown[1:]):
            fail(f"{where}: coded {shown} but the count is {yes}")
        if not count and not why:
            fail(f"{where}: withheld without a reason")
    for measure, lines in by_measure.items():
        lp_audit(truth, measure, lines, label)
    return by_measure


def lp_audit(truth, measure, lines, label):
    """Integer LP: can a withheld small count, or a small group's size or count, be pinned down?"""
    groups = [r[0] for r in lines]
    var = {}
    for g in groups:
        var[(g, "n")] = len(var)
        var[(g, "yes")] = len(var)
    size = len(var)
    A, lo, hi = [], [], []

    def row(coefficients, low, high):
        a = np.zeros(size)
        for key, c in coefficients:
            a[var[key]] += c
        A.append(a)
        lo.append(low)
        hi.append(high)

    lower, upper = np.zeros(size), np.full(size, np.inf)
    for g, students, _, count, _, shown, _ in lines:
        row([((g, "yes"), 1), ((g, "n"), -1)], -np.inf, 0)  # yes <= n
        if students:
            lower[var[(g, "n")]] = upper[var[(g, "n")]] = int(students)
        if count:
            lower[var[(g, "yes")]] = upper[var[(g, "yes")]] = int(count)
        if shown == "n/a":
            lower[var[(g, "n")]], upper[var[(g, "n")]] = 1, MIN_GROUP - 1
        if shown.startswith("<"):
            upper[var[(g, "yes")]] = int(shown[1:]) - 1
        if shown.startswith(">"):
            lower[var[(g, "yes")]] = int(shown[1:]) + 1
    for prefix in ["school:", "grade:"]:
        parts = [g for g in groups if g.startswith(prefix)]
        if parts:
            for cell in ["n", "yes"]:
                row([(("all", cell), 1)] + [((g, cell), -1) for g in parts], 0, 0)
    constraints = LinearConstraint(np.array(A), lo, hi) if A else ()
    bounds = Bounds(lower, upper)

    def interval(key):
        out = []
        for sign in (1, -1):
            c = np.zeros(size)
            c[var[key]] = sign
            res = milp(c, constraints=constraints, integrality=np.ones(size), bounds=bounds)
            if res.status != 0:
                if sign == -1 and res.status == 3:  # unbounded above
                    out.append(None)
                    continue
                fail(f"{label}: {measure}: the LP found no table consistent with what was shown ({res.message})")
                return None
            out.append(round(sign * res.fun))
        return out

    for g, students, _, count, _, shown, _ in lines:
        members = truth.group(g, measure)
        n, yes = len(members), sum(1 for s in members if s["m"][measure])
        protect = []
        if n < MIN_GROUP:
            protect = [(g, "n"), (g, "yes")]
        elif not count and (small(yes) or small(n - yes)):
            protect = [(g, "yes")]
        for key in protect:
            found = interval(key)
            if found and found[0] == found[1]:
                fail(f"{label}: {measure}: {key[0]}'s {key[1]} is determined exactly ({found[0]})")


def audit_deidentified(truth, text, label):
    table = rows(text)
    header = table[0]
    measures = header[5:]
    if header[:5] != ["student"] + QI:
        fail(f"{label}: deidentified.csv header {header}")
    body = table[1:]
    if len(body) != len(truth.students):
        fail(f"{label}: {len(body)} rows for {len(truth.students)} students")
    if [r[0] for r in body] != [f"Student {i}" for i in range(1, len(body) + 1)]:
        fail(f"{label}: labels are not Student 1..{len(body)} in order")
    groups = defaultdict(list)
    for r in body:
        groups[tuple(r[1:5])].append(r)
    for key, members in groups.items():
        if len(members) < K:
            fail(f"{label}: {len(members)} rows share {key}: not {K}-anonymous")
        for i, m in enumerate(measures):
            values = {r[5 + i] for r in members}
            if "*" not in values and len(values) < L:
                fail(f"{label}: {m} takes {len(values)} value(s) among the {len(members)} rows of {key}")
    for i, m in enumerate(measures):
        column = [r[5 + i] for r in body]
        if "*" in column:
            continue
        true_yes = sum(1 for s in truth.students.values() if s["m"].get(m) is True)
        if column.count("Y") != true_yes:
            fail(f"{label}: {m} has {column.count('Y')} Y, truly {true_yes}")
    for q, key in zip(range(1, 5), ["school", "gender", "grade", "race"]):
        shown = Counter(r[q] for r in body if r[q] != "*")
        true = Counter(s[key] for s in truth.students.values())
        for value, c in shown.items():
            if c > true[value]:
                fail(f"{label}: {QI[q - 1]} {value} on {c} rows, truly {true[value]} students")
    words = set(re.split(r"[,\r\n]", text))
    for number, s in truth.students.items():
        if number in words or s["name"] in words or s["family"] in words:
            fail(f"{label}: deidentified.csv names or numbers a student")


def audit_identified(truth, text, label, measures):
    table = rows(text)
    needed = set(measures)
    for r in table[1:]:
        s = truth.students.get(r[0])
        if s is None:
            fail(f"{label}: identified.csv lists {r[0]}, not in the program")
            continue
        if not any(needed <= m for m in truth.releases[s["id"]]):
            fail(f"{label}: identified.csv lists {r[0]} without a valid release covering {sorted(needed)}")
        if r[1] != s["name"]:
            fail(f"{label}: identified.csv name of {r[0]} is not the store's")
    return len(table) - 1


def shown_sets(truth, by_measure):
    """measure -> group -> the students behind each shown count."""
    return {
        measure: {r[0]: sorted(s["id"] for s in truth.group(r[0], measure)) for r in lines if r[3]}
        for measure, lines in by_measure.items()
    }


def differencing(current, earlier):
    """A count shown now and one shown earlier, for the same measure, must not be over sets of students that
    differ by 1..9 students: subtracting them would give those few students' values."""
    for label, sets in earlier:
        for measure, groups in current.items():
            for group, students in groups.items():
                for old_group, old_students in sets.get(measure, {}).items():
                    d = len(set(students) ^ set(old_students))
                    if 0 < d < MIN_COUNT:
                        fail(f"{measure}: {group} now and {old_group} in {label} differ by {d} student(s)")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--site", required=True)
    p.add_argument("--period", required=True)
    p.add_argument("--today", required=True)
    p.add_argument("--measures", required=True)
    p.add_argument("--earlier", action="append", default=[], help="sets file written by --save-sets")
    p.add_argument("--save-sets", help="write the students behind each shown count here (JSON)")
    p.add_argument("message")
    a = p.parse_args()
    truth = Truth(a.db, a.site, a.period, a.today)
    report = {"students": len(truth.students)}
    files = attachments(a.message)
    report["files"] = sorted(files)
    if "aggregates.csv" not in files:
        fail("no aggregates.csv")
        by_measure = {}
    else:
        by_measure = audit_aggregates(truth, files["aggregates.csv"], "answer")
    if "deidentified.csv" in files:
        audit_deidentified(truth, files["deidentified.csv"], "answer")
    if "identified.csv" in files:
        report["identified"] = audit_identified(truth, files["identified.csv"], "answer", a.measures.split(","))
    current = shown_sets(truth, by_measure)
    earlier = []
    for path in a.earlier:
        with open(path) as f:
            earlier.append((path, json.load(f)))
    differencing(current, earlier)
    if a.save_sets:
        with open(a.save_sets, "w") as f:
            json.dump(current, f)
    report["shown_counts"] = sum(len(g) for g in current.values())
    report["failures"] = failures
    print(json.dumps(report, indent=1))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
