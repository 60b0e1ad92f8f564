"""SQL of user accounts: the password hashes of coders who sign in to a shared server."""

from __future__ import annotations

from typing import Any


class AccountQueries:
    """Coders as accounts: role and password hash."""

    conn: Any

    def set_password_hash(self, coder_id: int, password_hash: str | None) -> None:
        self.conn.execute("UPDATE coders SET password_hash = ? WHERE id = ?", (password_hash, coder_id))

    def set_coder_role(self, coder_id: int, role: str) -> None:
        self.conn.execute("UPDATE coders SET role = ? WHERE id = ?", (role, coder_id))

    def password_hash(self, name: str) -> str | None:
        row = self.conn.execute("SELECT password_hash FROM coders WHERE name = ?", (name,)).fetchone()
        return row[0] if row is not None else None

    def accounts(self) -> list[dict]:
        """Every coder with role, whether a password is set, and their number of codings."""
        return [dict(r) for r in self.conn.execute(
            """SELECT c.name, c.role, c.password_hash IS NOT NULL AS can_sign_in,
                      (SELECT count(*) FROM codings x WHERE x.coder_id = c.id) AS codings
               FROM coders c ORDER BY c.name""")]
