SELECT code, short_name FROM weakness WHERE code = $code
