-- E-mail addresses in their canonical form (Unicode NFKC and full case folding, computed by the
-- service), looked up by equality instead of lower(), which folds differently in each engine (PostgreSQL
-- folds U+0130 to "i", SQLite only ASCII). Here ASCII letters are folded, the same in both engines and
-- without a clash, since lower(email) was unique already; the service folds the rest when it starts.
update users set email = translate(trim(email), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
update contacts set email = translate(trim(email), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
drop index users_email_key;
create unique index users_email_key on users (email);
