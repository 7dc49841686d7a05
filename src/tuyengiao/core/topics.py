"""Topic queries (chủ đề tuyên truyền): a small boolean query language over folded Vietnamese.

A topic is a saved query. Grammar, loosest binding first (``NOT`` > ``AND`` > ``OR``)::

    query   = or
    or      = and { ("OR" | "HOẶC" | "|") and }
    and     = unary { ["AND" | "VÀ" | "+"] unary }      adjacent operands: implicit AND
    unary   = ("NOT" | "KHÔNG" | "-"prefix) unary | "+"prefix unary | primary
    primary = word | '"' phrase '"' | "(" or ")"

- Operator words count only in capitals (``và``, ``không`` are ordinary words); ``-`` and ``+``
  are operators only right before an operand (``-"bóng đá"``, ``+Chỉ``); a lone ``-`` is
  punctuation, so ``Hà Nội - Đà Nẵng`` is just four words. Quotes may be ``"`` or ``“ ”``.
- Matching folds case, diacritics, ``đ`` and tone-mark style (``uỷ`` = ``ủy`` = ``uy``) and
  works on whole words: a word is a run of letters and digits, everything else separates.
- A quoted phrase matches its words consecutively (punctuation between them is ignored, as
  FTS5 and PostgreSQL do). A bare word holding punctuation (``30-CT/TW``, ``covid-19``) is a
  phrase of its parts. Several bare words side by side (``tuyên truyền miệng``) are an AND of
  separate words, found anywhere in the article: quote them to find the phrase; the parser
  leaves a hint in ``Query.hints`` when it sees such a run.
- A topic must find something: ``NOT bóng đá`` alone, an OR branch that only excludes, or a
  NOT over only exclusions is rejected (FTS5 cannot run them, and they would match almost
  every article).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from tuyengiao.core.text import fold, nfc, words

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_TERMS",
    "QUERY_HELP",
    "And",
    "Node",
    "Not",
    "Or",
    "PreparedText",
    "Query",
    "Term",
    "TopicQueryError",
    "folded_words",
    "parse_topic_query",
    "prepare_text",
]

MAX_QUERY_LENGTH = 1000
MAX_TERMS = 100
MAX_DEPTH = 32

QUERY_HELP = (
    "Cú pháp chủ đề: gõ các từ cần tìm; đặt cụm từ trong ngoặc kép để tìm đúng cụm, ví dụ "
    '"tuyên truyền miệng" (không có ngoặc kép, ba từ được tìm riêng rẽ ở bất kỳ đâu trong '
    "bài). Kết hợp bằng AND (VÀ, +), OR (HOẶC, |), NOT (KHÔNG, dấu - đứng liền trước từ) và "
    "ngoặc đơn; các từ đứng cạnh nhau được hiểu là AND; NOT ưu tiên hơn AND, AND ưu tiên hơn "
    'OR. Ví dụ: "Chỉ thị 30" OR "tuyên truyền miệng" NOT "bóng đá". Không phân biệt hoa '
    "thường, dấu và kiểu bỏ dấu (uỷ = ủy, hoà = hòa, đ = d). Toán tử phải viết HOA."
)

# --- messages (Vietnamese, for the person typing the topic) -----------------------------------
_EMPTY = "Chủ đề trống: hãy nhập ít nhất một từ hoặc cụm từ cần tìm."
_TOO_LONG = "Chủ đề quá dài: {n} ký tự, tối đa {max} ký tự."
_TOO_MANY = "Chủ đề có quá nhiều từ và cụm từ: tối đa {max}."
_TOO_DEEP = "Quá nhiều tầng ngoặc lồng nhau: tối đa {max} tầng."
_UNCLOSED_QUOTE = "Thiếu dấu ngoặc kép đóng cho cụm từ mở ở ký tự thứ {at}."
_EMPTY_PHRASE = "Cụm từ trong ngoặc kép không có chữ hay số nào."
_UNCLOSED_PAREN = "Thiếu dấu đóng ngoặc “)” cho dấu mở ngoặc ở ký tự thứ {at}."
_UNOPENED_PAREN = "Dấu đóng ngoặc “)” ở ký tự thứ {at} không có dấu mở ngoặc tương ứng."
_EMPTY_PARENS = "Cặp ngoặc “( )” ở ký tự thứ {at} không chứa gì."
_DANGLING_AFTER = (
    "Toán tử “{op}” ở ký tự thứ {at} thiếu vế sau: thêm từ cần tìm sau nó hoặc bỏ nó đi."
)
_DANGLING_BEFORE = "Toán tử “{op}” ở ký tự thứ {at} thiếu vế trước: thêm từ cần tìm trước nó."
_ONLY_NOT = (
    "Chủ đề không thể chỉ gồm điều kiện loại trừ (NOT/KHÔNG): hãy thêm từ cần tìm, "
    'ví dụ: "tuyên truyền miệng" NOT "bóng đá".'
)
_OR_ONLY_NOT = (
    "Mỗi vế của OR (HOẶC) phải có từ cần tìm, không thể chỉ là điều kiện loại trừ (NOT): "
    "vế ở ký tự thứ {at}."
)
_NOT_ONLY_NOT = "Sau NOT (KHÔNG) ở ký tự thứ {at} phải có từ cần tìm, không chỉ điều kiện loại trừ."
_NOT_RUN = (
    "Sau {op} có các từ liền nhau “{words}” nhưng {op} chỉ loại trừ từ “{first}”: viết "
    '{op} "{words}" để loại trừ cả cụm từ, hoặc {op} ({words}) để loại trừ bài có đủ các từ.'
)
_HINT = (
    "Các từ {words} được tìm riêng rẽ, ở bất kỳ đâu trong bài; "
    'muốn tìm đúng cụm từ, hãy đặt trong ngoặc kép: "{words}".'
)


class TopicQueryError(ValueError):
    """A topic query that cannot be parsed; ``reason`` is Vietnamese, ``position`` 0-based."""

    def __init__(self, reason: str, position: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.position = position


def _error(template: str, position: int, **values: str) -> TopicQueryError:
    """The error for ``template``; messages count characters from 1, ``position`` from 0."""
    return TopicQueryError(template.format(at=position + 1, **values), position)


# --- the syntax tree -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase: ``words`` folded (one word, or consecutive words), ``text`` as typed."""

    words: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Not:
    """Articles that do not match ``operand``; only allowed next to something positive."""

    operand: Node


@dataclass(frozen=True, slots=True)
class And:
    """Articles matching every operand (two or more, none of them an ``And``)."""

    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """Articles matching any operand (two or more, none of them an ``Or``)."""

    operands: tuple[Node, ...]


Node = Term | Not | And | Or

_KEYWORDS = {"AND": "AND", "VÀ": "AND", "OR": "OR", "HOẶC": "OR", "NOT": "NOT", "KHÔNG": "NOT"}
_BARE_UNSAFE = re.compile(r'[\s()"“”|]|^[+-]')


def _words(text: str) -> tuple[str, ...]:
    return tuple(words(fold(text)))


def folded_words(text: str) -> str:
    """The folded words of ``text`` joined by single spaces: what a search index should store.

    FTS5's unicode61 tokenizer splits folded text exactly like this, but PostgreSQL's parser
    keeps ``ct/tw``, ``-19`` or ``1.234`` as single tokens; index ``folded_words(text)`` and
    ``Query.to_tsquery()`` agrees with ``Query.matches`` on every text.
    """
    return " ".join(words(fold(nfc(text))))


def _negative_only(node: Node) -> bool:
    """Whether ``node`` matches only by excluding (a NOT, or an AND of NOTs)."""
    if isinstance(node, Not):
        return True
    if isinstance(node, And):
        return all(_negative_only(op) for op in node.operands)
    return False


def _join(kind: type[And] | type[Or], operands: list[Node]) -> Node:
    """``And``/``Or`` of ``operands``, flattened; a single operand stands for itself."""
    flat: list[Node] = []
    for op in operands:
        flat.extend(op.operands if isinstance(op, kind) else (op,))
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _negate(node: Node) -> Node:
    return node.operand if isinstance(node, Not) else Not(node)


def _iter_terms(node: Node, negated: bool = False) -> Iterator[tuple[Term, bool]]:
    if isinstance(node, Term):
        yield node, negated
    elif isinstance(node, Not):
        yield from _iter_terms(node.operand, not negated)
    else:
        for op in node.operands:
            yield from _iter_terms(op, negated)


# --- lexer -------------------------------------------------------------------------------------

_LEX = re.compile(
    r"""(?P<space>\s+)|(?P<lparen>\()|(?P<rparen>\))|(?P<phrase>["“”][^"“”]*["“”])
    |(?P<open>["“”])|(?P<or>\|)|(?P<prefix>[+-](?=[^\s)|]))|(?P<plus>\+)
    |(?P<word>[^\s()"“”|]+)""",
    re.VERBOSE,
)
_KINDS = {"lparen": "(", "rparen": ")", "or": "OR", "plus": "AND"}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # WORD PHRASE AND OR NOT REQ ( )
    pos: int
    text: str
    words: tuple[str, ...] = ()


def _lex(query: str) -> list[_Token]:
    """Tokens of ``query``; bare words without letters or digits are dropped."""
    tokens: list[_Token] = []
    for m in _LEX.finditer(query):
        group, text, pos = m.lastgroup or "", m.group(), m.start()
        if group == "open":
            raise _error(_UNCLOSED_QUOTE, pos)
        if group == "phrase":
            inner = " ".join(text[1:-1].split())
            if not (words := _words(inner)):
                raise TopicQueryError(_EMPTY_PHRASE, pos)
            tokens.append(_Token("PHRASE", pos, inner, words))
        elif group == "prefix":
            tokens.append(_Token("NOT" if text == "-" else "REQ", pos, text))
        elif group == "word" and text in _KEYWORDS:
            tokens.append(_Token(_KEYWORDS[text], pos, text))
        elif group == "word" and (words := _words(text)):
            tokens.append(_Token("WORD", pos, text, words))
        elif group in _KINDS:
            tokens.append(_Token(_KINDS[group], pos, text))
    terms = [t for t in tokens if t.kind in ("WORD", "PHRASE")]
    if len(terms) > MAX_TERMS:
        raise TopicQueryError(_TOO_MANY.format(max=MAX_TERMS), terms[MAX_TERMS].pos)
    return tokens


def _hints(tokens: list[_Token]) -> tuple[str, ...]:
    """A hint for every run of two or more bare words (an implicit AND, maybe meant as phrase)."""
    hints: list[str] = []
    run: list[str] = []
    for token in [*tokens, _Token("END", -1, "")]:
        if token.kind == "WORD":
            run.append(token.text)
            continue
        if len(run) > 1:
            hints.append(_HINT.format(words=" ".join(run)))
        run = []
    return tuple(hints)


# --- parser ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Parser:
    tokens: list[_Token]
    index: int = 0
    depth: int = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect_operand(self, op: _Token) -> None:
        """After operator ``op``: an operand must follow."""
        nxt = self.peek()
        if nxt is None or nxt.kind in ("AND", "OR", ")"):
            raise _error(_DANGLING_AFTER, op.pos, op=op.text)

    def peek_kind(self) -> str:
        token = self.peek()
        return token.kind if token else ""

    def parse_or(self) -> Node:
        starts = [self.tokens[self.index].pos]
        operands = [self.parse_and()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            self.expect_operand(token)
            starts.append(self.tokens[self.index].pos)
            operands.append(self.parse_and())
        for start, operand in zip(starts, operands, strict=True):
            if len(operands) > 1 and _negative_only(operand):
                raise _error(_OR_ONLY_NOT, start)
        return _join(Or, operands)

    def parse_and(self) -> Node:
        operands = [self.parse_unary()]
        while (token := self.peek()) is not None and token.kind not in ("OR", ")"):
            if token.kind == "AND":
                self.take()
                self.expect_operand(token)
            operands.append(self.parse_unary())
        return _join(And, operands)

    def parse_unary(self) -> Node:
        token = self.peek()
        if token is None or token.kind not in ("NOT", "REQ"):
            return self.parse_primary()
        self.take()
        self.expect_operand(token)
        first = self.peek()
        operand = self.parse_unary()
        if token.kind == "REQ":
            return operand
        if first and first.kind == "WORD" and self.peek_kind() == "WORD":  # NOT bóng đá
            raise self.not_run_error(token, first)
        if not isinstance(operand, Not) and _negative_only(operand):
            raise _error(_NOT_ONLY_NOT, token.pos)
        return _negate(operand)

    def not_run_error(self, op: _Token, first: _Token) -> TopicQueryError:
        """``NOT bóng đá``: NOT would exclude only "bóng"; ask for quotes or parentheses."""
        run = [first.text]
        while self.peek_kind() == "WORD":
            run.append(self.take().text)
        words = " ".join(run)
        return TopicQueryError(_NOT_RUN.format(op=op.text, words=words, first=run[0]), op.pos)

    def parse_primary(self) -> Node:
        token = self.take()
        if token.kind in ("WORD", "PHRASE"):
            return Term(token.words, token.text)
        if token.kind in ("AND", "OR"):
            raise _error(_DANGLING_BEFORE, token.pos, op=token.text)
        if token.kind == ")":
            raise _error(_UNOPENED_PAREN, token.pos)
        return self.parse_group(token)

    def parse_group(self, lparen: _Token) -> Node:
        if self.depth >= MAX_DEPTH:
            raise TopicQueryError(_TOO_DEEP.format(max=MAX_DEPTH), lparen.pos)
        if self.peek_kind() == ")":
            raise _error(_EMPTY_PARENS, lparen.pos)
        if self.peek() is None:
            raise _error(_UNCLOSED_PAREN, lparen.pos)
        self.depth += 1
        node = self.parse_or()
        self.depth -= 1
        if self.peek_kind() != ")":
            raise _error(_UNCLOSED_PAREN, lparen.pos)
        self.take()
        return node


def parse_topic_query(text: str) -> Query:
    """Parse a topic query (see the module docstring for the grammar).

    Args:
        text: the query as the user typed it.

    Returns:
        The compiled ``Query``; ``Query.hints`` suggests quotes for runs of bare words.

    Raises:
        TopicQueryError: with a Vietnamese ``reason`` and the 0-based ``position`` (in the NFC
            text) of the problem: empty, too long (> 1,000 characters), too many terms
            (> 100), unterminated quote, unbalanced or empty parentheses, an operator missing
            an operand, or a query (or OR branch) that only excludes.
    """
    text = nfc(text)
    if len(text) > MAX_QUERY_LENGTH:
        raise TopicQueryError(
            _TOO_LONG.format(n=f"{len(text):,}".replace(",", "."), max="1.000"), MAX_QUERY_LENGTH
        )
    tokens = _lex(text)
    if not tokens:
        raise TopicQueryError(_EMPTY, 0)
    parser = _Parser(tokens)
    root = parser.parse_or()
    if (extra := parser.peek()) is not None:  # only a ")" stops parse_or early
        raise _error(_UNOPENED_PAREN, extra.pos)
    if _negative_only(root):
        raise TopicQueryError(_ONLY_NOT, tokens[0].pos)
    return Query(root, hints=_hints(tokens))


# --- matching ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PreparedText:
    """An article folded once, for matching it against many topics.

    ``words`` is the set of its folded words, ``joined`` the words with one space between
    them and one at each end (a phrase is a substring ``" w1 w2 "`` of it).
    """

    text: str
    folded: str
    words: frozenset[str]
    joined: str


def prepare_text(text: str) -> PreparedText:
    """Fold ``text`` (made NFC first) and split it into words, once for many queries."""
    text = nfc(text)
    folded = fold(text)
    found = words(folded)
    return PreparedText(text, folded, frozenset(found), " " + " ".join(found) + " ")


def _term_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word regex for consecutive ``words``; starts with a literal so search is fast."""
    first = re.escape(words[0])
    rest = "".join(r"[\W_]+" + re.escape(word) for word in words[1:])
    return re.compile(rf"{first}(?<![^\W_]{first}){rest}(?![^\W_])")


def _evaluate(node: Node, found: Callable[[Term], bool]) -> bool:
    if isinstance(node, Term):
        return found(node)
    if isinstance(node, Not):
        return not _evaluate(node.operand, found)
    if isinstance(node, And):
        return all(_evaluate(op, found) for op in node.operands)
    return any(_evaluate(op, found) for op in node.operands)


@dataclass(frozen=True)
class Query:
    """A parsed topic query: match articles, highlight, or run it in SQLite or PostgreSQL.

    Equality compares the syntax tree only. ``str(query)`` is the canonical form (operators
    ``AND``/``OR``/``NOT``, phrases quoted), and ``parse_topic_query(str(q)) == q``.
    """

    root: Node
    hints: tuple[str, ...] = field(default=(), compare=False)
    _patterns: dict[tuple[str, ...], re.Pattern[str]] = field(init=False, compare=False, repr=False)
    _needles: dict[tuple[str, ...], str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        words = [term.words for term, _ in _iter_terms(self.root)]
        object.__setattr__(self, "_patterns", {w: _term_pattern(w) for w in words})
        object.__setattr__(self, "_needles", {w: f" {' '.join(w)} " for w in words})

    def matches(self, text: str | PreparedText) -> bool:
        """Whether the article ``text`` (any Unicode form, or prepared) matches the query."""
        if isinstance(text, PreparedText):
            words, joined, needles = text.words, text.joined, self._needles
            return _evaluate(
                self.root,
                lambda t: t.words[0] in words if len(t.words) == 1 else needles[t.words] in joined,
            )
        folded = fold(nfc(text))
        return _evaluate(self.root, lambda t: self._patterns[t.words].search(folded) is not None)

    def match_spans(self, text: str | PreparedText) -> list[tuple[int, int]]:
        """Sorted, merged ``(start, end)`` spans of the included terms found in ``text``.

        Offsets index the NFC form of ``text`` (``nfc(text)``; the same as ``text`` for NFC
        input). Terms under a NOT are never highlighted. Spans are returned whether or not
        the whole query matches.
        """
        folded = text.folded if isinstance(text, PreparedText) else fold(nfc(text))
        spans = sorted(
            m.span()
            for words in dict.fromkeys(t.words for t, neg in _iter_terms(self.root) if not neg)
            for m in self._patterns[words].finditer(folded)
        )
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def terms(self, *, include_excluded: bool = True) -> list[str]:
        """The terms as typed, in query order, without repeats; NOT terms optional."""
        found = (t.text for t, neg in _iter_terms(self.root) if include_excluded or not neg)
        return list(dict.fromkeys(found))

    def to_fts5(self, column: str | None = "folded") -> str:
        """An SQLite FTS5 MATCH expression over a folded column (every term quoted).

        The column must hold ``fold(text)`` (or ``folded_words(text)``) with the default
        unicode61 tokenizer; ``column=None`` searches every column.
        """
        expr = _fts5(self.root)
        expr = expr if expr.startswith("(") else f"({expr})"
        return f"{column} : {expr}" if column else expr

    def to_tsquery(self) -> str:
        """A PostgreSQL ``to_tsquery('simple', …)`` string over the folded text.

        Lexemes are quoted, phrases use ``<->``; index ``to_tsvector('simple',
        folded_words(text))`` for exact agreement with ``matches``.
        """
        return _tsquery(self.root, top=True)

    def to_text(self, *, vietnamese: bool = False) -> str:
        """The canonical query; ``vietnamese=True`` writes the operators VÀ, HOẶC, KHÔNG."""
        names = ("VÀ", "HOẶC", "KHÔNG") if vietnamese else ("AND", "OR", "NOT")
        return _format(self.root, names)

    def __str__(self) -> str:
        return self.to_text()


# --- output: canonical text, FTS5, tsquery ----------------------------------------------------


def _format(node: Node, names: tuple[str, str, str]) -> str:
    if isinstance(node, Term):
        bare = not _BARE_UNSAFE.search(node.text) and node.text not in _KEYWORDS
        return node.text if bare else f'"{node.text}"'
    if isinstance(node, Not):
        inner = _format(node.operand, names)
        return f"{names[2]} {inner if isinstance(node.operand, Term) else f'({inner})'}"
    if isinstance(node, And):
        parts = [
            f"({_format(op, names)})" if isinstance(op, Or) else _format(op, names)
            for op in node.operands
        ]
        return f" {names[0]} ".join(parts)
    return f" {names[1]} ".join(_format(op, names) for op in node.operands)


def _fts5(node: Node) -> str:
    if isinstance(node, Term):
        return '"' + " ".join(node.words) + '"'
    if isinstance(node, Or):
        return "(" + " OR ".join(_fts5(op) for op in node.operands) + ")"
    if isinstance(node, Not):  # parse_topic_query never leaves a NOT outside an AND
        raise ValueError("NOT must follow something to match in FTS5")
    included = [_fts5(op) for op in node.operands if not isinstance(op, Not)]
    excluded = [_fts5(op.operand) for op in node.operands if isinstance(op, Not)]
    expr = " AND ".join(included)
    expr = f"({expr})" if len(included) > 1 and excluded else expr
    return "(" + " NOT ".join([expr, *excluded]) + ")"


def _tsquery(node: Node, top: bool = False) -> str:
    if isinstance(node, Term):
        expr = " <-> ".join(f"'{word}'" for word in node.words)
        return expr if top or len(node.words) == 1 else f"({expr})"
    if isinstance(node, Not):
        return "!" + _tsquery(node.operand)
    glue = " & " if isinstance(node, And) else " | "
    expr = glue.join(_tsquery(op) for op in node.operands)
    return expr if top else f"({expr})"
