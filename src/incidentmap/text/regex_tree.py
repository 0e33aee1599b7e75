r"""Read a Python regular expression into a small tree, with no private ``re`` module.

:mod:`incidentmap.text.patterns` asks of a pattern which literal strings every match
holds or starts with, and whether it matches case-folded text alike; it reads the answer
off this tree. The reader knows the syntax of :mod:`re` for Python 3.11 and later:
literals and escapes, classes, groups (named, non-capturing, atomic, with scoped flags),
look-arounds, alternation, greedy, lazy and possessive repeats, and verbose mode. What
it does not analyse (back-references, conditionals) becomes an :data:`OTHER` node, which
the callers treat as "anything": their answers stay sound, just less useful.

A node is a pair ``(op, value)``:

=========== =====================================================================
op          value
=========== =====================================================================
LITERAL     the character's code
IN          a list of class items: ``("literal", code)``, ``("range", (lo, hi))``,
            ``("category", letter)`` for ``\d \D \w \W \s \S``, ``("negate", None)``
ANY         ``None`` (``.``)
AT          the anchor: ``"^"``, ``"$"``, ``"b"``, ``"B"``, ``"A"``, ``"Z"``
BRANCH      a list of alternatives, each a list of nodes
GROUP       ``(flags added, flags removed, nodes)``: a capturing group or one with
            flags (a plain ``(?:...)`` stands inline in its sequence)
REPEAT      ``(min, max, nodes)``; ``max`` is :data:`MANY` when unbounded
ASSERT      ``(direction, nodes)``: 1 looks ahead, -1 behind
ASSERT_NOT  the same, negated
ATOMIC      nodes
OTHER       ``None``: a back-reference or a conditional
=========== =====================================================================

Examples
--------
>>> parse(r"(?<![\w-])bombs?")[:2]
[('ASSERT_NOT', (-1, [('IN', [('category', 'w'), ('literal', 45)])])), ('LITERAL', 98)]
>>> parse("a{2,}")
[('REPEAT', (2, -1, [('LITERAL', 97)]))]
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["MANY", "Node", "parse"]

Node = tuple[str, Any]
#: The ``max`` of an unbounded repeat.
MANY = -1

_FLAGS = {"a": re.ASCII, "i": re.IGNORECASE, "L": re.LOCALE, "m": re.MULTILINE,
          "s": re.DOTALL, "u": re.UNICODE, "x": re.VERBOSE}  # fmt: skip
_SIMPLE = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
_OCTAL = "01234567"
_REPEAT = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


class _Reader:
    def __init__(self, pattern: str, verbose: bool) -> None:
        self.text = pattern
        self.at = 0
        self.verbose = verbose

    def peek(self, ahead: int = 0) -> str | None:
        at = self.at + ahead
        return self.text[at] if at < len(self.text) else None

    def take(self) -> str:
        if self.at >= len(self.text):
            raise ValueError("unexpected end of pattern")
        char = self.text[self.at]
        self.at += 1
        return char

    def expect(self, char: str) -> None:
        if self.take() != char:
            raise ValueError(f"expected {char!r} at {self.at - 1}")

    def space(self) -> None:
        """Skip white space and comments in verbose mode."""
        while self.verbose and self.at < len(self.text):
            char = self.text[self.at]
            if char.isspace():
                self.at += 1
            elif char == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end < 0 else end + 1
            else:
                return


def parse(pattern: str, flags: int = 0) -> list[Node]:
    """Return the tree of ``pattern`` read with ``flags``.

    Raises
    ------
    ValueError
        For a pattern the reader cannot read (it may still compile).
    """
    reader = _Reader(pattern, bool(flags & re.VERBOSE) or _leading_verbose(pattern))
    nodes = _alternation(reader)
    if reader.at != len(pattern):
        raise ValueError(f"unbalanced parenthesis at {reader.at}")
    return nodes


def _leading_verbose(pattern: str) -> bool:
    """Whether the pattern opens with global flags holding ``x`` (``(?x)``, ``(?ix)``)."""
    match = re.match(r"\(\?([aiLmsux]+)\)", pattern)
    return match is not None and "x" in match.group(1)


def _alternation(reader: _Reader) -> list[Node]:
    branches = [_sequence(reader)]
    while reader.peek() == "|":
        reader.take()
        branches.append(_sequence(reader))
    if len(branches) == 1:
        return branches[0]
    # As the re module reads it: a start common to every alternative stands before them
    # ("agreed|agree" is "agree" then "d" or nothing), and alternatives of one character
    # each are one class ("a|[bc]" is "[abc]").
    nodes: list[Node] = []
    while all(branches) and all(b[0] == branches[0][0] for b in branches):
        nodes.append(branches[0][0])
        branches = [b[1:] for b in branches]
    items: list[tuple[str, Any]] = []
    for branch in branches:
        if len(branch) != 1:
            break
        op, value = branch[0]
        if op == "LITERAL":
            items.append(("literal", value))
        elif op == "IN" and value[0][0] != "negate":
            items.extend(value)
        else:
            break
    else:
        nodes.append(("IN", list(dict.fromkeys(items))))
        return nodes
    nodes.append(("BRANCH", branches))
    return nodes


def _sequence(reader: _Reader) -> list[Node]:
    nodes: list[Node] = []
    while True:
        reader.space()
        char = reader.peek()
        if char is None or char in "|)":
            return nodes
        atom = _atom(reader)
        if atom is None:
            continue
        reader.space()
        nodes.extend(_repeat(reader, atom))


def _repeat(reader: _Reader, atom: Node | list[Node]) -> list[Node]:
    """Return the atom with the repeat that follows it, if any.

    A non-capturing group without flags is a list of nodes: unrepeated, it stands
    inline in its sequence, as the re module reads it.
    """
    body = atom if isinstance(atom, list) else [atom]
    char = reader.peek()
    if char in ("*", "+", "?"):
        reader.take()
        low, high = {"*": (0, MANY), "+": (1, MANY), "?": (0, 1)}[char]
    elif char == "{":
        shape = _REPEAT.match(reader.text, reader.at)
        if shape is None:
            return body  # a literal "{" follows, read next
        reader.at = shape.end()
        first, comma, second = shape.groups()
        low = int(first) if first else 0
        high = (int(second) if second else MANY) if comma else low
    else:
        return body
    if reader.peek() in ("?", "+"):  # lazy or possessive: the same strings match
        reader.take()
    return [("REPEAT", (low, high, body))]


def _atom(reader: _Reader) -> Node | list[Node] | None:
    char = reader.take()
    if char == "(":
        return _group(reader)
    if char == "[":
        return _class(reader)
    if char == ".":
        return ("ANY", None)
    if char in "^$":
        return ("AT", char)
    if char == "\\":
        return _escape(reader)
    return ("LITERAL", ord(char))


def _escape(reader: _Reader) -> Node:
    char = reader.take()
    if char in "dDwWsS":
        return ("IN", [("category", char)])
    if char in "bBAZ":
        return ("AT", char)
    if char in "123456789":
        while (reader.peek() or "x").isdigit():
            reader.take()
        return ("OTHER", None)  # a back-reference
    return ("LITERAL", _code(reader, char))


def _code(reader: _Reader, char: str) -> int:
    """Return the code of an escaped character (after the backslash and ``char``)."""
    if char in _SIMPLE:
        return _SIMPLE[char]
    if char in "xuU":
        size = {"x": 2, "u": 4, "U": 8}[char]
        digits = "".join(reader.take() for _ in range(size))
        return int(digits, 16)
    if char == "N":
        reader.expect("{")
        end = reader.text.index("}", reader.at)
        name = reader.text[reader.at : end]
        reader.at = end + 1
        return ord(unicodedata.lookup(name))
    if char == "0":
        digits = "0"
        while len(digits) < 3 and (reader.peek() or "x") in _OCTAL:
            digits += reader.take()
        return int(digits, 8)
    return ord(char)


def _class(reader: _Reader) -> Node:
    items: list[tuple[str, Any]] = []
    negate = reader.peek() == "^"
    if negate:
        reader.take()
    first = True
    while True:
        char = reader.take()
        if char == "]" and not first:
            break
        first = False
        item = _class_item(reader, char)
        if item[0] == "literal" and reader.peek() == "-" and reader.peek(1) not in (None, "]"):
            reader.take()
            high = _class_item(reader, reader.take())
            if high[0] != "literal":
                raise ValueError("bad character range")
            items.append(("range", (item[1], high[1])))
        else:
            items.append(item)
    if not negate and len(items) == 1 and items[0][0] == "literal":
        return ("LITERAL", items[0][1])
    return ("IN", [("negate", None), *items] if negate else items)


def _class_item(reader: _Reader, char: str) -> tuple[str, Any]:
    if char != "\\":
        return ("literal", ord(char))
    char = reader.take()
    if char in "dDwWsS":
        return ("category", char)
    if char == "b":
        return ("literal", 8)
    if char in "123456789":  # an octal escape in a class
        digits = char
        while len(digits) < 3 and (reader.peek() or "x") in _OCTAL:
            digits += reader.take()
        return ("literal", int(digits, 8))
    return ("literal", _code(reader, char))


def _group(reader: _Reader) -> Node | list[Node] | None:
    if reader.peek() != "?":
        return _close(reader, ("GROUP", (0, 0, _alternation(reader))))
    reader.take()
    char = reader.take()
    if char == ":":  # non-capturing: its nodes stand in the sequence
        inline = _alternation(reader)
        reader.expect(")")
        return inline
    if char == "P":
        kind = reader.take()
        if kind == "<":
            reader.at = reader.text.index(">", reader.at) + 1
            return _close(reader, ("GROUP", (0, 0, _alternation(reader))))
        if kind == "=":
            reader.at = reader.text.index(")", reader.at) + 1
            return ("OTHER", None)
        raise ValueError("unknown (?P extension")
    if char == "#":
        reader.at = reader.text.index(")", reader.at) + 1
        return None
    if char in "=!":
        op = "ASSERT" if char == "=" else "ASSERT_NOT"
        return _close(reader, (op, (1, _alternation(reader))))
    if char == "<":
        kind = reader.take()
        if kind not in "=!":
            raise ValueError("unknown (?< extension")
        op = "ASSERT" if kind == "=" else "ASSERT_NOT"
        return _close(reader, (op, (-1, _alternation(reader))))
    if char == ">":
        return _close(reader, ("ATOMIC", _alternation(reader)))
    if char == "(":
        reader.at = reader.text.index(")", reader.at) + 1  # the condition
        _alternation(reader)
        return _close(reader, ("OTHER", None))
    added = removed = 0
    sign = 1
    while char not in ":)":
        if char == "-":
            sign = -1
        elif char in _FLAGS:
            if sign > 0:
                added |= _FLAGS[char]
            else:
                removed |= _FLAGS[char]
        else:
            raise ValueError(f"unknown flag {char!r}")
        char = reader.take()
    if char == ")":  # global flags: only verbose changes how the rest reads
        if added & re.VERBOSE:
            reader.verbose = True
        return None
    outer = reader.verbose
    reader.verbose = bool((outer or added & re.VERBOSE) and not removed & re.VERBOSE)
    inner = _alternation(reader)
    reader.verbose = outer
    reader.expect(")")
    if not added and not removed:
        return inner
    return ("GROUP", (added, removed, inner))


def _close(reader: _Reader, node: Node) -> Node:
    reader.expect(")")
    return node
