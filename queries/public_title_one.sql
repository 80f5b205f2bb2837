-- The neutral title chosen for publishing a confidential action arising, if any.
SELECT action, title, decided_by, decided_at FROM public_title WHERE action = $action
