"""Line-break opportunities and display widths, as GNU gettext uses them when wrapping.

gettext wraps PO strings with the Unicode line breaking algorithm (UAX #14) and
counts East-Asian wide characters as two columns. Python's standard library has
no line-break property table, so :func:`break_class` derives the class from the
general category plus a table of the characters that differ from it; the rules in
:func:`possible_breaks` are those of UAX #14 (LB7 to LB31) for those classes.
Scripts that need a dictionary (Thai, Lao, Khmer, Myanmar) are treated as
ordinary letters, so a long line in those scripts is not broken inside words.
"""

from __future__ import annotations

import functools
import unicodedata

# Break-class names (a subset of UAX #14; rarely used classes fold into these).
AL, BA, BB, B2, CL, CM, CP, EX, GL, HL, HY, ID, IN, IS, NS, NU = (
    "AL",
    "BA",
    "BB",
    "B2",
    "CL",
    "CM",
    "CP",
    "EX",
    "GL",
    "HL",
    "HY",
    "ID",
    "IN",
    "IS",
    "NS",
    "NU",
)
OP, PO, PR, QU, SP, SY, WJ, ZW = "OP", "PO", "PR", "QU", "SP", "SY", "WJ", "ZW"
ZWJ, BK = "ZWJ", "BK"
OPW = "OPW"  # OP of East-Asian width F/W/H: LB30 does not apply to it
H2, H3, JL, JV, JT, RI, EB, EM = "H2", "H3", "JL", "JV", "JT", "RI", "EB", "EM"

_ASCII = {
    "!": EX,
    '"': QU,
    "$": PR,
    "%": PO,
    "'": QU,
    "(": OP,
    ")": CP,
    "+": PR,
    ",": IS,
    "-": HY,
    ".": IS,
    "/": SY,
    ":": IS,
    ";": IS,
    "?": EX,
    "[": OP,
    "\\": PR,
    "]": CP,
    "{": OP,
    "|": BA,
    "}": CL,
    " ": SP,
    "\t": BA,
}

_SPECIAL: dict[int, str] = {
    0x00A0: GL,
    0x00A1: OP,
    0x00A2: PO,
    0x00A3: PR,
    0x00A4: PR,
    0x00A5: PR,
    0x00AB: QU,
    0x00AD: BA,
    0x00B0: PO,
    0x00B1: PR,
    0x00B4: BB,
    0x00BB: QU,
    0x00BF: OP,
    0x02C8: BB,
    0x02CC: BB,
    0x02DF: BB,
    0x034F: GL,
    0x058A: BA,
    0x05BE: BA,
    0x060C: IS,
    0x060D: IS,
    0x061F: EX,
    0x066A: PO,
    0x06D4: EX,
    0x0964: BA,
    0x0965: BA,
    0x0F0B: BA,
    0x0F0C: GL,
    0x1680: BA,
    0x17D8: BA,
    0x180E: GL,
    0x2007: GL,
    0x200B: ZW,
    0x200C: CM,
    0x200D: ZWJ,
    0x2010: BA,
    0x2011: GL,
    0x2012: BA,
    0x2013: BA,
    0x2014: B2,
    0x2018: QU,
    0x2019: QU,
    0x201A: OP,
    0x201B: QU,
    0x201C: QU,
    0x201D: QU,
    0x201E: OP,
    0x201F: QU,
    0x2024: IN,
    0x2025: IN,
    0x2026: IN,
    0x2027: BA,
    0x2028: BK,
    0x2029: BK,
    0x202F: GL,
    0x2030: PO,
    0x2031: PO,
    0x2032: PO,
    0x2033: PO,
    0x2034: PO,
    0x2035: PO,
    0x2036: PO,
    0x2037: PO,
    0x2039: QU,
    0x203A: QU,
    0x203C: NS,
    0x203D: NS,
    0x2044: IS,
    0x2047: NS,
    0x2048: NS,
    0x2049: NS,
    0x2060: WJ,
    0x2116: PR,
    0x2212: PR,
    0x2213: PR,
    0x22EF: IN,
    0x2E3A: B2,
    0x2E3B: B2,
    0x3000: BA,
    0x3001: CL,
    0x3002: CL,
    0x3005: NS,
    0x301C: NS,
    0x303B: NS,
    0x303C: NS,
    0x309B: NS,
    0x309C: NS,
    0x309D: NS,
    0x309E: NS,
    0x30A0: NS,
    0x30FB: NS,
    0x30FC: NS,
    0x30FD: NS,
    0x30FE: NS,
    0xFE50: CL,
    0xFE52: CL,
    0xFE54: NS,
    0xFE55: NS,
    0xFE56: EX,
    0xFE57: EX,
    0xFEFF: WJ,
    0xFF01: EX,
    0xFF04: PR,
    0xFF05: PO,
    0xFF0C: CL,
    0xFF0E: CL,
    0xFF1A: NS,
    0xFF1B: NS,
    0xFF1F: EX,
    0xFF61: CL,
    0xFF64: CL,
    0xFF65: NS,
    0xFF70: NS,
    0xFF9E: NS,
    0xFF9F: NS,
    0xFFE0: PO,
    0xFFE1: PR,
    0xFFE5: PR,
    0xFFE6: PR,
}
# Small kana and prolonged-sound marks do not start a line (class CJ, treated as NS).
_SMALL_KANA = frozenset(
    "\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u3095\u3096"
    "\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6"
    "\uff67\uff68\uff69\uff6a\uff6b\uff6c\uff6d\uff6e\uff6f"
) | frozenset(chr(c) for c in range(0x31F0, 0x3200))

_BY_CATEGORY = {
    "Mn": CM,
    "Mc": CM,
    "Me": CM,
    "Nd": NU,
    "Ps": OP,
    "Pe": CL,
    "Pi": QU,
    "Pf": QU,
    "Sc": PR,
    "Zl": BK,
    "Zp": BK,
    "Cc": CM,
    "Cf": CM,
}


def _is_ideographic(cp: int) -> bool:
    return (
        0x2E80 <= cp <= 0x2FFF
        or 0x3040 <= cp <= 0x30FF
        or 0x3100 <= cp <= 0x31FF
        or 0x3200 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xA000 <= cp <= 0xA4CF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFE30 <= cp <= 0xFE4F
        or 0xFF00 <= cp <= 0xFF60
        or 0x1F000 <= cp <= 0x1FAFF
        or 0x20000 <= cp <= 0x3FFFD
    )


@functools.lru_cache(maxsize=4096)
def break_class(ch: str) -> str:
    """The UAX #14 line-break class of one character (approximated, see module doc)."""
    cls = _ASCII.get(ch)
    if cls is not None:
        return cls
    cp = ord(ch)
    if cp < 0x80:
        return NU if ch.isdigit() else AL
    cls = _SPECIAL.get(cp)
    if cls is not None:
        return cls
    if ch in _SMALL_KANA:
        return NS
    if 0xAC00 <= cp <= 0xD7A3:
        return H2 if (cp - 0xAC00) % 28 == 0 else H3
    if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97F:
        return JL
    if 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
        return JV
    if 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
        return JT
    if 0x1F1E6 <= cp <= 0x1F1FF:
        return RI
    if 0x1F3FB <= cp <= 0x1F3FF:
        return EM
    cat = unicodedata.category(ch)
    if cat == "Zs":
        return BA
    cls = _BY_CATEGORY.get(cat)
    if cls is not None:
        if cls == OP and unicodedata.east_asian_width(ch) in ("F", "W", "H"):
            return OPW
        return cls
    if _is_ideographic(cp):
        if cat == "Po":
            return CL if unicodedata.east_asian_width(ch) in "WF" else AL
        return ID
    if 0x0590 <= cp <= 0x05FF and cat == "Lo":
        return HL
    return AL


@functools.lru_cache(maxsize=4096)
def char_width(ch: str, cjk: bool = False) -> int:
    """Display columns of one character: 2 for East-Asian wide, 0 for combining marks.

    With ``cjk`` (a CJK legacy charset), ambiguous-width characters count 2 too,
    as gettext does for such encodings.
    """
    cp = ord(ch)
    if cp < 0x300:
        if cp < 0x20 or 0x7F <= cp < 0xA0:
            return 0
        if not cjk or cp < 0x80:
            return 1
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf") or 0x1160 <= cp <= 0x11FF:
        return 0
    eaw = unicodedata.east_asian_width(ch)
    if eaw in ("W", "F") or (cjk and eaw == "A"):
        return 2
    return 1


_NUMERIC_PAIRS = frozenset(
    {
        (CL, PO),
        (CP, PO),
        (CL, PR),
        (CP, PR),
        (NU, PO),
        (NU, PR),
        (PO, OP),
        (PO, OPW),
        (PO, NU),
        (PR, OP),
        (PR, OPW),
        (PR, NU),
        (HY, NU),
        (IS, NU),
        (NU, NU),
        (SY, NU),
    }
)
_HANGUL = frozenset({JL, JV, JT, H2, H3})


@functools.cache
def _pair_allows_break(before: str, after: str, before_sp: str | None) -> bool:
    """UAX #14 LB11 to LB31 for a break between ``before`` and ``after``.

    ``before_sp`` is the class before a run of spaces when ``before`` is SP.
    """
    if after == WJ or before in (WJ, GL):
        return False
    if after == GL and before not in (SP, BA, HY):
        return False
    if after in (CL, CP, EX, IS, SY):
        return False
    if before == SP:
        b = before_sp
        if b in (OP, OPW):
            return False
        if b == QU and after in (OP, OPW):
            return False
        if b in (CL, CP) and after == NS:
            return False
        return not (b == B2 and after == B2)
    if before in (OP, OPW):
        return False
    if before == QU and after in (OP, OPW):
        return False
    if before in (CL, CP) and after == NS:
        return False
    if before == B2 and after == B2:
        return False
    if after == QU or before == QU:
        return False
    if after in (BA, HY, NS) or before == BB:
        return False
    if after == IN:
        return False
    if (before in (AL, HL) and after == NU) or (before == NU and after in (AL, HL)):
        return False
    if before == PR and after in (ID, EB, EM):
        return False
    if before in (ID, EB, EM) and after == PO:
        return False
    if (before in (PR, PO) and after in (AL, HL)) or (before in (AL, HL) and after in (PR, PO)):
        return False
    if (before, after) in _NUMERIC_PAIRS:
        return False
    if before == JL and after in (JL, JV, H2, H3):
        return False
    if before in (JV, H2) and after in (JV, JT):
        return False
    if before in (JT, H3) and after == JT:
        return False
    if (before in _HANGUL and after == PO) or (before == PR and after in _HANGUL):
        return False
    if before in (AL, HL) and after in (AL, HL):
        return False
    if before in (AL, HL, NU) and after == OP:
        return False
    if before == CP and after in (AL, HL, NU):
        return False
    if before == RI and after == RI:
        return False
    return not (before == EB and after == EM)


_PAIR: dict[str, dict[str, bool]] = {}
_AFTER_SPACE: dict[str | None, dict[str, bool]] = {}


def _pair(before: str, after: str) -> bool:
    row = _PAIR.get(before)
    if row is None:
        row = _PAIR[before] = {}
    value = row.get(after)
    if value is None:
        value = row[after] = _pair_allows_break(before, after, None)
    return value


def _after_space(before_sp: str | None, after: str) -> bool:
    row = _AFTER_SPACE.get(before_sp)
    if row is None:
        row = _AFTER_SPACE[before_sp] = {}
    value = row.get(after)
    if value is None:
        value = row[after] = before_sp == ZW or _pair_allows_break(SP, after, before_sp)
    return value


def possible_breaks(classes: list[str]) -> list[bool]:
    """For each position i, whether a line may break before character i (i=0 is False)."""
    n = len(classes)
    result = [False] * n
    if n == 0:
        return result
    first = classes[0]
    prev = AL if first in (CM, ZWJ) else first  # class after LB9/LB10
    before_sp: str | None = None
    ri_run = 1 if first == RI else 0
    pair_rows = _PAIR  # _pair inlined below for the common, already-cached pairs
    for i in range(1, n):
        cls = classes[i]
        if cls == AL and prev == AL:
            # LB28, by far the most common pair: no break, and the state after an
            # AL stays as it is (before_sp None, no regional-indicator run).
            continue
        if cls in (CM, ZWJ):
            if prev != SP and prev != BK and prev != ZW:
                continue  # LB9: a combining mark belongs to its base
            cls = AL  # LB10
        if prev == BK:
            result[i] = True
        elif cls == SP:
            if prev != SP:
                before_sp = prev
            prev = cls
            ri_run = 0
            continue
        elif cls in (ZW, BK):
            pass
        elif prev == SP:
            result[i] = _after_space(before_sp, cls)
        elif prev == ZW:
            result[i] = True
        elif cls == RI and prev == RI:
            result[i] = ri_run % 2 == 0
        else:
            row = pair_rows.get(prev)
            value = None if row is None else row.get(cls)
            result[i] = _pair(prev, cls) if value is None else value
        before_sp = None
        ri_run = ri_run + 1 if cls == RI else 0
        prev = cls
    return result


# Break classes of the characters that :func:`simple_break_at` handles: all of
# ASCII, and other characters as they are met (see :func:`is_simple`).
_SIMPLE_CLASSES: dict[str, str] = {chr(c): break_class(chr(c)) for c in range(128)}
_NOT_SIMPLE: set[str] = set()
_COMPLEX_CLASSES = frozenset({CM, ZWJ, BK, ZW, RI})
# ASCII controls count 0 columns outside all-ASCII text; \n, \t and \r are written as escapes.
_ZERO_WIDTH_ASCII = frozenset(chr(c) for c in (*range(0x20), 0x7F)) - {"\n", "\t", "\r"}


def is_simple(text: str) -> bool:
    """Whether :func:`simple_break_at` and one column per character describe ``text``.

    True for ASCII text, and for text whose characters are all one column wide
    (outside CJK charsets) and of a class without context rules of its own
    (no combining marks, joiners, mandatory or zero-width breaks, regional
    indicators), such as accented letters, Cyrillic or typographic quotes.
    """
    if text.isascii():
        return True
    if not _ZERO_WIDTH_ASCII.isdisjoint(text):
        return False
    known = _SIMPLE_CLASSES
    for ch in set(text).difference(known):
        if ch in _NOT_SIMPLE:
            return False
        cls = break_class(ch)
        if cls in _COMPLEX_CLASSES or char_width(ch, False) != 1:
            _NOT_SIMPLE.add(ch)
            return False
        known[ch] = cls
    return True


def simple_break_at(text: str, i: int) -> bool:
    """``possible_breaks(classes of text)[i]`` for ``0 < i < len(text)``, ``text`` simple.

    Worked out from the characters around ``i`` alone (see :func:`is_simple`):
    the rules then need only the class before ``i`` or, after spaces, the class
    before those spaces.
    """
    classes = _SIMPLE_CLASSES
    cls = classes[text[i]]
    if cls == SP:
        return False
    prev = classes[text[i - 1]]
    if prev == SP:
        j = i - 2
        while j >= 0 and text[j] == " ":  # the only character of class SP
            j -= 1
        return _after_space(classes[text[j]] if j >= 0 else None, cls)
    if prev == AL and cls == AL:
        return False
    return _pair(prev, cls)
