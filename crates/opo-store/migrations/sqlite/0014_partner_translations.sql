-- A partner's short description and description in the site's other languages; the organization's own
-- text stays the original that visitors see when no translation exists.
create table partner_translations (
    organization_id integer not null references organizations (id) on delete cascade,
    locale text not null check (locale in ('en', 'fr', 'es', 'pt')),
    short_description text not null default '',
    description text not null default '',
    updated_at text not null,
    updated_by text not null default '',
    primary key (organization_id, locale)
);
