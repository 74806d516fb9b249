"""Accuracy beside speed: how many of the gold records' cell values each tool keeps intact.

Two measures (docs/benchmarks.md repeats these definitions):

* **Cell values intact** (every tool). The gold values of a file are, per form: the header
  fields (projectName, department, implementingUnit, projectLead, phone), every non-null funds
  number (initialBudget, annualBudget, executed, weight, executionRate, score) and, per
  indicator, level3, target, actual (texts) and weight, score (numbers). A value is intact
  when one piece of the tool's output holds it whole:
    - a *number* matches a piece that, trimmed and without one trailing "%", parses as the
      same number ("587.049060" and "587.04906" match; "587.0490\\n60" does not);
    - a *text* matches a piece equal to it once all whitespace is removed from both
      ("其中：当年财政拨\\n款" matches); level3 also ignores an "指标1:" numbering prefix.
  A piece is a table cell (pdfplumber, PyMuPDF), a leaf of the JSON records (formpipe), or,
  for pdftotext -layout, a run of consecutive whitespace-separated tokens on one line (a
  number must be a single token). Every piece (every token for pdftotext) is used for at
  most one gold value, so a "100%" printed once cannot satisfy five gold values.
* **Record field accuracy** (formpipe only): Tests/FormPipeTests/Support/GoldComparison.swift
  reimplemented: every leaf of the gold record compared with the produced record (strings
  exact, numbers by value, null as null), indicator rows by position, level3 without its
  numbering prefix.
"""

import json
import math
import re
from collections import defaultdict
from pathlib import Path

HEADER_FIELDS = ("projectName", "department", "implementingUnit", "projectLead", "phone")
FUNDS_NUMBERS = ("initialBudget", "annualBudget", "executed", "weight", "executionRate", "score")
INDICATOR_TEXTS = ("target", "actual")
INDICATOR_NUMBERS = ("weight", "score")

_WHITESPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def gold_records(corpus: Path, stem: str) -> list[dict]:
    folder = corpus / "gold" / stem
    return [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("[0-9][0-9].json"))]


def gold_values(records: list[dict]) -> list[tuple[str, object]]:
    """(kind, value) pairs, kind being "number", "text" or "level3"."""
    values: list[tuple[str, object]] = []

    def text(kind, value):
        if isinstance(value, str) and value.strip():
            values.append((kind, value))

    def number(value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            values.append(("number", value))

    for record in records:
        for field in HEADER_FIELDS:
            text("text", record.get(field))
        for row in record.get("funds") or []:
            for field in FUNDS_NUMBERS:
                number(row.get(field))
        for row in record.get("indicators") or []:
            text("level3", row.get("level3"))
            for field in INDICATOR_TEXTS:
                text("text", row.get(field))
            for field in INDICATOR_NUMBERS:
                number(row.get(field))
    return values


def squeeze(text: str) -> str:
    return _WHITESPACE.sub("", text)


def without_numbering(text: str) -> str:
    """"指标1:完成质量" → "完成质量", as GoldComparison.withoutNumbering."""
    if not text.startswith("指标"):
        return text
    rest = text[2:]
    if not rest or not rest[0].isnumeric():
        return text
    while rest and rest[0].isnumeric():
        rest = rest[1:]
    if rest and rest[0] in ":：.、":
        rest = rest[1:]
    return rest


def number_key(value) -> str:
    return repr(round(float(value), 9))


def parse_number(text: str):
    text = text.strip()
    if text.endswith("%"):
        text = text[:-1]
    if not _NUMBER.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def piece_keys(piece) -> list[tuple[str, str]]:
    """The (kind, key) pairs one output piece can satisfy."""
    if isinstance(piece, bool) or piece is None:
        return []
    if isinstance(piece, (int, float)):
        return [("number", number_key(piece))]
    keys = []
    number = parse_number(piece)
    if number is not None:
        keys.append(("number", number_key(number)))
    squeezed = squeeze(piece)
    if squeezed:
        keys.append(("text", squeezed))
        keys.append(("level3", without_numbering(squeezed)))
    return keys


def gold_key(kind: str, value) -> str:
    if kind == "number":
        return number_key(value)
    squeezed = squeeze(value)
    return without_numbering(squeezed) if kind == "level3" else squeezed


def match_pieces(values, pieces) -> int:
    """How many gold values find an unused piece holding them."""
    index = defaultdict(list)
    for number, piece in enumerate(pieces):
        for key in piece_keys(piece):
            index[key].append(number)
    used = set()
    found = 0
    for kind, value in values:
        candidates = index.get((kind, gold_key(kind, value)), [])
        for number in candidates:
            if number not in used:
                used.add(number)
                found += 1
                break
    return found


def match_layout_text(values, text: str) -> int:
    """pdftotext -layout: pieces are runs of whitespace-separated tokens on one line."""
    lines = [line.split() for line in text.splitlines()]
    used = [[False] * len(tokens) for tokens in lines]
    found = 0
    for kind, value in values:
        target = gold_key(kind, value)
        if _find_run(kind, target, lines, used):
            found += 1
    return found


def _find_run(kind, target, lines, used) -> bool:
    for row, tokens in enumerate(lines):
        for start, token in enumerate(tokens):
            if used[row][start]:
                continue
            if kind == "number":
                number = parse_number(token)
                if number is not None and number_key(number) == target:
                    used[row][start] = True
                    return True
                continue
            joined = ""
            for end in range(start, len(tokens)):
                if used[row][end]:
                    break
                joined += tokens[end]
                candidate = without_numbering(joined) if kind == "level3" else joined
                if candidate == target:
                    for i in range(start, end + 1):
                        used[row][i] = True
                    return True
                if len(joined) > len(target) + 8:
                    break
    return False


# Record field accuracy (GoldComparison.swift) ------------------------------------------------

_MISSING = object()


def _leaves(value, path="", out=None):
    out = {} if out is None else out
    if isinstance(value, dict):
        for key, child in value.items():
            _leaves(child, f"{path}.{key}" if path else key, out)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            _leaves(child, f"{path}[{index}]", out)
    else:
        out[path] = value
    return out


def _same(expected, actual, key) -> bool:
    if expected is _MISSING and actual is _MISSING:
        return True
    if expected is None and actual is None:
        return True
    if isinstance(expected, str) and isinstance(actual, str):
        if key.endswith("level3"):
            return without_numbering(expected) == without_numbering(actual)
        return expected == actual
    numeric = (int, float)
    if isinstance(expected, numeric) and isinstance(actual, numeric):
        return abs(float(expected) - float(actual)) < 1e-9
    return False


def field_accuracy(produced, gold) -> tuple[int, int]:
    """(matched, fields) of one produced record (None when missing) against its gold."""
    gold_leaves = _leaves(gold)
    produced_leaves = _leaves(produced) if produced is not None else {}
    keys = set(gold_leaves) | {k for k in produced_leaves if k.startswith("indicators[")}
    matched = sum(
        _same(gold_leaves.get(k, _MISSING), produced_leaves.get(k, _MISSING), k) for k in keys)
    return matched, len(keys)


def record_leaves(records) -> list:
    pieces = []
    for record in records:
        if record is not None:
            pieces.extend(v for v in _leaves(record).values() if v is not None)
    return pieces
