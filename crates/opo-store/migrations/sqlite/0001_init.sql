-- The whole program's tables. Timestamps are UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (sortable as text),
-- dates 'YYYY-MM-DD', flags 0/1; the same shapes as the postgres migration so one set of queries serves both.

create table organizations (
    id integer primary key,
    slug text not null,
    name text not null,
    website text,
    short_description text not null default '',
    long_description text not null default '',
    org_type text not null,
    hq_country text,
    status text not null,
    status_reason text not null default '',
    featured integer not null default 0 check (featured in (0, 1)),
    joined_on text,
    version integer not null default 1,
    created_at text not null,
    updated_at text not null,
    constraint organizations_slug_key unique (slug)
);
create index organizations_status_name on organizations (status, name);

create table organization_countries (
    organization_id integer not null references organizations (id) on delete cascade,
    country text not null,
    created_at text not null,
    primary key (organization_id, country)
);
create index organization_countries_country on organization_countries (country);

create table taxonomy_terms (
    vocabulary text not null,
    key text not null,
    label text not null,
    description text not null default '',
    position integer not null,
    created_at text not null,
    updated_at text not null,
    primary key (vocabulary, key)
);

create table organization_terms (
    organization_id integer not null references organizations (id) on delete cascade,
    vocabulary text not null,
    term_key text not null,
    created_at text not null,
    primary key (organization_id, vocabulary, term_key),
    foreign key (vocabulary, term_key) references taxonomy_terms (vocabulary, key)
);
create index organization_terms_term on organization_terms (vocabulary, term_key);

create table organization_links (
    id integer primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    kind text not null,
    url text not null,
    position integer not null,
    created_at text not null,
    updated_at text not null
);
create index organization_links_org on organization_links (organization_id, position);

create table organization_logos (
    organization_id integer primary key references organizations (id) on delete cascade,
    content_type text not null,
    data blob not null,
    sha256 text not null,
    created_at text not null,
    updated_at text not null
);

create table contacts (
    id integer primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    name text not null,
    email text not null,
    title text not null default '',
    is_mail_poc integer not null default 0 check (is_mail_poc in (0, 1)),
    created_at text not null,
    updated_at text not null
);
create index contacts_org on contacts (organization_id);
create unique index contacts_one_mail_poc on contacts (organization_id) where is_mail_poc = 1;

create table users (
    id integer primary key,
    email text not null,
    display_name text not null,
    role text not null,
    organization_id integer references organizations (id) on delete set null,
    status text not null,
    created_at text not null,
    updated_at text not null
);
create unique index users_email_key on users (lower(email));

create table applications (
    id integer primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    stage text not null,
    desired_role text not null default '',
    statement text not null default '',
    stage_entered_at text not null,
    submitted_at text,
    decided_at text,
    decision_reason text not null default '',
    version integer not null default 1,
    created_at text not null,
    updated_at text not null
);
create index applications_stage on applications (stage, stage_entered_at);
create index applications_org on applications (organization_id);

create table agreement_templates (
    id integer primary key,
    version text not null,
    title text not null,
    body text not null,
    published_at text not null,
    created_at text not null,
    updated_at text not null,
    constraint agreement_templates_version_key unique (version)
);

create table agreements (
    id integer primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    template_id integer not null references agreement_templates (id),
    text_sha256 text not null,
    signer_name text not null,
    signer_title text not null default '',
    signer_email text not null,
    auth_method text not null,
    ip text not null default '',
    user_agent text not null default '',
    signed_at text not null,
    expires_on text not null,
    created_at text not null,
    updated_at text not null
);
create index agreements_org on agreements (organization_id, signed_at);
create index agreements_expiry on agreements (expires_on);

create table posts (
    id integer primary key,
    slug text not null,
    kind text not null,
    status text not null,
    title text not null,
    summary text not null default '',
    body text not null default '',
    event_starts_at text,
    event_timezone text,
    join_url text,
    published_at text,
    author_user_id integer references users (id) on delete set null,
    version integer not null default 1,
    created_at text not null,
    updated_at text not null,
    constraint posts_slug_key unique (slug)
);
create index posts_published on posts (status, published_at);

create table post_partners (
    post_id integer not null references posts (id) on delete cascade,
    organization_id integer not null references organizations (id) on delete cascade,
    created_at text not null,
    primary key (post_id, organization_id)
);
create index post_partners_org on post_partners (organization_id);

create table post_countries (
    post_id integer not null references posts (id) on delete cascade,
    country text not null,
    created_at text not null,
    primary key (post_id, country)
);

create table checkins (
    id integer primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    due_on text not null,
    assignee_user_id integer references users (id) on delete set null,
    status text not null,
    completed_at text,
    notes text not null default '',
    created_at text not null,
    updated_at text not null
);
create index checkins_due on checkins (status, due_on);

create table audit_log (
    id integer primary key,
    at text not null,
    actor_user_id integer references users (id) on delete set null,
    actor_label text not null,
    action text not null,
    subject_type text not null,
    subject_id text not null,
    ip text not null default '',
    before_json text,
    after_json text,
    created_at text not null
);
create index audit_log_at on audit_log (at);
create index audit_log_subject on audit_log (subject_type, subject_id);

create table jobs (
    id integer primary key,
    kind text not null,
    payload text not null default '{}',
    dedupe_key text,
    status text not null,
    run_at text not null,
    attempts integer not null default 0,
    max_attempts integer not null default 10,
    locked_until text,
    locked_by text,
    last_error text,
    created_at text not null,
    updated_at text not null
);
create unique index jobs_dedupe_key on jobs (dedupe_key) where dedupe_key is not null;
create index jobs_due on jobs (status, run_at);

create table outbox_emails (
    id integer primary key,
    to_address text not null,
    subject text not null,
    body_text text not null,
    body_html text,
    status text not null,
    attempts integer not null default 0,
    next_attempt_at text not null,
    sent_at text,
    last_error text,
    created_at text not null,
    updated_at text not null
);
create index outbox_emails_due on outbox_emails (status, next_attempt_at);
