-- A lake read as a pack (store/lake_views.py): one view per table, with the pack's columns, over
-- the Parquet files of the boards in the query's scope (lake_files, a list made from variables
-- bound as parameters: no path is written into SQL). Ids are made unique across boards by the
-- board's key (B0007-W09, B0007-APP-09.3, B0007-M19); each row keeps its board (the pack id).
-- weakness and meeting read the lake's index (every board in one file).
CREATE VIEW board AS SELECT * FROM read_parquet(lake_files('board'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW rag_definition AS SELECT * FROM read_parquet(lake_files('rag_definition'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW glossary AS SELECT * FROM read_parquet(lake_files('glossary'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW weakness AS
    SELECT * EXCLUDE (lake_key, lake_area, lake_rank)
             REPLACE (lake_key || '-' || code AS code, lake_area || ': ' || short_name AS short_name,
                      lake_rank * 100000 + display_order AS display_order)
    FROM read_parquet(lake_index('weakness'));
CREATE VIEW meeting AS
    SELECT * EXCLUDE (id, approved_at_meeting, lake_key, lake_area, lake_rank), lake_key || '-' || id AS id,
           lake_key || '-' || approved_at_meeting AS approved_at
    FROM read_parquet(lake_index('meeting'));
CREATE VIEW plan AS
    SELECT * REPLACE (lake_id(board, code) AS code)
    FROM read_parquet(lake_files('plan'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW action AS
    SELECT * REPLACE (lake_id(board, id) AS id, lake_id(board, weakness) AS weakness, lake_id(board, plan) AS plan,
                      lake_id(board, carried_forward_from) AS carried_forward_from)
    FROM read_parquet(lake_files('action'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW judgement AS
    SELECT * REPLACE (lake_id(board, weakness) AS weakness)
    FROM read_parquet(lake_files('judgement'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW rag_rating AS
    SELECT * REPLACE (lake_id(board, action) AS action, lake_id(board, meeting) AS meeting)
    FROM read_parquet(lake_files('rag_rating'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW weakness_rating AS
    SELECT * REPLACE (lake_id(board, weakness) AS weakness, lake_id(board, meeting) AS meeting)
    FROM read_parquet(lake_files('weakness_rating'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW attendance AS
    SELECT * REPLACE (lake_id(board, meeting) AS meeting)
    FROM read_parquet(lake_files('attendance'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW minute_item AS
    SELECT * REPLACE (lake_id(board, meeting) AS meeting, lake_id(board, weakness) AS weakness,
                      lake_id(board, action) AS action)
    FROM read_parquet(lake_files('minute_item'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW evidence AS
    SELECT * REPLACE (lake_id(board, action) AS action)
    FROM read_parquet(lake_files('evidence'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW measure AS
    SELECT * REPLACE (lake_id(board, code) AS code, lake_id(board, weakness) AS weakness)
    FROM read_parquet(lake_files('measure'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW measure_value AS
    SELECT * REPLACE (lake_id(board, measure) AS measure)
    FROM read_parquet(lake_files('measure_value'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW officer_update AS
    SELECT * REPLACE (lake_id(board, action) AS action, lake_id(board, for_meeting) AS for_meeting)
    FROM read_parquet(lake_files('officer_update'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW audit_log AS
    SELECT * FROM read_parquet(lake_files('audit_log'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW publication_decision AS
    SELECT * FROM read_parquet(lake_files('publication_decision'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW public_title AS
    SELECT * REPLACE (lake_id(board, action) AS action)
    FROM read_parquet(lake_files('public_title'), hive_partitioning = true, hive_types = {'board': VARCHAR});
CREATE VIEW action_as_at AS
    SELECT * REPLACE (lake_id(board, meeting) AS meeting, lake_id(board, weakness) AS weakness,
                      lake_id(board, action) AS action, lake_id(board, plan) AS plan)
    FROM read_parquet(lake_files('action_as_at'), hive_partitioning = true, hive_types = {'board': VARCHAR});
