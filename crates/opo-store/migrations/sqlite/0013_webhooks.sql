-- Outgoing webhooks. An endpoint is an address an admin registered for some events, with the secret its
-- deliveries are signed with (kept in clear: it is needed to sign). A delivery is one event for one
-- endpoint; each try to send it is an attempt, kept with the receiver's answer for the delivery log.
create table webhook_endpoints (
    id integer primary key,
    url text not null,
    description text not null default '',
    secret text not null,
    -- The event names subscribed to, separated by commas (`application.submitted,post.published`).
    events text not null,
    active integer not null default 1 check (active in (0, 1)),
    created_at text not null,
    created_by text not null
);

create table webhook_deliveries (
    id integer primary key,
    endpoint_id integer not null references webhook_endpoints (id) on delete cascade,
    event text not null,
    payload text not null,
    attempts integer not null default 0,
    last_status integer,
    last_error text,
    created_at text not null,
    updated_at text not null,
    delivered_at text
);
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, id);

create table webhook_attempts (
    id integer primary key,
    delivery_id integer not null references webhook_deliveries (id) on delete cascade,
    status integer,
    error text,
    duration_ms integer not null,
    at text not null
);
create index webhook_attempts_delivery on webhook_attempts (delivery_id, id);
