-- The search text is now stored with its accents folded (as the words searched for are). SQLite's index
-- folded them already (unicode61 remove_diacritics 2), so nothing changes here; the version exists so
-- that both backends keep the same numbers.
select 1;
