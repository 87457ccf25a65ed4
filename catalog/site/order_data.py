"""What the browser needs to build an order (点单): the order page and a catalog digest.

The order lives in the unit's browser; the site has no server. The order page gets the
CSV format from `catalog.orders.format.ORDER_FORMAT` (one definition for writer and reader) and a
small digest of every record (kind, id, name, key facts, status and its reason, capacity, what
it needs that cannot be ordered now) as a script file, so it
works from disk (`file://`), where pages cannot fetch JSON. An ordered record that a newer
build archived or removed is found by looking it up in the digest. The numbers of the
orders that have a published reply (回单) let the page link a unit to its reply.
"""

from __future__ import annotations

from catalog.core.kinds import KINDS
from catalog.core.models import Record
from catalog.core.relations import Catalog
from catalog.orders.format import ORDER_FORMAT
from catalog.orders.rules import held_parts
from catalog.site.browser_data import script
from catalog.site.rebuild import NO_REUSE, Reuse

DIGEST_SCRIPT = "assets/order-catalog.js"


# reason: the status's short reason; held: [kind, name, status] of what it needs that is held up
DIGEST_FIELDS = ("name", "facts", "status", "capacity", "reason", "held")


def _digest_row(record: Record, catalog: Catalog) -> list:
    declared = KINDS[record.kind]
    return [
        record.label,
        declared.facts(record, catalog),
        record.status,
        declared.capacity(record, catalog),
        record.status_reason or "",
        [list(part) for part in held_parts(record, catalog)],
    ]


def order_digest(catalog: Catalog, reuse: Reuse = NO_REUSE) -> dict:
    """kind → id → the record's DIGEST_FIELDS (looked up by id, so not a table of rows)."""
    kinds = {
        kind: {
            record.id: reuse.per_record("digest", record, _digest_row, record, catalog)
            for record in records.values()
        }
        for kind, records in catalog.records.items()
    }
    return {"fields": list(DIGEST_FIELDS), "kinds": kinds}


def digest_script(catalog: Catalog, replies: list[str] | None = None, reuse: Reuse = NO_REUSE) -> bytes:
    """The order page's data: the format and rules, the records, the numbers with a reply."""
    records = order_digest(catalog, reuse)
    data = {"format": ORDER_FORMAT, "records": records, "replies": sorted(replies or [])}
    return script("MENU_ORDER_DATA", data)
