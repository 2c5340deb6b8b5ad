-- The partnership workflow: where each application stands in every step, the committee's votes,
-- questions to the applicant, partner page versions, signature codes, API tokens, e-mail attachments.

alter table applications add column source text not null default 'form';
alter table applications add column discourse_topic_id integer;
alter table applications add column applicant_user_id integer references users (id) on delete set null;
alter table applications add column contact_name text not null default '';
alter table applications add column contact_email text not null default '';
alter table applications add column interest_message text not null default '';
alter table applications add column call_starts_at text;
alter table applications add column call_minutes integer not null default 30;
alter table applications add column call_sequence integer not null default 0;
alter table applications add column call_notes text not null default '';
alter table applications add column agreed_role text not null default '';
alter table applications add column form_json text not null default '{}';
alter table applications add column form_saved_at text;
alter table applications add column draft_reminded_at text;
alter table applications add column review_round integer not null default 1;
alter table applications add column agreement_id integer references agreements (id);
alter table applications add column decision text;
alter table applications add column overdue_notified_at text;
create unique index applications_discourse_topic on applications (discourse_topic_id) where discourse_topic_id is not null;
create index applications_applicant on applications (applicant_user_id);

create table application_events (
    id integer primary key,
    application_id integer not null references applications (id) on delete cascade,
    at text not null,
    actor_label text not null,
    kind text not null,
    note text not null default '',
    for_applicant integer not null default 1 check (for_applicant in (0, 1))
);
create index application_events_app on application_events (application_id, at);

create table votes (
    id integer primary key,
    application_id integer not null references applications (id) on delete cascade,
    round integer not null,
    user_id integer not null references users (id),
    vote text not null,
    comment text not null default '',
    created_at text not null,
    constraint votes_one_per_member unique (application_id, round, user_id)
);

create table info_requests (
    id integer primary key,
    application_id integer not null references applications (id) on delete cascade,
    question text not null,
    asked_by text not null,
    asked_at text not null,
    deadline_at text not null,
    reminded_at text,
    answer text,
    answered_at text,
    answered_by text,
    expired_at text
);
create index info_requests_open on info_requests (answered_at, expired_at, deadline_at);

create table page_revisions (
    id integer primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    application_id integer references applications (id) on delete set null,
    number integer not null,
    content_json text not null,
    note text not null default '',
    author_label text not null,
    created_at text not null,
    approved_at text,
    approved_by text,
    constraint page_revisions_number unique (organization_id, number)
);

create table page_comments (
    id integer primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    revision_number integer not null,
    author_label text not null,
    body text not null,
    created_at text not null
);
create index page_comments_org on page_comments (organization_id, created_at);

alter table agreements add column code text;
alter table agreements add column application_id integer references applications (id) on delete set null;
create unique index agreements_code on agreements (code) where code is not null;

alter table organization_logos add column fallback_png blob;

alter table outbox_emails add column attachment_name text;
alter table outbox_emails add column attachment_type text;
alter table outbox_emails add column attachment_body text;

create table api_tokens (
    id integer primary key,
    user_id integer not null references users (id) on delete cascade,
    name text not null,
    token_hash text not null,
    created_at text not null,
    last_used_at text,
    revoked_at text,
    constraint api_tokens_hash_key unique (token_hash)
);
create index api_tokens_user on api_tokens (user_id);

create table instance_secrets (
    name text primary key,
    value text not null,
    created_at text not null
);
