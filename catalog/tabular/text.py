"""Text files from Windows, Excel, WPS and Notepad: one encoding detection, one set of messages.

Record files must be UTF-8 (a BOM is accepted): a GBK file is refused with a hint how to
re-save it, since an editor who saved one GBK file will save the next one the same way.
Sheets and order CSVs are read as they come: UTF-8 with or without BOM, UTF-16 ("Unicode
text"), or GB18030/GBK (the Chinese Windows default). Bytes that fit no encoding are a
problem at their line and column (in characters, as editors count), never mojibake.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.core.problems import Problem, error

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
        message = "文件里有单独的代理字符（unpaired surrogate），不是有效的 UTF-8（invalid UTF-8）"
        hint = "删除这个位置看不见的字符（常见于从其他程序复制的文字），再以 UTF-8 保存"
    elif looks_gbk:
        message = (
            "文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码"
            "（常见于 Windows 记事本、WPS 的默认保存）（file is not UTF-8）"
        )
        hint = "用记事本“另存为”并选择编码“UTF-8”，或在 VS Code 右下角点编码→“通过编码保存”→UTF-8"
    elif gbk:
        message = "文件编码无法识别，既不是 UTF-8 也不是 GBK/GB18030（unknown encoding）"
        hint = "在 Excel 或 WPS 里“另存为”，文件类型选“CSV UTF-8（逗号分隔）”"
    else:
        message = "文件不是 UTF-8 编码，编码无法识别（file is not UTF-8）"
        hint = "用记事本“另存为”并选择编码“UTF-8”，或在 VS Code 右下角点编码→“通过编码保存”→UTF-8"
    return Decoded(None, "", error(shown, line, column, "encoding", message, hint))


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
