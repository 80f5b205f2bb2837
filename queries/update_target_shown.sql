-- The target an officer's base showed (rules.sql target_in_force, every revision it held counted).
SELECT target_in_force($target_date::DATE, $revised_target_date::DATE, $target_revised_on::DATE, 'infinity'::DATE)
    AS target
