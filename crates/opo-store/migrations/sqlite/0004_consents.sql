-- Consent of a partner to be featured in showcase posts: who gave it, when, for which kinds of post,
-- and when it was withdrawn. A post that features a partner is published only while consent is in force.

create table consents (
    id integer primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    scope text not null,
    given_by text not null,
    given_at text not null,
    withdrawn_at text,
    withdrawn_by text,
    created_at text not null,
    updated_at text not null
);
create index consents_org on consents (organization_id);

alter table posts add column organization_id integer references organizations (id) on delete set null;
