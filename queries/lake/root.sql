-- Where the lake is (its folder, resolved), for lake_files and lake_index.
SET VARIABLE lake_root = $root
