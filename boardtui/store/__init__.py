"""The data layer: the DuckDB board pack, its queries and its builders. Never imports Textual.

Import from the submodules (``boardtui.store.db`` …): this package imports nothing itself, so
reading a config file does not pull in DuckDB on the way.
"""
