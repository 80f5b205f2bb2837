-- Record (or change) the neutral title a confidential action arising is published under.
INSERT OR REPLACE INTO public_title (action, title, decided_by, decided_at)
VALUES ($action, $title, $decided_by, $decided_at)
