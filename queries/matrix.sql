-- The weakness BRAG at every board meeting: weaknesses down, meetings across.
SELECT bm.id AS meeting, wb.weakness, wb.brag, wb.board_rated
FROM board_meetings() bm, LATERAL (SELECT * FROM weakness_brag_at(bm.id)) wb
