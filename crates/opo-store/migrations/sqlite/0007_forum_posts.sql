-- Topics to open in the community forum (Discourse), such as the announcement of a new partner: written
-- in the transaction of the change that causes them, then sent by the worker under a lease, retried with
-- growing delays, and kept with the topic they became.

create table forum_posts (
    id integer primary key,
    kind text not null,
    title text not null,
    raw text not null,
    category_id integer not null,
    status text not null check (status in ('pending', 'sent', 'failed')),
    attempts integer not null default 0,
    next_attempt_at text not null,
    locked_until text,
    topic_id integer,
    topic_url text,
    last_error text,
    sent_at text,
    created_at text not null,
    updated_at text not null
);
create index forum_posts_due on forum_posts (status, next_attempt_at);
