-- The generation of everything the public site shows: one row, bumped in the same transaction as any
-- change visible to the public, so a cache of rendered pages knows exactly when it went stale.
create table site_generation (
    id integer primary key check (id = 1),
    generation bigint not null,
    changed_at text not null
);
insert into site_generation (id, generation, changed_at) values (1, 1, '1970-01-01T00:00:00.000000Z');

-- The directory sorted by newest lists only listed partners: the status filter and the sort in one index.
create index organizations_status_joined on organizations (status, joined_on);
-- The region filter looks partners up by region, then needs only their id.
create index organization_countries_region_org on organization_countries (region, organization_id);
