"""The data layer: the DuckDB board pack, its queries and its builders. Never imports Textual."""

from boardtui.store.db import LATEST_SCHEMA, Store, open_store

__all__ = ["LATEST_SCHEMA", "Store", "open_store"]
