import GRDB

/// The schema, as an ordered list of migrations. Never edit a shipped migration: add a new one.
enum Migrations {
    /// The secondary indexes of `student`; a first bulk import drops and rebuilds them (much faster than
    /// maintaining them row by row).
    static let studentIndexes = """
        CREATE UNIQUE INDEX student_by_number ON student(number);
        CREATE INDEX student_by_school ON student(school_number);
        """

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-foundation") { db in
            try db.execute(
                sql: """
                    CREATE TABLE school (
                        number TEXT PRIMARY KEY NOT NULL,
                        sourced_id TEXT UNIQUE,
                        name TEXT NOT NULL,
                        csc_name TEXT,
                        csc_email TEXT,
                        active INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE TABLE partner (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        active INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE TABLE program (
                        id TEXT PRIMARY KEY NOT NULL,
                        partner_id TEXT NOT NULL REFERENCES partner(id),
                        code TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        active INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE TABLE site (
                        id TEXT PRIMARY KEY NOT NULL,
                        program_id TEXT NOT NULL REFERENCES program(id),
                        school_number TEXT NOT NULL REFERENCES school(number),
                        active INTEGER NOT NULL DEFAULT 1,
                        UNIQUE (program_id, school_number)
                    );
                    CREATE TABLE contact (
                        site_id TEXT NOT NULL REFERENCES site(id),
                        email TEXT NOT NULL COLLATE NOCASE,
                        name TEXT NOT NULL,
                        PRIMARY KEY (site_id, email)
                    );
                    CREATE TABLE student (
                        sourced_id TEXT PRIMARY KEY NOT NULL,
                        number TEXT NOT NULL,
                        school_number TEXT NOT NULL REFERENCES school(number),
                        given_name TEXT NOT NULL,
                        family_name TEXT NOT NULL,
                        middle_name TEXT NOT NULL DEFAULT '',
                        grade TEXT,
                        gender TEXT,
                        race_ethnicity TEXT,
                        birth_date TEXT,
                        active INTEGER NOT NULL DEFAULT 1
                    ) WITHOUT ROWID;
                    \(studentIndexes)
                    CREATE TABLE participation (
                        id INTEGER PRIMARY KEY,
                        student_sourced_id TEXT NOT NULL REFERENCES student(sourced_id),
                        site_id TEXT NOT NULL REFERENCES site(id),
                        start_date TEXT NOT NULL,
                        end_date TEXT,
                        source TEXT NOT NULL CHECK (source IN ('sis', 'reply', 'csc')),
                        state TEXT NOT NULL CHECK (state IN ('active', 'pending_sis', 'dropped')),
                        UNIQUE (student_sourced_id, site_id, start_date)
                    );
                    CREATE INDEX participation_by_site ON participation(site_id, start_date);
                    CREATE TABLE release (
                        id INTEGER PRIMARY KEY,
                        student_sourced_id TEXT NOT NULL REFERENCES student(sourced_id),
                        partner_id TEXT NOT NULL REFERENCES partner(id),
                        signed_at TEXT NOT NULL,
                        signer TEXT NOT NULL,
                        scope TEXT NOT NULL,
                        expires TEXT,
                        revoked_at TEXT
                    );
                    CREATE INDEX release_by_student ON release(student_sourced_id, partner_id);
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        week TEXT NOT NULL,
                        site_id TEXT NOT NULL,
                        recipient TEXT NOT NULL COLLATE NOCASE,
                        message_id TEXT NOT NULL UNIQUE,
                        bytes BLOB NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'unknown', 'cancelled')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_at TEXT,
                        last_reply TEXT,
                        created_at TEXT NOT NULL,
                        sent_at TEXT,
                        UNIQUE (kind, week, site_id, recipient)
                    );
                    CREATE INDEX outbox_by_state ON outbox(state, next_at);
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );
                    """)
        }
        m.registerMigration("v2-outbox-body") { db in
            // The message bytes live apart from the delivery state: every state change rewrote the whole row,
            // blob and overflow pages included. And claimNextDue takes the oldest queued message by index.
            try db.execute(
                sql: """
                    CREATE TABLE outbox_body (
                        outbox_id INTEGER PRIMARY KEY NOT NULL REFERENCES outbox(id),
                        bytes BLOB NOT NULL
                    );
                    INSERT INTO outbox_body (outbox_id, bytes) SELECT id, bytes FROM outbox;
                    ALTER TABLE outbox DROP COLUMN bytes;
                    CREATE INDEX outbox_queued ON outbox(state, id);
                    """)
        }
        m.registerMigration("v3-reply-desk") { db in
            try db.execute(
                sql: """
                    CREATE TABLE inbox (
                        id INTEGER PRIMARY KEY,
                        message_id TEXT NOT NULL UNIQUE,
                        source TEXT NOT NULL,
                        mailbox TEXT,
                        uid_validity INTEGER,
                        uid INTEGER,
                        received_at TEXT NOT NULL,
                        sender TEXT,
                        subject TEXT NOT NULL DEFAULT '',
                        site_id TEXT,
                        week TEXT,
                        state TEXT NOT NULL CHECK (state IN ('applied', 'quarantined', 'ignored')),
                        reason TEXT NOT NULL DEFAULT '',
                        destination TEXT NOT NULL,
                        moved_at TEXT,
                        confirmation_outbox_id INTEGER
                    );
                    CREATE INDEX inbox_unmoved ON inbox(moved_at) WHERE moved_at IS NULL;
                    CREATE INDEX inbox_by_day ON inbox(received_at);
                    CREATE TABLE change (
                        id INTEGER PRIMARY KEY,
                        inbox_id INTEGER NOT NULL REFERENCES inbox(id),
                        site_id TEXT NOT NULL,
                        action TEXT NOT NULL CHECK (action IN ('add', 'drop')),
                        student_sourced_id TEXT REFERENCES student(sourced_id),
                        raw_line TEXT NOT NULL,
                        source TEXT NOT NULL,
                        requested_by TEXT NOT NULL,
                        effective TEXT,
                        state TEXT NOT NULL CHECK (state IN ('applied', 'needs_review', 'rejected')),
                        reason TEXT NOT NULL DEFAULT '',
                        created_at TEXT NOT NULL,
                        exported_at TEXT
                    );
                    CREATE INDEX change_by_day ON change(state, created_at);
                    CREATE TABLE roster_snapshot (
                        site_id TEXT NOT NULL,
                        week TEXT NOT NULL,
                        student_sourced_id TEXT NOT NULL REFERENCES student(sourced_id),
                        PRIMARY KEY (site_id, week, student_sourced_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE mailbox_checkpoint (
                        mailbox TEXT PRIMARY KEY NOT NULL,
                        uid_validity INTEGER NOT NULL,
                        last_uid INTEGER NOT NULL
                    );
                    """)
        }
        m.registerMigration("v4-outbox-once-per-roster") { db in
            // "Once per (week, site, recipient)" is a rule of roster emails only: a partner gets a confirmation
            // for every reply. SQLite cannot drop a table constraint, so the table is rebuilt.
            try db.execute(
                sql: """
                    CREATE TABLE outbox_new (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        week TEXT NOT NULL,
                        site_id TEXT NOT NULL,
                        recipient TEXT NOT NULL COLLATE NOCASE,
                        message_id TEXT NOT NULL UNIQUE,
                        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'unknown', 'cancelled')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_at TEXT,
                        last_reply TEXT,
                        created_at TEXT NOT NULL,
                        sent_at TEXT
                    );
                    INSERT INTO outbox_new SELECT id, kind, week, site_id, recipient, message_id, state, attempts, next_at,
                        last_reply, created_at, sent_at FROM outbox;
                    DROP TABLE outbox;
                    ALTER TABLE outbox_new RENAME TO outbox;
                    CREATE UNIQUE INDEX outbox_roster_once ON outbox(kind, week, site_id, recipient) WHERE kind = 'roster';
                    CREATE INDEX outbox_by_state ON outbox(state, next_at);
                    CREATE INDEX outbox_queued ON outbox(state, id);
                    """)
        }
        m.registerMigration("v5-outbox-partial-indexes") { db in
            // Only rows a query looks for by state are indexed: queued (the next claim, oldest first), sending
            // (recovery after a crash) and deferred/unknown (due retries, by next_at). A message going
            // queued → sending → sent then changes two small index entries instead of four in two full-table
            // indexes, so each delivery commit writes about half the WAL pages it did. SQLite uses a partial
            // index only when the query's WHERE repeats the index's term, as claim/recoverInterrupted/
            // nextRetryDate do (`state = 'queued'`, `state = 'sending'`, `state IN ('deferred', 'unknown')`).
            try db.execute(
                sql: """
                    DROP INDEX outbox_by_state;
                    DROP INDEX outbox_queued;
                    CREATE INDEX outbox_queued ON outbox(id) WHERE state = 'queued';
                    CREATE INDEX outbox_sending ON outbox(id) WHERE state = 'sending';
                    CREATE INDEX outbox_waiting ON outbox(next_at) WHERE state IN ('deferred', 'unknown');
                    """)
        }
        m.registerMigration("v6-guardians-and-releases") { db in
            // Guardians from the SIS (OneRoster users with role parent/guardian/relativeOf) and their students;
            // releases (virtual FERPA consent, 34 CFR 99.30) signed by email or imported, with their evidence;
            // release requests (one per guardian × partner × round of a cycle). The v1 `release` table was never
            // written: it is replaced.
            try db.execute(
                sql: """
                    CREATE TABLE guardian (
                        sourced_id TEXT PRIMARY KEY NOT NULL,
                        given_name TEXT NOT NULL,
                        family_name TEXT NOT NULL,
                        email TEXT COLLATE NOCASE,
                        language TEXT,
                        active INTEGER NOT NULL DEFAULT 1
                    ) WITHOUT ROWID;
                    CREATE INDEX guardian_by_email ON guardian(email);
                    CREATE TABLE guardian_student (
                        guardian_sourced_id TEXT NOT NULL REFERENCES guardian(sourced_id),
                        student_sourced_id TEXT NOT NULL REFERENCES student(sourced_id),
                        PRIMARY KEY (guardian_sourced_id, student_sourced_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX guardian_student_by_student ON guardian_student(student_sourced_id);
                    DROP TABLE release;
                    CREATE TABLE release_request (
                        id INTEGER PRIMARY KEY,
                        cycle TEXT NOT NULL,
                        guardian_sourced_id TEXT NOT NULL REFERENCES guardian(sourced_id),
                        partner_id TEXT NOT NULL REFERENCES partner(id),
                        round INTEGER NOT NULL CHECK (round BETWEEN 1 AND 3),
                        students TEXT NOT NULL,
                        form_sha256 TEXT NOT NULL,
                        message_id TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL,
                        UNIQUE (cycle, guardian_sourced_id, partner_id, round)
                    );
                    CREATE TABLE release (
                        id INTEGER PRIMARY KEY,
                        student_sourced_id TEXT NOT NULL REFERENCES student(sourced_id),
                        partner_id TEXT NOT NULL REFERENCES partner(id),
                        state TEXT NOT NULL CHECK (state IN ('pending', 'valid', 'declined', 'revoked')),
                        source TEXT NOT NULL CHECK (source IN ('email', 'import')),
                        guardian_sourced_id TEXT,
                        guardian_name TEXT NOT NULL,
                        guardian_email TEXT NOT NULL,
                        decided_at TEXT NOT NULL,
                        measures TEXT NOT NULL,
                        purpose TEXT NOT NULL DEFAULT '',
                        form_sha256 TEXT,
                        request_id INTEGER REFERENCES release_request(id),
                        message_id TEXT,
                        reply_sha256 TEXT,
                        authentication_results TEXT,
                        evidence_ref TEXT,
                        expires TEXT NOT NULL,
                        revoked_at TEXT,
                        revoked_by TEXT,
                        revoked_how TEXT,
                        created_at TEXT NOT NULL
                    );
                    CREATE INDEX release_by_student ON release(student_sourced_id, partner_id);
                    """)
        }
        m.registerMigration("v7-outcomes") { db in
            // Outcome data from the SIS (issue 11), keyed by student number and school year as the files write
            // them; `outcome_import` remembers each kind × school year's last file (SHA-256) so an import of the
            // same file again changes nothing. `answer_ledger` keeps, per answer, each published group's students
            // per measure (the release ledger); `identified_disclosure` the release each identified row relied on.
            try db.execute(
                sql: """
                    CREATE TABLE outcome_attendance (
                        student_number TEXT NOT NULL,
                        school_year TEXT NOT NULL,
                        school_number TEXT NOT NULL,
                        days_enrolled INTEGER NOT NULL,
                        days_absent INTEGER NOT NULL,
                        PRIMARY KEY (school_year, student_number, school_number)
                    ) WITHOUT ROWID;
                    CREATE TABLE outcome_behavior (
                        school_year TEXT NOT NULL,
                        student_number TEXT NOT NULL,
                        date TEXT NOT NULL,
                        event_type TEXT NOT NULL
                    );
                    CREATE INDEX outcome_behavior_by_student ON outcome_behavior(school_year, student_number);
                    CREATE TABLE outcome_course_mark (
                        school_year TEXT NOT NULL,
                        student_number TEXT NOT NULL,
                        term TEXT NOT NULL,
                        course_code TEXT NOT NULL,
                        mark TEXT NOT NULL,
                        passing INTEGER NOT NULL
                    );
                    CREATE UNIQUE INDEX outcome_course_mark_by_student
                        ON outcome_course_mark(school_year, student_number, term, course_code);
                    CREATE TABLE outcome_assessment (
                        school_year TEXT NOT NULL,
                        student_number TEXT NOT NULL,
                        test TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        scale_score INTEGER,
                        performance_level INTEGER NOT NULL,
                        met_benchmark INTEGER NOT NULL
                    );
                    CREATE UNIQUE INDEX outcome_assessment_by_student
                        ON outcome_assessment(school_year, student_number, test, subject);
                    CREATE TABLE outcome_import (
                        kind TEXT NOT NULL,
                        school_year TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        rows INTEGER NOT NULL,
                        imported_at TEXT NOT NULL,
                        PRIMARY KEY (kind, school_year)
                    ) WITHOUT ROWID;
                    CREATE TABLE answer_ledger (
                        id INTEGER PRIMARY KEY,
                        request_id INTEGER NOT NULL,
                        partner_id TEXT NOT NULL,
                        period TEXT NOT NULL,
                        metric TEXT NOT NULL,
                        grouping TEXT NOT NULL,
                        students TEXT NOT NULL,
                        recorded_at TEXT NOT NULL
                    );
                    CREATE INDEX answer_ledger_by_partner ON answer_ledger(partner_id, period, metric);
                    CREATE TABLE identified_disclosure (
                        id INTEGER PRIMARY KEY,
                        request_id INTEGER NOT NULL,
                        partner_id TEXT NOT NULL,
                        student_sourced_id TEXT NOT NULL,
                        release_id INTEGER NOT NULL REFERENCES release(id),
                        measures TEXT NOT NULL,
                        disclosed_at TEXT NOT NULL
                    );
                    CREATE INDEX identified_disclosure_by_student ON identified_disclosure(student_sourced_id);
                    """)
        }
        m.registerMigration("v8-data-requests") { db in
            // Partners' data requests (issue 11): received → review (the data team checks the computed answer)
            // → answered or rejected; refused when nothing can be answered. `seed` fixes the de-identified labels
            // so the answer approved is the answer reviewed; `answer_sha256` is what the team saw.
            try db.execute(
                sql: """
                    CREATE TABLE data_request (
                        id INTEGER PRIMARY KEY,
                        site_id TEXT NOT NULL,
                        partner_id TEXT NOT NULL,
                        requester TEXT NOT NULL COLLATE NOCASE,
                        requester_name TEXT NOT NULL DEFAULT '',
                        message_id TEXT UNIQUE,
                        thread_references TEXT NOT NULL DEFAULT '',
                        subject TEXT NOT NULL DEFAULT '',
                        source TEXT NOT NULL CHECK (source IN ('email', 'cli')),
                        measures TEXT NOT NULL,
                        level TEXT NOT NULL,
                        period TEXT NOT NULL,
                        purpose TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('received', 'review', 'answered', 'rejected', 'refused')),
                        received_at TEXT NOT NULL,
                        due_on TEXT NOT NULL,
                        seed INTEGER NOT NULL,
                        answer_sha256 TEXT,
                        review_round INTEGER NOT NULL DEFAULT 0,
                        review_message_id TEXT,
                        reminded_day INTEGER NOT NULL DEFAULT 0,
                        overdue_notice_on TEXT,
                        decided_by TEXT,
                        reason TEXT,
                        answered_at TEXT
                    );
                    CREATE INDEX data_request_open ON data_request(id) WHERE status IN ('received', 'review');
                    CREATE INDEX data_request_same ON data_request(site_id, period, level, measures, received_at);
                    """)
        }
        m.registerMigration("v9-sis-export-csc-actions") { db in
            // The weekly SIS export (issue 12): each export and the changes it carried; per exported participation
            // row, what the SIS imports since then showed (confirmed, contradicted, or still missing). CSC actions by
            // reply: the numbered items of each school's daily digest, each action taken on one, the candidates of
            // a change set aside for review, and the bytes of quarantined replies (so a CSC can release one).
            try db.execute(
                sql: """
                    CREATE TABLE sis_export (
                        id INTEGER PRIMARY KEY,
                        week TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        trigger TEXT NOT NULL,
                        again INTEGER NOT NULL DEFAULT 0,
                        rows INTEGER NOT NULL,
                        changes INTEGER NOT NULL,
                        file TEXT NOT NULL,
                        sha256 TEXT NOT NULL
                    );
                    CREATE INDEX sis_export_by_week ON sis_export(week, trigger);
                    CREATE TABLE sis_export_change (
                        export_id INTEGER NOT NULL REFERENCES sis_export(id),
                        change_id INTEGER NOT NULL REFERENCES change(id),
                        PRIMARY KEY (export_id, change_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE sis_reconcile (
                        participation_id INTEGER PRIMARY KEY REFERENCES participation(id),
                        export_id INTEGER NOT NULL REFERENCES sis_export(id),
                        exported_on TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('exported', 'confirmed', 'contradicted')),
                        exported_end TEXT,
                        missing_imports INTEGER NOT NULL DEFAULT 0,
                        detail TEXT NOT NULL DEFAULT '',
                        alerted INTEGER NOT NULL DEFAULT 0,
                        updated_at TEXT NOT NULL
                    );
                    CREATE INDEX change_unexported ON change(state, exported_at);
                    ALTER TABLE change ADD COLUMN candidates TEXT NOT NULL DEFAULT '';
                    CREATE TABLE digest_item (
                        school TEXT NOT NULL,
                        day TEXT NOT NULL,
                        label TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('change', 'quarantine')),
                        ref_id INTEGER NOT NULL,
                        PRIMARY KEY (school, day, label)
                    ) WITHOUT ROWID;
                    CREATE TABLE csc_action (
                        id INTEGER PRIMARY KEY,
                        inbox_id INTEGER NOT NULL REFERENCES inbox(id),
                        school TEXT NOT NULL,
                        day TEXT NOT NULL,
                        label TEXT NOT NULL,
                        action TEXT NOT NULL,
                        detail TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE inbox_body (
                        inbox_id INTEGER PRIMARY KEY REFERENCES inbox(id),
                        bytes BLOB NOT NULL
                    );
                    """)
        }
        m.registerMigration("v10-bounces") { db in
            // Bounces (issue 12): the outbox learns `bounced` (a message the relay accepted and the partner's
            // server returned), rebuilt as in v4 with every column and index kept; `bounce` records every
            // delivery report received and what it did; `undeliverable` marks a contact whose mail bounced
            // until partners.yaml changes it or a later message to it is delivered (cleared_at).
            try db.execute(
                sql: """
                    CREATE TABLE outbox_new (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        week TEXT NOT NULL,
                        site_id TEXT NOT NULL,
                        recipient TEXT NOT NULL COLLATE NOCASE,
                        message_id TEXT NOT NULL UNIQUE,
                        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'unknown', 'cancelled', 'bounced')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_at TEXT,
                        last_reply TEXT,
                        created_at TEXT NOT NULL,
                        sent_at TEXT
                    );
                    INSERT INTO outbox_new SELECT id, kind, week, site_id, recipient, message_id, state, attempts, next_at,
                        last_reply, created_at, sent_at FROM outbox;
                    DROP TABLE outbox;
                    ALTER TABLE outbox_new RENAME TO outbox;
                    CREATE UNIQUE INDEX outbox_roster_once ON outbox(kind, week, site_id, recipient) WHERE kind = 'roster';
                    CREATE INDEX outbox_queued ON outbox(id) WHERE state = 'queued';
                    CREATE INDEX outbox_sending ON outbox(id) WHERE state = 'sending';
                    CREATE INDEX outbox_waiting ON outbox(next_at) WHERE state IN ('deferred', 'unknown');
                    CREATE INDEX outbox_by_recipient ON outbox(recipient, id);
                    CREATE TABLE bounce (
                        id INTEGER PRIMARY KEY,
                        inbox_id INTEGER NOT NULL REFERENCES inbox(id),
                        outbox_id INTEGER,
                        matched_by TEXT CHECK (matched_by IN ('verp', 'message-id')),
                        original_message_id TEXT,
                        recipient TEXT COLLATE NOCASE,
                        action TEXT,
                        status TEXT,
                        remote_reply TEXT,
                        remote_mta TEXT,
                        reporting_mta TEXT,
                        effect TEXT NOT NULL CHECK (effect IN ('bounced', 'already-bounced', 'delay', 'notice', 'forged', 'unknown-message')),
                        created_at TEXT NOT NULL
                    );
                    CREATE INDEX bounce_by_outbox ON bounce(outbox_id);
                    CREATE TABLE undeliverable (
                        id INTEGER PRIMARY KEY,
                        email TEXT NOT NULL COLLATE NOCASE,
                        site_id TEXT NOT NULL,
                        outbox_id INTEGER NOT NULL,
                        remote_reply TEXT NOT NULL,
                        contact_fingerprint TEXT NOT NULL,
                        since TEXT NOT NULL,
                        cleared_at TEXT,
                        cleared_reason TEXT
                    );
                    CREATE UNIQUE INDEX undeliverable_open ON undeliverable(email) WHERE cleared_at IS NULL;
                    """)
        }
        return m
    }
}
