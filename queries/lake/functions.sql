-- Installed on every cursor of a lake before queries/macros.sql (store/lake_views.py): the files
-- of the boards in the query's scope, and ids made unique by the board's key.

-- Each table's file of every board in scope (lake_scope, a list of pack ids), and the lake's index.
CREATE OR REPLACE TEMP MACRO lake_files(t) AS
    list_transform(map_keys(getvariable('lake_scope')),
                   lambda b: getvariable('lake_root') || '/' || t || '/board=' || b || '/part-0.parquet');
CREATE OR REPLACE TEMP MACRO lake_index(t) AS getvariable('lake_root') || '/_index/' || t || '.parquet';
CREATE OR REPLACE TEMP MACRO lake_id(board, id) AS getvariable('lake_scope')[board] || '-' || id;

