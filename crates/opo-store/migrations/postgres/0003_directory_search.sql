-- Full-text search over partners (name, descriptions, vocabulary labels, countries, posts), and the
-- region of each country of work, so the directory can count partners per region in one query.

create table partner_search (
    organization_id bigint primary key references organizations (id) on delete cascade,
    body text not null,
    document tsvector generated always as (to_tsvector('simple', body)) stored
);
create index partner_search_document on partner_search using gin (document);

alter table organization_countries add column region text not null default '';
create index organization_countries_region on organization_countries (region);
create index organizations_joined on organizations (joined_on);
create index organizations_type on organizations (org_type);
