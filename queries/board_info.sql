SELECT name, area, illustrative FROM board WHERE id = 1
