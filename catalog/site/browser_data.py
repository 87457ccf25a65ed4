"""Data handed to the browser's scripts: JSON that is safe inside a `.js` file or `<script>`.

Pages opened from disk (file://) cannot fetch JSON, so data reaches the scripts as small
script files that assign it (`window.NAME = …;`). The JSON is escaped by Jinja's
`htmlsafe_json_dumps` (`<`, `>`, `&`, `'` as \\u escapes), so no value can end a script.
Tables travel as `{"fields": [...], "rows": [[...], ...]}`: the scripts look each column up
by its name in `fields`, which is as small as bare arrays and says what each value is.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence

from jinja2.utils import htmlsafe_json_dumps

_dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def json_for_script(data: object) -> str:
    return str(htmlsafe_json_dumps(data, dumps=_dumps))


def script(name: str, data: object) -> bytes:
    """A script file that sets `window.<name>` to `data`."""
    return f"window.{name} = {json_for_script(data)};\n".encode()


def table(fields: Sequence[str], rows: Iterable[Sequence[object]]) -> dict:
    """Rows with named columns: {"fields": [...], "rows": [...]}."""
    return {"fields": list(fields), "rows": [list(row) for row in rows]}
