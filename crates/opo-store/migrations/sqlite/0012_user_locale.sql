-- The language each person's e-mails are written in (en, fr, es, pt).
alter table users add column locale text not null default 'en';
