"""SQL of user accounts: the password hashes of coders who sign in to a shared server."""

from __future__ import annotations

from typing import Any

from .base import StoreBase


class AccountQueries(StoreBase):
    """Coders as accounts: role and password hash."""

    conn: Any

    def set_password_hash(self, coder_id: int, password_hash: str | None) -> None:
        self.conn.execute("UPDATE coders SET password_hash = ? WHERE id = ?", (password_hash, coder_id))

    def set_coder_role(self, coder_id: int, role: str) -> None:
        self.conn.execute("UPDATE coders SET role = ? WHERE id = ?", (role, coder_id))

    def password_hash(self, name: str) -> str | None:
        row = self.conn.execute("SELECT password_hash FROM coders WHERE name = ?", (name,)).fetchone()
        return row[0] if row is not None else None

    def can_sign_in(self, name: str) -> bool:
        """Whether the coder ``name`` has a password or an e-mail (institutional sign-in)."""
        row = self.conn.execute("SELECT password_hash IS NOT NULL OR email IS NOT NULL FROM coders WHERE name = ?",
                                (name,)).fetchone()
        return bool(row and row[0])

    def accounts(self) -> list[dict]:
        """Every coder with role, whether they can sign in (a password, or an e-mail for institutional
        sign-in), their number of codings and e-mail."""
        return [dict(r) for r in self.conn.execute(
            """SELECT c.name, c.role, (c.password_hash IS NOT NULL OR c.email IS NOT NULL) AS can_sign_in,
                      (SELECT count(*) FROM codings x WHERE x.coder_id = c.id) AS codings, c.email
               FROM coders c ORDER BY c.name""")]

    def set_coder_email(self, coder_id: int, email: str | None) -> None:
        self.conn.execute("UPDATE coders SET email = ? WHERE id = ?", (email, coder_id))

    def coder_by_email(self, email: str) -> dict | None:
        """The coder whose e-mail is ``email`` in any letter case (the index keeps it to one)."""
        row = self.conn.execute("SELECT id, name, role, email FROM coders WHERE email = ? COLLATE NOCASE",
                                (email,)).fetchone()
        return dict(row) if row is not None else None

    # -- sign-ins and their locks ------------------------------------------------

    def insert_sign_in(self, at: str, name: str, client: str | None, method: str, outcome: str) -> int:
        return int(self.conn.execute(
            "INSERT INTO sign_ins (at, name, client, method, outcome) VALUES (?, ?, ?, ?, ?)",
            (at, name, client, method, outcome)).lastrowid)

    def sign_in_failures(self, kind: str, subject: str, *, since: str, after_id: int,
                         not_failures: tuple[str, ...]) -> int:
        """Failed sign-ins of a user name (``kind`` 'name') or a client address ('client') at or after
        ``since`` and recorded after the row ``after_id``; outcomes in ``not_failures`` do not count."""
        column = {"name": "name", "client": "client"}[kind]
        marks = ", ".join("?" for _ in not_failures)
        return self.conn.execute(
            f"SELECT count(*) FROM sign_ins WHERE {column} = ? AND at >= ? AND id > ? AND outcome NOT IN ({marks})",
            (subject, since, after_id, *not_failures)).fetchone()[0]

    def sign_in_lock(self, kind: str, subject: str) -> dict | None:
        return self._one("SELECT * FROM sign_in_locks WHERE kind = ? AND subject = ?", (kind, subject))

    def save_sign_in_lock(self, kind: str, subject: str, *, locks: int, locked_until: str | None,
                          counts_after: int) -> None:
        self.conn.execute(
            """INSERT INTO sign_in_locks (kind, subject, locks, locked_until, counts_after) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (kind, subject) DO UPDATE SET locks = excluded.locks,
                   locked_until = excluded.locked_until, counts_after = excluded.counts_after""",
            (kind, subject, locks, locked_until, counts_after))

    def last_sign_in_id(self) -> int:
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM sign_ins").fetchone()[0]

    def sign_ins(self, limit: int) -> list[dict]:
        """The latest ``limit`` sign-ins and failures, newest first."""
        return self._all("SELECT id, at, name, client, method, outcome FROM sign_ins ORDER BY id DESC LIMIT ?",
                         (limit,))

    def sign_in_locks_until_after(self, at: str) -> list[dict]:
        """The locks still in force at ``at``, the longest first."""
        return self._all("SELECT kind, subject, locks, locked_until FROM sign_in_locks WHERE locked_until > ? "
                         "ORDER BY locked_until DESC, kind, subject", (at,))
