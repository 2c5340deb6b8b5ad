-- The landing page and the calendar ask for the next events of one kind: without this index a site
-- with many posts reads all its published posts to find the few still to come.
create index posts_upcoming on posts (kind, status, event_starts_at);
