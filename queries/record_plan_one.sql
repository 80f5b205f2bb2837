SELECT code FROM plan WHERE code = $code
