#!/usr/bin/python3
"""Python baseline of `rostermail import oneroster`: stdlib `csv` + `sqlite3` `executemany`.

Loads the same OneRoster 1.1 bundle (orgs.csv, users.csv, demographics.csv) into the same `school`,
`student`, `guardian` and `guardian_student` tables (CREATE statements copied at run time from
RosterMail's store, so the schema, its indexes and its foreign keys are identical) in a fresh SQLite file:
WAL, synchronous=NORMAL, foreign_keys=ON (what GRDB's DatabasePool uses), all rows in one transaction.

It does the same mapping as ours (role filter, first org → school number, first grade, enabledUser,
demographics → gender / race_ethnicity / birth_date; guardians (role parent, guardian, relative,
relativeOf) with email, first preferred language lower-cased, and a link to each student named in
agentSourcedIds that is a student of the bundle) but far less validation, so it is a generous baseline.
Run with /usr/bin/python3 (system Python 3.11). Prints one line:
`students=N schools=N guardians=N links=N`.

    import_baseline.py --schema-from STORE.sqlite BUNDLE_DIR OUT.sqlite
"""

import argparse
import csv
import os
import sqlite3
import sys

RACES = (
    ("americanIndianOrAlaskaNative", "american_indian_or_alaska_native"),
    ("asian", "asian"),
    ("blackOrAfricanAmerican", "black_or_african_american"),
    ("nativeHawaiianOrOtherPacificIslander", "native_hawaiian_or_other_pacific_islander"),
    ("white", "white"),
)


def schema(store):
    """CREATE TABLE / INDEX statements of the four tables, exactly as in the store (tables in dependency
    order, each followed by its indexes)."""
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    rows = db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name IN ('school', 'student', 'guardian', 'guardian_student') "
        "AND sql IS NOT NULL ORDER BY CASE tbl_name WHEN 'school' THEN 0 WHEN 'student' THEN 1 "
        "WHEN 'guardian' THEN 2 ELSE 3 END, type = 'index'"
    ).fetchall()
    db.close()
    if not rows:
        sys.exit(f"import_baseline: no school/student tables in {store}")
    return [r[0] for r in rows]


def open_csv(path):
    f = open(path, newline="", encoding="utf-8-sig")
    reader = csv.reader(f)
    header = next(reader)
    return f, reader, {name.strip(): i for i, name in enumerate(header)}


def read_orgs(path):
    f, reader, c = open_csv(path)
    schools = []
    with f:
        i_id, i_name, i_type, i_ident = c["sourcedId"], c["name"], c["type"], c["identifier"]
        for r in reader:
            if r[i_type].strip().lower() != "school":
                continue
            sid = r[i_id].strip()
            number = r[i_ident].strip() or sid
            schools.append((number, sid, r[i_name].strip()))
    return schools


def read_demographics(path):
    f, reader, c = open_csv(path)
    out = {}
    with f:
        i_id, i_sex, i_birth = c["sourcedId"], c["sex"], c["birthDate"]
        i_races = [(c[col], name) for col, name in RACES]
        i_two, i_hisp = c["demographicRaceTwoOrMoreRaces"], c["hispanicOrLatinoEthnicity"]
        for r in reader:
            races = [name for i, name in i_races if r[i].strip().lower() == "true"]
            if r[i_hisp].strip().lower() == "true":
                race = "hispanic_or_latino"
            elif r[i_two].strip().lower() == "true" or len(races) > 1:
                race = "two_or_more_races"
            else:
                race = races[0] if races else None
            sex = r[i_sex].strip().lower()
            birth = r[i_birth].strip()
            out[r[i_id].strip()] = (sex or None, race, birth or None)
    return out


GUARDIAN_ROLES = frozenset(("parent", "guardian", "relative", "relativeof"))
LANGUAGE_COLUMNS = ("preferredLanguages", "preferredLanguage", "metadata.preferredLanguage",
                    "metadata.preferredLanguages")


def read_users(path, org_number, demographics):
    """Students and guardians of users.csv; guardian links as (guardian, student) to check afterwards."""
    f, reader, c = open_csv(path)
    rows = []
    guardians = []
    links = []
    none = (None, None, None)
    with f:
        i_id, i_role, i_orgs = c["sourcedId"], c["role"], c["orgSourcedIds"]
        i_given, i_family, i_middle = c["givenName"], c["familyName"], c["middleName"]
        i_ident, i_grades, i_enabled = c["identifier"], c["grades"], c["enabledUser"]
        i_email, i_agents = c["email"], c["agentSourcedIds"]
        i_lang = next((c[n] for n in LANGUAGE_COLUMNS if n in c), None)
        for r in reader:
            role = r[i_role].strip().lower()
            if role != "student":
                if role in GUARDIAN_ROLES:
                    gid = r[i_id].strip()
                    email = r[i_email].strip() or None
                    lang = (r[i_lang].split(",")[0].strip().lower() or None) if i_lang is not None else None
                    guardians.append((
                        gid, r[i_given].strip(), r[i_family].strip(), email, lang,
                        0 if r[i_enabled].strip().lower() == "false" else 1,
                    ))
                    seen = set()
                    for s in r[i_agents].split(","):
                        s = s.strip()
                        if s and s not in seen:
                            seen.add(s)
                            links.append((gid, s))
                continue
            sid = r[i_id].strip()
            org = r[i_orgs].split(",")[0].strip()
            grade = r[i_grades].split(",")[0].strip() or None
            gender, race, birth = demographics.get(sid, none)
            rows.append((
                sid, r[i_ident].strip(), org_number[org], r[i_given].strip(), r[i_family].strip(),
                r[i_middle].strip(), grade, gender, race, birth,
                0 if r[i_enabled].strip().lower() == "false" else 1,
            ))
    return rows, guardians, links


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schema-from", required=True, help="RosterMail store to copy the CREATE statements from")
    ap.add_argument("bundle")
    ap.add_argument("out")
    a = ap.parse_args()

    ddl = schema(a.schema_from)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(a.out + suffix):
            os.remove(a.out + suffix)
    db = sqlite3.connect(a.out, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    for stmt in ddl:
        db.execute(stmt)

    schools = read_orgs(os.path.join(a.bundle, "orgs.csv"))
    org_number = {sid: number for number, sid, _ in schools}
    demographics = read_demographics(os.path.join(a.bundle, "demographics.csv"))
    students, guardians, links = read_users(os.path.join(a.bundle, "users.csv"), org_number, demographics)
    # Links only to students of the district (ours skips and counts the others).
    known = {s[0] for s in students}
    links = [link for link in links if link[1] in known]

    db.execute("BEGIN")
    db.executemany("INSERT INTO school (number, sourced_id, name) VALUES (?, ?, ?)", schools)
    db.executemany(
        "INSERT INTO student (sourced_id, number, school_number, given_name, family_name, middle_name, grade, "
        "gender, race_ethnicity, birth_date, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        students,
    )
    db.executemany(
        "INSERT INTO guardian (sourced_id, given_name, family_name, email, language, active) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        guardians,
    )
    db.executemany("INSERT INTO guardian_student (guardian_sourced_id, student_sourced_id) VALUES (?, ?)", links)
    db.execute("COMMIT")
    db.close()
    print(f"students={len(students)} schools={len(schools)} guardians={len(guardians)} links={len(links)}")


if __name__ == "__main__":
    main()
