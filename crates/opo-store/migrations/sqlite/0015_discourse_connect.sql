-- The nonces of sign-ins through the forum (DiscourseConnect): stored as hashes, each usable once and
-- only until it expires, so a forum answer cannot be replayed.
create table discourse_connect_nonces (
    nonce_hash text primary key,
    created_at text not null,
    expires_at text not null,
    used_at text
);
create index discourse_connect_nonces_expires on discourse_connect_nonces (expires_at);
