-- Annual check-ins: one per organization and anniversary, assigned to a member of staff; the partner's
-- answers to the questionnaire (JSON), the notes of the conversation and its outcome, the page version
-- the answers opened, and when an overdue check-in was escalated.

alter table checkins add column answers_json text;
alter table checkins add column answered_at text;
alter table checkins add column answered_by text;
alter table checkins add column outcome text not null default '';
alter table checkins add column page_revision bigint;
alter table checkins add column escalated_at text;
alter table checkins add column assigned_at text;

create unique index checkins_one_per_year on checkins (organization_id, due_on);
create index checkins_assignee on checkins (assignee_user_id, status);
