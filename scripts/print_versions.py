"""Print the versions a test run uses: Python and every dependency qualcode declares.

`make test` and `make test-lowest` call it first, so each run's log says what it tested.
With `--lowest` it also fails unless every declared dependency is installed at exactly its
lower bound: the lowest run must test the floors pyproject.toml states, not something newer
(a resolver skips yanked releases and versions that cannot coexist with the rest).
"""

from __future__ import annotations

import argparse
import platform
import sys
from importlib.metadata import PackageNotFoundError, requires, version

from packaging.requirements import Requirement
from packaging.version import Version

# Not declared by qualcode but decide much of its behaviour (pandas' and scikit-learn's own floors).
TRANSITIVE = ("numpy", "scipy", "pyarrow")


def lower_bound(req: Requirement) -> Version | None:
    """The version after `>=` (or `==`), if the requirement states one."""
    bounds = [Version(s.version) for s in req.specifier if s.operator in (">=", "==")]
    return max(bounds) if bounds else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lowest", action="store_true",
                        help="fail unless each declared dependency is installed at its lower bound")
    args = parser.parse_args()

    print(f"Python {platform.python_version()} ({sys.executable})")
    wrong = []
    for line in requires("qualcode") or []:
        req = Requirement(line)
        try:
            installed = version(req.name)
        except PackageNotFoundError:
            installed = "not installed"
        floor = lower_bound(req)
        extra = " [test]" if req.marker and "extra" in str(req.marker) else ""
        print(f"  {req.name:<20} {installed:<14} declared {req.specifier}{extra}")
        if args.lowest and floor is not None and (installed == "not installed" or Version(installed) != floor):
            wrong.append(f"{req.name} {installed} (lower bound {floor})")
    for name in TRANSITIVE:
        try:
            print(f"  {name:<20} {version(name):<14} (via other dependencies)")
        except PackageNotFoundError:
            pass
    if wrong:
        print("not at their declared lower bound: " + ", ".join(wrong), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
