"""What the browser needs to build an order (点单): the order page and a catalog digest.

The order lives in the unit's browser; the site has no server. The order page gets the
CSV format from `catalog.orders.format.ORDER_FORMAT` (one definition for writer and reader) and a
small digest of every record (kind, id, name, key facts, status) as a script file, so it
works from disk (`file://`), where pages cannot fetch JSON. An ordered record that a newer
build archived or removed is found by looking it up in the digest.
"""

from __future__ import annotations

from catalog.core.kinds import KINDS
from catalog.core.relations import Catalog
from catalog.orders.format import ORDER_FORMAT
from catalog.site.browser_data import script

DIGEST_SCRIPT = "assets/order-catalog.js"


DIGEST_FIELDS = ("name", "facts", "status")


def order_digest(catalog: Catalog) -> dict:
    """kind → id → the record's DIGEST_FIELDS (looked up by id, so not a table of rows)."""
    kinds = {
        kind: {
            record.id: [record.label, KINDS[kind].facts(record, catalog), record.status]
            for record in records.values()
        }
        for kind, records in catalog.records.items()
    }
    return {"fields": list(DIGEST_FIELDS), "kinds": kinds}


def digest_script(catalog: Catalog) -> bytes:
    return script("MENU_ORDER_DATA", {"format": ORDER_FORMAT, "records": order_digest(catalog)})
