-- Contacts are people: each row ties an account to an organization with the roles it holds there
-- (primary contact, mail point of contact, agreement signer, communications). Existing contacts are
-- given accounts, and accounts tied to an organization become its contacts, so no one loses access or mail.

alter table contacts add column user_id integer references users (id) on delete cascade;
alter table contacts add column is_primary integer not null default 0 check (is_primary in (0, 1));
alter table contacts add column is_signer integer not null default 0 check (is_signer in (0, 1));
alter table contacts add column is_communications integer not null default 0 check (is_communications in (0, 1));

-- An organization created by an expression of interest that resembles an existing one.
alter table organizations add column resembles_organization_id integer references organizations (id) on delete set null;

update contacts set user_id = (select u.id from users u where lower(u.email) = lower(contacts.email));

insert into users (email, display_name, role, organization_id, status, created_at, updated_at)
select c.email, c.name, 'partner', c.organization_id, 'active', c.created_at, c.created_at
from contacts c
where c.user_id is null
  and c.id = (select min(c2.id) from contacts c2 where lower(c2.email) = lower(c.email));

update contacts set user_id = (select u.id from users u where lower(u.email) = lower(contacts.email))
where user_id is null;

insert into contacts (organization_id, name, email, title, is_mail_poc, user_id, created_at, updated_at)
select u.organization_id, u.display_name, u.email, '', 0, u.id, u.created_at, u.updated_at
from users u
where u.role = 'partner' and u.organization_id is not null
  and not exists (select 1 from contacts c where c.organization_id = u.organization_id and c.user_id = u.id);

-- One row per person and organization: keep the mail point of contact's row, else the oldest.
delete from contacts where exists (
    select 1 from contacts c2
    where c2.organization_id = contacts.organization_id and c2.user_id = contacts.user_id
      and (c2.is_mail_poc > contacts.is_mail_poc or (c2.is_mail_poc = contacts.is_mail_poc and c2.id < contacts.id))
);

-- The person who applied speaks for the organization; else its oldest contact.
update contacts set is_primary = 1 where id = coalesce(
    (select min(c2.id) from contacts c2 join applications a on a.applicant_user_id = c2.user_id
     where c2.organization_id = contacts.organization_id and a.organization_id = contacts.organization_id),
    (select min(c3.id) from contacts c3 where c3.organization_id = contacts.organization_id));

update contacts set is_signer = 1 where exists (
    select 1 from agreements g where g.organization_id = contacts.organization_id
    and lower(g.signer_email) = lower(contacts.email));

create unique index contacts_org_user on contacts (organization_id, user_id);
create index contacts_user on contacts (user_id);
