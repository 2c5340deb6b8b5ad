-- Full-text search over partners (name, descriptions, vocabulary labels, countries, posts), and the
-- region of each country of work, so the directory can count partners per region in one query.

create virtual table partner_search using fts5 (body, tokenize = 'unicode61 remove_diacritics 2');

alter table organization_countries add column region text not null default '';
create index organization_countries_region on organization_countries (region);
create index organizations_joined on organizations (joined_on);
create index organizations_type on organizations (org_type);
