-- What a partner does in a country of work: the country implementation activities its profile shares.

create table country_activities (
    id integer primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    country text not null,
    title text not null,
    description text not null default '',
    url text,
    created_at text not null,
    updated_at text not null
);
create index country_activities_org on country_activities (organization_id, country);
