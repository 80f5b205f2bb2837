-- No neutral title: the confidential action arising is left out of every public output.
DELETE FROM public_title WHERE action = $action
