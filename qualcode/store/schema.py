"""The schema of a project file, built by named steps (sqlite-utils migrations).

A new step is added at the end, never edited once released: files made by an older
qualcode are upgraded in place by applying the steps they lack.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("qualcode")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    # One statement at a time: executescript() would commit the migration's transaction.
    for statement in _split_statements(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE source_types (key TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE groups (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            name_alt TEXT,
            description TEXT,
            sort INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE informants (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            group_id INTEGER NOT NULL REFERENCES groups(id),
            role TEXT,
            organisation TEXT,
            attributes TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            informant_id INTEGER REFERENCES informants(id),
            source_type TEXT NOT NULL REFERENCES source_types(key),
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            original_name TEXT,
            imported_at TEXT NOT NULL,
            metadata TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TRIGGER documents_text_immutable BEFORE UPDATE OF text ON documents
        BEGIN SELECT RAISE(ABORT, 'document text is immutable after import'); END;
        CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('turn', 'sentence')),
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            speaker TEXT,
            meta TEXT NOT NULL DEFAULT '{}',
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX units_by_document ON units(document_id, kind, idx);
        CREATE TABLE codes (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            parent_id INTEGER REFERENCES codes(id),
            name TEXT NOT NULL,
            name_alt TEXT,
            definition TEXT,
            include TEXT,
            exclude TEXT,
            example TEXT,
            color TEXT NOT NULL DEFAULT '#999999',
            sort INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE coders (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL DEFAULT 'coder'
                CHECK (role IN ('coder', 'supervisor', 'admin', 'consensus'))
        );
        CREATE TABLE codings (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            code_id INTEGER NOT NULL REFERENCES codes(id),
            coder_id INTEGER NOT NULL REFERENCES coders(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            memo TEXT,
            created_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX codings_by_document ON codings(document_id, start);
        CREATE INDEX codings_by_code ON codings(code_id);
        CREATE INDEX codings_by_coder ON codings(coder_id, document_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT,
            action TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}'
        );
        """
    ):
        db.conn.execute(statement)


@migrations()
def m002_verdicts_summaries(db: sqlite_utils.Database) -> None:
    """Supervisor triangulation verdicts (history kept) and framework-matrix cell summaries."""
    for statement in _split_statements(
        """
        CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            group_a_id INTEGER REFERENCES groups(id),
            group_b_id INTEGER REFERENCES groups(id),
            verdict TEXT NOT NULL
                CHECK (verdict IN ('agreement', 'partial_agreement', 'silence', 'dissonance')),
            rationale TEXT NOT NULL DEFAULT '',
            supervisor_id INTEGER NOT NULL REFERENCES coders(id),
            created_at TEXT NOT NULL,
            CHECK ((group_a_id IS NULL) = (group_b_id IS NULL)),
            CHECK (group_a_id IS NULL OR group_a_id != group_b_id)
        );
        CREATE INDEX verdicts_by_code ON verdicts(code_id, group_a_id, group_b_id, id);
        CREATE TABLE summaries (
            informant_id INTEGER NOT NULL REFERENCES informants(id) ON DELETE CASCADE,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            summary TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES coders(id),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (informant_id, code_id)
        );
        """
    ):
        db.conn.execute(statement)


@migrations()
def m003_reconciliations(db: sqlite_utils.Database) -> None:
    """Supervisor reconciliations of intercoder disagreements (every decision kept)."""
    for statement in _split_statements(
        """
        CREATE TABLE reconciliations (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            decision TEXT NOT NULL CHECK (decision IN ('a', 'b', 'both', 'neither')),
            coder_a_id INTEGER NOT NULL REFERENCES coders(id),
            coder_b_id INTEGER NOT NULL REFERENCES coders(id),
            consensus_id INTEGER NOT NULL REFERENCES coders(id),
            supervisor_id INTEGER NOT NULL REFERENCES coders(id),
            codings TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX reconciliations_by_document ON reconciliations(document_id, start);
        """
    ):
        db.conn.execute(statement)


@migrations()
def m004_suggestions(db: sqlite_utils.Database) -> None:
    """Machine-assisted code suggestions and the trained models behind them."""
    for statement in _split_statements(
        """
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            model_version TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected', 'skipped')),
            reviewer_id INTEGER REFERENCES coders(id),
            reviewed_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (unit_id, code_id)
        );
        CREATE INDEX suggestions_by_status ON suggestions(status, code_id, score);
        CREATE TABLE models (
            id INTEGER PRIMARY KEY,
            coder_id INTEGER NOT NULL REFERENCES coders(id),
            version INTEGER NOT NULL,
            sklearn_version TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '{}',
            blob BLOB NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX models_by_coder ON models(coder_id, id);
        """
    ):
        db.conn.execute(statement)


@migrations()
def m005_audit(db: sqlite_utils.Database) -> None:
    """The audit trail: every row change of the audited tables with its before and after, tied to its event."""
    for statement in _split_statements(
        """
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            event_id INTEGER REFERENCES events(id),
            tbl TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
            before TEXT,
            after TEXT
        );
        CREATE INDEX changes_by_event ON changes(event_id);
        CREATE INDEX changes_by_row ON changes(tbl, row_id, id);
        ALTER TABLE events ADD COLUMN undo_of INTEGER;
        ALTER TABLE events ADD COLUMN redo_of INTEGER;
        ALTER TABLE events ADD COLUMN undone INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX events_by_actor ON events(actor, id);
        """
    ):
        db.conn.execute(statement)
    create_audit_triggers(db)


# Tables whose row changes the triggers record. Not audited: units (derived from a document's text),
# events and changes themselves, models and suggestions (derived, regenerated by training).
AUDITED_TABLES = ("meta", "source_types", "groups", "informants", "documents", "codes", "coders", "codings",
                  "verdicts", "summaries", "reconciliations", "assignments", "memos", "memo_links",
                  "saved_queries", "attribute_types", "media", "turn_times", "survey_answers")
UNAUDITED_COLUMNS = {"documents": ("text",)}  # immutable after import and large; its sha256 is kept


def audited_columns(db: sqlite_utils.Database, table: str) -> list[str]:
    """The columns of ``table`` the audit trail records: all but unaudited ones and any password column."""
    return [row[1] for row in db.conn.execute(f'PRAGMA table_info("{table}")')
            if row[1] not in UNAUDITED_COLUMNS.get(table, ()) and not row[1].lower().startswith("password")]


def create_audit_triggers(db: sqlite_utils.Database) -> None:
    """(Re)create the AFTER INSERT/UPDATE/DELETE triggers of every audited table from its current columns.

    A later step that adds a column to an audited table calls this again, so the new column is recorded.
    Each trigger is a single INSERT; its row has no event yet: :meth:`StoreBase.log_event` claims it.
    """
    for table in AUDITED_TABLES:
        columns = audited_columns(db, table)
        if not columns:  # a table a later migration creates: that migration calls this again
            continue

        def snapshot(row: str, columns: list[str] = columns) -> str:
            return "json_object(" + ", ".join(f"'{c}', {row}.\"{c}\"" for c in columns) + ")"

        def values(row: str, columns: list[str] = columns) -> str:
            return "(" + ", ".join(f'{row}."{c}"' for c in columns) + ")"

        for op, event, row, before, after, when in (
            ("insert", "INSERT", "NEW", "NULL", snapshot("NEW"), ""),
            # an UPDATE that changes no recorded column (say, a password hash) leaves no change row
            ("update", "UPDATE", "NEW", snapshot("OLD"), snapshot("NEW"),
             f" WHEN {values('OLD')} IS NOT {values('NEW')}"),
            ("delete", "DELETE", "OLD", snapshot("OLD"), "NULL", ""),
        ):
            name = f"audit_{table}_{op}"
            db.conn.execute(f"DROP TRIGGER IF EXISTS {name}")
            db.conn.execute(
                f'CREATE TRIGGER {name} AFTER {event} ON "{table}"{when} BEGIN '
                f"INSERT INTO changes (tbl, row_id, op, before, after) "
                f"VALUES ('{table}', {row}.rowid, '{op}', {before}, {after}); END"
            )


def _split_statements(script: str) -> list[str]:
    """Split a schema script on ';' at line ends, keeping trigger bodies (ending in 'END;') whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        stripped = line.strip()
        in_trigger = current[0].lstrip().startswith("CREATE TRIGGER")
        if stripped.endswith(";") and (not in_trigger or stripped.endswith("END;")):
            statements.append("\n".join(current))
            current = []
    return statements


@migrations()
def m006_accounts(db: sqlite_utils.Database) -> None:
    """Coders who can sign in to a shared server: a password hash (scrypt; never the password itself)."""
    db.conn.execute("ALTER TABLE coders ADD COLUMN password_hash TEXT")


@migrations()
def m007_sign_ins(db: sqlite_utils.Database) -> None:
    """Every sign-in and failed sign-in to a shared server (never a password), and the locks that throttle
    guessing: per user name as typed and per client address (see qualcode.accounts)."""
    for statement in _split_statements(
        """
        CREATE TABLE sign_ins (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            name TEXT NOT NULL,
            client TEXT,
            method TEXT NOT NULL DEFAULT 'password',
            outcome TEXT NOT NULL
        );
        CREATE INDEX sign_ins_by_name ON sign_ins(name, at);
        CREATE INDEX sign_ins_by_client ON sign_ins(client, at);
        CREATE TABLE sign_in_locks (
            kind TEXT NOT NULL CHECK (kind IN ('name', 'client')),
            subject TEXT NOT NULL,
            locks INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            counts_after INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (kind, subject)
        );
        """
    ):
        db.conn.execute(statement)


@migrations()
def m008_account_email(db: sqlite_utils.Database) -> None:
    """An account's e-mail, which institutional sign-in (OIDC) matches; one account per address, any case."""
    db.conn.execute("ALTER TABLE coders ADD COLUMN email TEXT")
    db.conn.execute("CREATE UNIQUE INDEX coders_by_email ON coders(email COLLATE NOCASE)")
    create_audit_triggers(db)  # record e-mail changes in the audit trail too


@migrations()
def m009_code_hotkeys(db: sqlite_utils.Database) -> None:
    """A code's optional hotkey: one letter or digit, stored upper-case, unique in the project
    (the transcript's code palette applies the code with Alt and that key)."""
    db.conn.execute("ALTER TABLE codes ADD COLUMN hotkey TEXT "
                    "CHECK (hotkey IS NULL OR (length(hotkey) = 1 AND hotkey GLOB '[A-Z0-9]'))")
    db.conn.execute("CREATE UNIQUE INDEX codes_by_hotkey ON codes(hotkey) WHERE hotkey IS NOT NULL")
    create_audit_triggers(db)  # record hotkey changes in the audit trail, so undo restores them


@migrations()
def m010_coding_exemplar(db: sqlite_utils.Database) -> None:
    """A coding flagged as an exemplar quote (1) by its coder: what a report shows first, or alone."""
    db.conn.execute("ALTER TABLE codings ADD COLUMN exemplar INTEGER NOT NULL DEFAULT 0 CHECK (exemplar IN (0, 1))")
    create_audit_triggers(db)  # record flag changes in the audit trail, so undo restores them


@migrations()
def m011_assignments(db: sqlite_utils.Database) -> None:
    """Which coder is to code which document, and when they marked it done: what the agreement report compares
    by default, since codings alone cannot tell "not assigned" from "read and found nothing to code"."""
    for statement in _split_statements(
        """
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            coder_id INTEGER NOT NULL REFERENCES coders(id),
            assigned_by TEXT,
            assigned_at TEXT NOT NULL,
            done_at TEXT,
            UNIQUE (document_id, coder_id)
        );
        CREATE INDEX assignments_by_coder ON assignments(coder_id, document_id);
        """
    ):
        db.conn.execute(statement)
    create_audit_triggers(db)  # assignments join the audit trail, so undo restores them


@migrations()
def m012_memos(db: sqlite_utils.Database) -> None:
    """Memos: the analyst's notes on the project (a research journal), a document, a code, an informant, a
    group or a coding, and their links to passages and to other memos. ``target_id`` is the id of the row of
    the memo's kind (NULL for the project, or once that row is deleted), so one table holds every kind."""
    for statement in _split_statements(
        """
        CREATE TABLE memos (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('project', 'document', 'code', 'informant', 'group', 'coding')),
            target_id INTEGER,
            title TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            CHECK (kind <> 'project' OR target_id IS NULL)
        );
        CREATE INDEX memos_by_target ON memos(kind, target_id);
        CREATE TABLE memo_links (
            id INTEGER PRIMARY KEY,
            memo_id INTEGER NOT NULL REFERENCES memos(id),
            document_id INTEGER REFERENCES documents(id),
            start INTEGER,
            "end" INTEGER,
            linked_memo_id INTEGER REFERENCES memos(id),
            CHECK ((document_id IS NOT NULL AND start IS NOT NULL AND "end" IS NOT NULL AND start >= 0 AND "end" > start
                    AND linked_memo_id IS NULL)
                   OR (document_id IS NULL AND start IS NULL AND "end" IS NULL AND linked_memo_id IS NOT NULL))
        );
        CREATE INDEX memo_links_by_memo ON memo_links(memo_id);
        CREATE INDEX memo_links_by_document ON memo_links(document_id, start);
        """
    ):
        db.conn.execute(statement)
    # A memo outlives what it is about: when that row goes (a coding removed, a code deleted or merged), the memo
    # keeps its kind and loses its target, so a later row that reuses the id is not taken for it. The change is
    # audited with the deletion, so undoing that puts the target back too.
    for table, kind in (("codings", "coding"), ("codes", "code"), ("documents", "document"),
                        ("informants", "informant"), ("groups", "group")):
        db.conn.execute(f"CREATE TRIGGER memos_lose_{kind} AFTER DELETE ON {table} BEGIN "
                        f"UPDATE memos SET target_id = NULL WHERE kind = '{kind}' AND target_id = OLD.id; END")
    create_audit_triggers(db)  # memos and their links join the audit trail, so undo restores them


@migrations()
def m013_saved_queries(db: sqlite_utils.Database) -> None:
    """Coding queries saved under a name (qualcode.analysis.query), to be run again."""
    for statement in _split_statements(
        """
        CREATE TABLE saved_queries (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            author TEXT,
            created_at TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        """
    ):
        db.conn.execute(statement)
    create_audit_triggers(db)  # saved queries join the audit trail, so undo restores them


@migrations()
def m014_attribute_types(db: sqlite_utils.Database) -> None:
    """The declared kind of an informant attribute (text, number, date or category), its categories in order
    (a JSON list; ``[]`` unless the kind is category) and its place in the list of attributes. An attribute
    without a row here is text."""
    for statement in _split_statements(
        """
        CREATE TABLE attribute_types (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'category')),
            categories TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL DEFAULT 0
        );
        """
    ):
        db.conn.execute(statement)
    create_audit_triggers(db)  # attribute types join the audit trail, so undo restores them


@migrations()
def m015_survey_answers(db: sqlite_utils.Database) -> None:
    """Which question of which survey file each answer span of a survey document is, so that a grid can put
    respondents in rows and questions in columns: ``document_id``'s text[start:end] is the answer to column
    ``question`` (at ``position`` among the imported questions) of ``source_file``."""
    for statement in _split_statements(
        """
        CREATE TABLE survey_answers (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            question TEXT NOT NULL,
            position INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            source_file TEXT NOT NULL,
            UNIQUE (document_id, question),
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX survey_answers_by_file ON survey_answers(source_file, question);
        """
    ):
        db.conn.execute(statement)
    create_audit_triggers(db)  # survey answers join the audit trail, so undo removes them with their documents


@migrations()
def m016_media(db: sqlite_utils.Database) -> None:
    """Recordings linked to documents, and turn times set by hand.

    A ``media`` row names a file in the managed folder beside the project file (``<project file>.media/``, the
    file named by its SHA-256 and suffix), never the recording itself: recordings run to hundreds of MB and
    the project file, and its backups, stay small. ``turn_times`` holds the times a researcher set for a
    turn; a turn's time from its import (subtitle cue, transcript marker) stays in the unit's metadata."""
    for statement in _split_statements(
        """
        CREATE TABLE media (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),
            file TEXT NOT NULL,
            original_name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('audio', 'video')),
            mime TEXT NOT NULL,
            bytes INTEGER NOT NULL CHECK (bytes >= 0),
            sha256 TEXT NOT NULL,
            duration REAL,
            linked_at TEXT NOT NULL,
            linked_by TEXT
        );
        CREATE TABLE turn_times (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            idx INTEGER NOT NULL,
            start_time REAL NOT NULL CHECK (start_time >= 0),
            end_time REAL CHECK (end_time IS NULL OR end_time > start_time),
            set_at TEXT NOT NULL,
            set_by TEXT,
            UNIQUE (document_id, idx)
        );
        """
    ):
        db.conn.execute(statement)
    create_audit_triggers(db)  # media links and hand-set times join the audit trail, so undo restores them

SCHEMA_VERSION = len(migrations._migrations)
