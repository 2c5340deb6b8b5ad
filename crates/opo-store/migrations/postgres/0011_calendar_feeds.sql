-- A personal calendar feed per staff member: its address carries a secret, kept here only as a hash.
create table calendar_feeds (
    user_id bigint primary key references users (id) on delete cascade,
    token_hash text not null,
    created_at text not null,
    constraint calendar_feeds_token_key unique (token_hash)
);
