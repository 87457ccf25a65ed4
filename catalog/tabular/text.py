"""Text files from Windows, Excel, WPS and Notepad: one encoding detection, one set of messages.

Record files must be UTF-8 (a BOM is accepted): a GBK file is refused with a hint how to
re-save it, since an editor who saved one GBK file will save the next one the same way.
Sheets and order CSVs are read as they come: UTF-8 with or without BOM, UTF-16 ("Unicode
text"), or GB18030/GBK (the Chinese Windows default). Bytes that fit no encoding are a
problem at their line and column (in characters, as editors count), never mojibake.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.core.codes import problem
from catalog.core.problems import Problem

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Decoded:
    text: str | None  # None when the bytes fit no encoding we accept
    encoding: str = ""  # as shown to people: "UTF-8（带 BOM）", "GB18030（GBK）"…
    problem: Problem | None = None


def decode(raw: bytes, shown: str, *, gbk: bool) -> Decoded:
    """The text of a file; `gbk` says whether GB18030/UTF-16 are accepted (sheets, orders)."""
    if raw.startswith(BOM):
        body, encoding = raw[len(BOM) :], "UTF-8（带 BOM）"
    else:
        body, encoding = raw, "UTF-8"
    if gbk and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(raw.decode("utf-16"), "UTF-16")
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(body.decode("utf-8"), encoding)
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    looks_gbk = _decodes(body, "gb18030")
    if gbk and looks_gbk:
        return Decoded(body.decode("gb18030"), "GB18030（GBK）")
    line = body.count(b"\n", 0, bad_at) + 1
    line_start = body.rfind(b"\n", 0, bad_at) + 1
    column = len(body[line_start:bad_at].decode("utf-8", "replace")) + 1
    if _decodes(body, "utf-8", "surrogatepass"):
        found = problem("encoding", shown, line, column, variant="surrogate")
    elif looks_gbk:
        found = problem("encoding", shown, line, column, variant="gbk")
    elif gbk:
        found = problem("encoding", shown, line, column, variant="sheet")
    else:
        found = problem("encoding", shown, line, column)
    return Decoded(None, "", found)


def _decodes(raw: bytes, encoding: str, errors: str = "strict") -> bool:
    try:
        raw.decode(encoding, errors)
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV from its first line: comma, else tab or semicolon if they win."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","
