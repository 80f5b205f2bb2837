-- Run straight after work over the whole pack (then queries/app_memory_limit.sql again): DuckDB
-- keeps what its buffer pool has used, up to its limit, outside the C allocator (malloc_trim does
-- not reach it); lowering the limit is what hands it back. After the publication review at 1,000
-- areas, a script's memory went from 265 to 200 MB. The screens' next reads fetch their blocks
-- again from the file (the OS keeps it cached).
SET memory_limit = '48MB'
