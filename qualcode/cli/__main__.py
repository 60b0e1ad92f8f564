"""``python -m qualcode.cli``: the ``qualcode`` command."""

from . import main

if __name__ == "__main__":  # pragma: no cover
    main()
