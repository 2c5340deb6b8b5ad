-- Sign-in: passwords (optional), single-use sign-in links, server-side sessions, shared rate-limit counters.

alter table users add column password_hash text;
alter table users add column last_sign_in_at text;

create table sessions (
    id integer primary key,
    token_hash text not null,
    user_id integer not null references users (id) on delete cascade,
    ip text not null default '',
    user_agent text not null default '',
    last_seen_at text not null,
    expires_at text not null,
    created_at text not null,
    updated_at text not null,
    constraint sessions_token_hash_key unique (token_hash)
);
create index sessions_user on sessions (user_id);

create table login_tokens (
    id integer primary key,
    token_hash text not null,
    user_id integer not null references users (id) on delete cascade,
    purpose text not null,
    expires_at text not null,
    used_at text,
    created_at text not null,
    updated_at text not null,
    constraint login_tokens_token_hash_key unique (token_hash)
);
create index login_tokens_user on login_tokens (user_id);

create table rate_limits (
    scope text not null,
    key text not null,
    window_start text not null,
    hits integer not null,
    created_at text not null,
    updated_at text not null,
    primary key (scope, key, window_start)
);

alter table outbox_emails add column kind text not null default '';
alter table outbox_emails add column file_path text;
alter table outbox_emails add column locked_until text;
