-- The search text is now stored with its accents folded (as the words searched for are): the index is
-- emptied here and filled again, folded, by the service when it starts (directory::index_missing).
delete from partner_search;
