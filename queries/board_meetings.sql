-- Board meetings in order: the steps of time travel.
SELECT id, date, title, minutes_status FROM board_meetings() ORDER BY seq
