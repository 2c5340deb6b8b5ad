-- Renewal of the partner agreement: a new version may have to be signed again by a date; an admin may
-- set a partnership's status by hand until a date; every change of status is kept for the timeline.

alter table agreement_templates add column resign_by text;
alter table organizations add column override_status text;
alter table organizations add column override_until text;
alter table organizations add column override_reason text not null default '';

create table partnership_status_history (
    id integer primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    from_status text not null,
    to_status text not null,
    reason text not null default '',
    actor_label text not null,
    at text not null
);
create index partnership_status_history_org on partnership_status_history (organization_id, at);
