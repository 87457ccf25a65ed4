"""What the browser needs to build an order (点单): the order page and a catalog digest.

The order lives in the unit's browser; the site has no server. The order page gets the
CSV format from `catalog.orders.ORDER_FORMAT` (one definition for writer and reader) and a
small digest of every record (kind, id, name, key facts, status) as a script file, so it
works from disk (`file://`), where pages cannot fetch JSON. An ordered record that a newer
build archived or removed is found by looking it up in the digest.
"""

from __future__ import annotations

import json

from .orders import ORDER_FORMAT
from .relations import Catalog
from .wording import record_facts

DIGEST_SCRIPT = "assets/order-catalog.js"


def order_digest(catalog: Catalog) -> dict:
    return {
        kind: {
            record.id: [record.label, record_facts(record, catalog), record.status]
            for record in records.values()
        }
        for kind, records in catalog.records.items()
    }


def _json_for_script(data: object) -> str:
    """JSON that is safe inside a <script> element or a .js file."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def digest_script(catalog: Catalog) -> bytes:
    body = _json_for_script({"format": ORDER_FORMAT, "records": order_digest(catalog)})
    return f"window.MENU_ORDER_DATA = {body};\n".encode()
