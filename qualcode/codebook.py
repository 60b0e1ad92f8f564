"""Codebook model, YAML/JSON load and save, and validation with errors that name the field.

A codebook file holds a name, a title and a tree of codes. Codes may be nested
under ``children`` or listed flat with a ``parent`` key; both load to the same
flat list (parents before their children).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import CodebookError, Term

COLOR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
KEY_RE = re.compile(r"^[\w.\-]+$")
# One ASCII letter or digit: the palette matches KeyboardEvent.code (KeyA, Digit1), which names no other keys.
HOTKEY_RE = re.compile(r"^[A-Za-z0-9]$")
CODE_FIELDS = ("key", "name", "name_alt", "definition", "include", "exclude", "example", "color", "hotkey", "parent",
               "children")
BOOK_FIELDS = ("name", "title", "title_alt", "description", "codes")
DEFAULT_COLOR = "#999999"


@dataclass
class Code:
    key: str
    name: str
    name_alt: str | None = None
    definition: str | None = None
    include: str | None = None
    exclude: str | None = None
    example: str | None = None
    color: str = DEFAULT_COLOR
    parent: str | None = None
    hotkey: str | None = None  # one letter or digit, upper-case (see :func:`hotkey_value`)


def hotkey_value(value: Any) -> str | None:
    """A hotkey as stored: one letter (A-Z) or digit, upper-case; None for none (None or blank text).

    Raises ValueError for anything else; callers turn it into an error that names the code.

    Example
    -------
    >>> hotkey_value("q"), hotkey_value(" 7 "), hotkey_value("")
    ('Q', '7', None)
    """
    if value is None:
        return None
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else None
    if text == "":
        return None
    if text is None or not HOTKEY_RE.match(text):
        raise ValueError(f"a hotkey is one letter (A-Z) or digit (0-9), got {value!r}")
    return text.upper()


@dataclass
class Codebook:
    name: str
    codes: list[Code] = field(default_factory=list)
    title: str | None = None
    title_alt: str | None = None
    description: str | None = None

    def keys(self) -> list[str]:
        return [c.key for c in self.codes]

    def children_of(self, key: str | None) -> list[Code]:
        return [c for c in self.codes if c.parent == key]

    def to_dict(self) -> dict[str, Any]:
        """The nested form written to YAML: each code with its ``children``."""

        def node(code: Code) -> dict[str, Any]:
            data = {k: v for k, v in asdict(code).items() if v is not None and k != "parent"}
            kids = [node(c) for c in self.children_of(code.key)]
            if kids:
                data["children"] = kids
            return data

        head = {k: getattr(self, k) for k in ("name", "title", "title_alt", "description") if getattr(self, k)}
        return {**head, "codes": [node(c) for c in self.children_of(None)]}


def parse_codebook(data: Any, *, source: str = "codebook") -> Codebook:
    """Build and validate a :class:`Codebook` from already-parsed YAML/JSON data.

    Raises
    ------
    CodebookError
        Naming ``source`` and the code and field at fault.
    """
    if not isinstance(data, dict):
        raise CodebookError(f"{source}: expected a mapping with 'name' and 'codes', got {type(data).__name__}",
                            key="err_codebook_not_mapping", source=source, got=type(data).__name__)
    unknown = sorted(str(k) for k in set(data) - set(BOOK_FIELDS))  # YAML keys may be numbers
    if unknown:
        raise CodebookError(f"{source}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(BOOK_FIELDS)}",
                            key="err_codebook_fields", source=source, fields=", ".join(unknown),
                            allowed=", ".join(BOOK_FIELDS))
    for head in ("name", "title", "title_alt", "description"):  # stored as text (a YAML date is not)
        if data.get(head) is not None and not isinstance(data[head], str | int | float):
            raise CodebookError(f"{source}: field '{head}' must be text, got {type(data[head]).__name__}",
                                key="err_codebook_field_text", source=source, field=head, got=type(data[head]).__name__)
    name = data.get("name") or Path(source).stem
    raw_codes = data.get("codes")
    if not isinstance(raw_codes, list) or not raw_codes:
        raise CodebookError(f"{source}: 'codes' must be a non-empty list of codes", key="err_codebook_no_codes",
                            source=source)

    codes: list[Code] = []

    def walk(items: list[Any], parent: str | None, where: str) -> None:
        for n, item in enumerate(items, start=1):
            place = f"{where}[{n}]"
            if not isinstance(item, dict):
                raise CodebookError(f"{source}: {place} must be a mapping, got {type(item).__name__}",
                                    key="err_codebook_item", source=source, place=place, got=type(item).__name__)
            given_key = item.get("key")
            label = Term(f"code '{given_key}'", "term_code_label", code=given_key) if given_key else place
            bad = sorted(str(k) for k in set(item) - set(CODE_FIELDS))
            if bad:
                raise CodebookError(f"{source}: {label}: unknown field(s) {', '.join(bad)}; "
                                    f"allowed: {', '.join(CODE_FIELDS)}",
                                    key="err_codebook_code_fields", source=source, label=label, fields=", ".join(bad),
                                    allowed=", ".join(CODE_FIELDS))
            for required in ("key", "name"):
                value = item.get(required)
                if not isinstance(value, str | int | float) or not str(value).strip():
                    raise CodebookError(f"{source}: {label}: field '{required}' is missing or empty",
                                        key="err_codebook_missing", source=source, label=label, field=required)
            key = str(item["key"]).strip()
            if not KEY_RE.match(key):
                raise CodebookError(f"{source}: code '{key}': key may hold letters, digits, '.', '_' and '-' only",
                                    key="err_codebook_key", source=source, code=key)
            color = str(item.get("color") or DEFAULT_COLOR)
            if not COLOR_RE.match(color):
                raise CodebookError(f"{source}: code '{key}': field 'color' must be #RGB or #RRGGBB, got {color!r}",
                                    key="err_codebook_color", source=source, code=key, color=color)
            if "parent" in item and parent is not None:
                raise CodebookError(f"{source}: code '{key}': has both a 'parent' and a place under 'children'",
                                    key="err_codebook_two_parents", source=source, code=key)
            texts = {f: _text(item.get(f), source, key, f)
                     for f in ("name_alt", "definition", "include", "exclude", "example")}
            try:
                hotkey = hotkey_value(item.get("hotkey"))
            except ValueError:
                raise CodebookError(f"{source}: code '{key}': field 'hotkey' must be one letter (A-Z) or digit (0-9), "
                                    f"got {item.get('hotkey')!r}", key="err_codebook_hotkey", source=source,
                                    code=key, hotkey=item.get("hotkey")) from None
            codes.append(
                Code(key=key, name=str(item["name"]).strip(), color=color, hotkey=hotkey,
                     parent=str(item["parent"]) if item.get("parent") is not None else parent, **texts)
            )
            children = item.get("children")
            if children is not None:
                if not isinstance(children, list):
                    raise CodebookError(f"{source}: code '{key}': 'children' must be a list",
                                        key="err_codebook_children", source=source, code=key)
                walk(children, key, f"{place}.children")

    walk(raw_codes, None, "codes")
    _check_tree(codes, source)
    heads = {h: str(data[h]) if data.get(h) is not None else None for h in ("title", "title_alt", "description")}
    return Codebook(name=str(name), codes=_parents_first(codes), **heads)


def _text(value: Any, source: str, key: str, field_name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise CodebookError(f"{source}: code '{key}': field '{field_name}' must be text",
                            key="err_codebook_code_text", source=source, code=key, field=field_name)
    return str(value).strip() or None


def _check_tree(codes: list[Code], source: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code.key in seen:
            raise CodebookError(f"{source}: duplicate code key '{code.key}'; keys must be unique",
                                key="err_codebook_duplicate", source=source, code=code.key)
        seen.add(code.key)
    hotkeys: dict[str, str] = {}
    for code in codes:
        if code.hotkey is not None and code.hotkey in hotkeys:
            raise CodebookError(f"{source}: code '{code.key}': hotkey '{code.hotkey}' is already the hotkey of code "
                                f"'{hotkeys[code.hotkey]}'; hotkeys must be unique",
                                key="err_codebook_hotkey_duplicate", source=source, code=code.key,
                                hotkey=code.hotkey, other=hotkeys[code.hotkey])
        if code.hotkey is not None:
            hotkeys[code.hotkey] = code.key
    for code in codes:
        if code.parent is not None and code.parent not in seen:
            raise CodebookError(f"{source}: code '{code.key}': parent '{code.parent}' is not a code in this codebook",
                                key="err_codebook_parent", source=source, code=code.key, parent=code.parent)
    parents = {c.key: c.parent for c in codes}
    for code in codes:
        chain, key = [code.key], code.parent
        while key is not None:
            if key in chain:
                cycle = " -> ".join(chain + [key])
                raise CodebookError(f"{source}: code '{code.key}': parents form a cycle ({cycle})",
                                    key="err_codebook_cycle", source=source, code=code.key, cycle=cycle)
            chain.append(key)
            key = parents[key]


def _parents_first(codes: list[Code]) -> list[Code]:
    by_parent: dict[str | None, list[Code]] = {}
    for code in codes:
        by_parent.setdefault(code.parent, []).append(code)
    ordered: list[Code] = []

    def add(parent: str | None) -> None:
        for code in by_parent.get(parent, []):
            ordered.append(code)
            add(code.key)

    add(None)
    return ordered


def load_codebook(path: str | Path) -> Codebook:
    """Read a codebook from a .yaml/.yml or .json file and validate it.

    Example
    -------
    >>> book = load_codebook(shipped_codebooks()["bryson_cross_sector"])
    >>> book.children_of(None)[0].key
    'E1'
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CodebookError(f"{path}: no such codebook file", key="err_codebook_missing_file",
                            source=str(path)) from None
    except (UnicodeDecodeError, OSError) as exc:
        raise CodebookError(f"{path}: cannot read the codebook ({exc})", key="err_codebook_unreadable",
                            source=str(path), problem=str(exc)) from None
    try:
        return parse_codebook(_parse(raw, path), source=str(path))
    except RecursionError:  # "[[[[..." or codes nested thousands deep
        raise CodebookError(f"{path}: nested too deeply to be a codebook", key="err_codebook_deep",
                            source=str(path)) from None


def _parse(raw: str, path: Path) -> Any:
    """The JSON or YAML data of a codebook file, by its suffix."""
    if path.suffix.lower() == ".json":
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CodebookError(f"{path}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                                key="err_codebook_json", source=str(path), line=exc.lineno, column=exc.colno,
                                problem=exc.msg) from None
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark:
            raise CodebookError(f"{path}: malformed YAML at line {mark.line + 1}, column {mark.column + 1}: {problem}",
                                key="err_codebook_yaml_at", source=str(path), line=mark.line + 1,
                                column=mark.column + 1, problem=problem) from None
        raise CodebookError(f"{path}: malformed YAML: {problem}", key="err_codebook_yaml", source=str(path),
                            problem=problem) from None


CODEBOOK_SUFFIXES = (".yaml", ".yml", ".json")


def shipped_codebooks() -> dict[str, Path]:
    """The codebooks that come with qualcode, by name (the file name without its suffix).

    They are the files of the top-level ``codebooks/`` folder, which travels as the package data
    ``qualcode.codebooks``, so an installed qualcode has them too.

    Example
    -------
    >>> shipped_codebooks()["bryson_cross_sector"].name
    'bryson_cross_sector.yaml'
    """
    folder = Path(str(resources.files("qualcode.codebooks")))  # pip installs unzipped: a real folder
    return {file.stem: file for file in sorted(folder.iterdir()) if file.suffix.lower() in CODEBOOK_SUFFIXES}


def find_codebook(name_or_path: str | Path) -> Path:
    """The codebook file ``name_or_path`` stands for: that file if it exists, else the shipped codebook of that name.

    Raises
    ------
    CodebookError
        When it is neither, listing the names of the shipped codebooks.
    """
    path = Path(name_or_path)
    if path.is_file():
        return path
    shipped = shipped_codebooks()
    if str(name_or_path) in shipped:
        return shipped[str(name_or_path)]
    raise CodebookError(f"{name_or_path}: no such codebook file, nor a shipped codebook of that name; shipped: "
                        f"{', '.join(shipped) or 'none'}")


def save_codebook(book: Codebook, path: str | Path) -> None:
    """Write a codebook as nested YAML (or JSON for a .json path)."""
    path = Path(path)
    data = book.to_dict()
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
