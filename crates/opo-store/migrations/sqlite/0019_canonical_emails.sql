-- E-mail addresses in their canonical form (Unicode NFKC and full case folding, computed by the
-- service), looked up by equality instead of lower(), which folds differently in each engine (PostgreSQL
-- folds U+0130 to "i", SQLite only ASCII). Here ASCII letters are folded, the same in both engines and
-- without a clash, since lower(email) was unique already; the service folds the rest when it starts.
-- SQLite's lower() folds ASCII only, which is what is wanted here.
update users set email = lower(trim(email));
update contacts set email = lower(trim(email));
drop index users_email_key;
create unique index users_email_key on users (email);
