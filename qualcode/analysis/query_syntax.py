"""The coding-query language's syntax: its tokens, syntax tree and parser.

The grammar, and what each operator retrieves, are in :mod:`qualcode.analysis.query`, which evaluates what
this module parses. Errors are :class:`~qualcode.errors.InputError` with ``position`` (0-based) and a message
that shows the query with a caret under that position.

>>> str(parse("E1 NOT E2 WITHIN turn").expr)
'(E1 NOT E2)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError

SCOPES = ("sentence", "turn", "document")
KEYWORDS = ("AND", "OR", "NOT", "NEAR", "WORDS", "WITHIN", "WHERE")
OPERATORS = ("=", "!=", "~", "<", ">", "<=", ">=")
#: Fields a WHERE clause names besides the informants' attributes.
FIELDS = ("group", "informant", "source_type", "coder", "document", "role", "organisation", "date")
_TOKEN = re.compile(r"""\s*(?:(?P<op>!=|<=|>=|[=~<>])|(?P<paren>[()])|(?P<string>"[^"]*"|'[^']*')"""
                    r"""|(?P<bad>["'])|(?P<word>[^\s()"'=!~<>]+)|(?P<bang>!))""")


# -- the syntax tree ---------------------------------------------------------------

@dataclass(frozen=True)
class Code:
    key: str
    position: int

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True)
class Binary:
    op: str  # AND, OR, NOT
    left: Node
    right: Node
    position: int

    def __str__(self) -> str:
        return f"({self.left} {self.op} {self.right})"


@dataclass(frozen=True)
class Near:
    left: Node
    right: Node
    words: int
    position: int

    def __str__(self) -> str:
        return f"({self.left} NEAR {self.right} {self.words} WORDS)"


Node = Code | Binary | Near


@dataclass(frozen=True)
class Compare:
    field: str
    op: str
    value: str
    position: int
    value_position: int
    quoted: bool = False

    def __str__(self) -> str:
        return f"{self.field} {self.op} {self.value!r}"


@dataclass(frozen=True)
class Logic:
    op: str  # AND, OR, NOT (NOT has one item)
    items: tuple[Condition, ...]

    def __str__(self) -> str:
        if self.op == "NOT":
            return f"NOT {self.items[0]}"
        return "(" + f" {self.op} ".join(map(str, self.items)) + ")"


Condition = Compare | Logic


@dataclass(frozen=True)
class Query:
    """A parsed query: the code expression, its scope (None: overlap) and its WHERE condition."""

    text: str
    expr: Node
    scope: str | None = None
    where: Condition | None = None
    codes: tuple[Code, ...] = field(default=())


@dataclass(frozen=True)
class Filter:
    """A parsed condition on its own (:func:`parse_condition`): its text and its condition."""

    text: str
    where: Condition

    def __str__(self) -> str:
        return str(self.where)


def query_error(text: str, position: int, problem: str, what: str = "query") -> InputError:
    """An InputError at ``position`` of ``text``: the message shows the query (``what``: or the condition)
    with a caret under it."""
    position = max(0, min(int(position), len(text)))
    line = text.replace("\n", " ")
    error = InputError(f"{what} error at position {position}: {problem}\n  {line}\n  {' ' * position}^",
                       key="err_query", position=position, problem=problem)
    error.position = position  # type: ignore[attr-defined]
    return error


@dataclass(frozen=True)
class _Token:
    kind: str  # word, string, op, paren, end
    text: str
    position: int

    @property
    def keyword(self) -> str | None:
        return self.text.upper() if self.kind == "word" and self.text.upper() in KEYWORDS else None

    def shown(self) -> str:
        return "the end of the query" if self.kind == "end" else repr(self.text)


def _tokens(text: str, what: str = "query") -> list[_Token]:
    out: list[_Token] = []
    at = 0
    while True:
        match = _TOKEN.match(text, at)
        if match is None or match.end() == at:
            rest = text[at:]
            if rest.strip():
                raise query_error(text, at + len(rest) - len(rest.lstrip()), f"cannot read {rest.strip()[:1]!r}", what)
            out.append(_Token("end", "", len(text.rstrip())))
            return out
        kind = match.lastgroup or ""
        start = match.start(kind)
        if kind == "bad":
            raise query_error(text, start, "quote not closed", what)
        if kind == "bang":
            raise query_error(text, start, "'!' must be followed by '=' (!=)", what)
        value = match.group(kind)
        if kind == "string":
            value = value[1:-1]
        out.append(_Token(kind, value, start))
        at = match.end()


class _Parser:
    def __init__(self, text: str, what: str = "query") -> None:
        self.text = text
        self.what = what  # "condition" when a condition is parsed alone
        self.tokens = _tokens(text, what)
        self.i = 0
        self.codes: list[Code] = []

    @property
    def token(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i = min(self.i + 1, len(self.tokens) - 1)
        return token

    def error(self, problem: str, token: _Token | None = None) -> InputError:
        if self.what != "query":
            problem = problem.replace("the end of the query", f"the end of the {self.what}")
        return query_error(self.text, (token or self.token).position, problem, self.what)

    def filter(self) -> Filter:
        if self.token.kind == "end":
            raise self.error("the condition is empty; e.g. group = leadership AND age >= 40")
        where = self.condition()
        if self.token.kind != "end":
            raise self.error(f"AND, OR or the end expected, found {self.token.shown()}")
        return Filter(self.text, where)

    def is_keyword(self, *words: str) -> bool:
        return self.token.keyword in words

    def query(self) -> Query:
        if self.token.kind == "end":
            raise self.error("the query is empty; name a code, e.g. E3.1 AND E3.2 WITHIN sentence")
        expr = self.expr()
        scope = where = None
        if self.is_keyword("WITHIN"):
            self.take()
            token = self.take()
            scope = token.text.lower() if token.kind == "word" else ""
            if scope not in SCOPES:
                raise self.error(f"scope expected after WITHIN ({', '.join(SCOPES)}), found {token.shown()}", token)
        if self.is_keyword("WHERE"):
            self.take()
            where = self.condition()
        if self.token.kind != "end":
            expected = "AND, OR, NOT, NEAR, WITHIN or WHERE" if where is None else "AND, OR or the end"
            raise self.error(f"{expected} expected, found {self.token.shown()}")
        return Query(self.text, expr, scope, where, tuple(self.codes))

    def expr(self) -> Node:
        node = self.and_expr()
        while self.is_keyword("OR"):
            token = self.take()
            node = Binary("OR", node, self.and_expr(), token.position)
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while self.is_keyword("AND"):
            token = self.take()
            node = Binary("AND", node, self.not_expr(), token.position)
        return node

    def not_expr(self) -> Node:
        node = self.near_expr()
        while self.is_keyword("NOT"):
            token = self.take()
            node = Binary("NOT", node, self.near_expr(), token.position)
        return node

    def near_expr(self) -> Node:
        node = self.operand()
        if self.is_keyword("NEAR"):
            token = self.take()
            right = self.operand()
            number = self.take()
            if number.kind != "word" or not number.text.isdigit():
                raise self.error(f"a whole number of words expected after NEAR {right}, found {number.shown()}",
                                 number)
            unit = self.take()
            if unit.keyword != "WORDS":
                raise self.error(f"WORDS expected after the number, found {unit.shown()}", unit)
            node = Near(node, right, int(number.text), token.position)
        return node

    def operand(self) -> Node:
        token = self.token
        if token.kind == "paren" and token.text == "(":
            self.take()
            node = self.expr()
            if not (self.token.kind == "paren" and self.token.text == ")"):
                raise self.error(f"')' expected, found {self.token.shown()}")
            self.take()
            return node
        if token.kind == "string" or (token.kind == "word" and token.keyword is None):
            self.take()
            if not token.text.strip():
                raise self.error("a code key expected, found an empty string", token)
            code = Code(token.text.strip(), token.position)
            self.codes.append(code)
            return code
        if token.keyword == "NOT":
            raise self.error("NOT needs a code before it: A NOT B is A where B does not occur", token)
        raise self.error(f"a code key or '(' expected, found {token.shown()}", token)

    def condition(self) -> Condition:
        items = [self.cond_and()]
        while self.is_keyword("OR"):
            self.take()
            items.append(self.cond_and())
        return items[0] if len(items) == 1 else Logic("OR", tuple(items))

    def cond_and(self) -> Condition:
        items = [self.cond_not()]
        while self.is_keyword("AND"):
            self.take()
            items.append(self.cond_not())
        return items[0] if len(items) == 1 else Logic("AND", tuple(items))

    def cond_not(self) -> Condition:
        if self.is_keyword("NOT"):
            self.take()
            return Logic("NOT", (self.cond_not(),))
        token = self.token
        if token.kind == "paren" and token.text == "(":
            self.take()
            inner = self.condition()
            if not (self.token.kind == "paren" and self.token.text == ")"):
                raise self.error(f"')' expected, found {self.token.shown()}")
            self.take()
            return inner
        if token.kind != "word" or token.keyword is not None:
            raise self.error(f"a field expected ({', '.join(FIELDS)} or an informant attribute), "
                             f"found {token.shown()}", token)
        self.take()
        op = self.take()
        if op.kind != "op":
            raise self.error(f"a comparison expected after {token.text} ({' '.join(OPERATORS)}), "
                             f"found {op.shown()}", op)
        value = self.take()
        if value.kind not in ("word", "string") or value.keyword is not None:
            raise self.error(f"a value expected after {token.text} {op.text}, found {value.shown()}", value)
        return Compare(token.text.lower(), op.text, value.text, token.position, value.position,
                       value.kind == "string")


def parse(text: str) -> Query:
    """Parse a query (grammar in the module docstring); InputError with ``position`` when it is not one."""
    if not isinstance(text, str):
        raise InputError(f"a query is text, got {type(text).__name__}", key="err_query",
                         position=0, problem="not text")
    return _Parser(text).query()


def parse_condition(text: str) -> Filter:
    """Parse a condition alone (``condition`` of the grammar: what follows ``WHERE``), the filter of the
    matrix, search and quote tables; InputError with ``position`` (in ``text``) when it is not one.

    >>> str(parse_condition("group = leadership AND age >= 40"))
    "(group = 'leadership' AND age >= '40')"
    """
    if not isinstance(text, str):
        raise InputError(f"a condition is text, got {type(text).__name__}", key="err_query",
                         position=0, problem="not text")
    return _Parser(text, "condition").filter()
