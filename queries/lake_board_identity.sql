-- The board a loaded snapshot is of (lake add): its pack id, name and area.
SELECT pack_id, name, area FROM board
