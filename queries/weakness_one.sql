SELECT code, short_name, title, theme FROM weakness WHERE code = $code
