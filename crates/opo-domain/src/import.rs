//! Importing partners from a spreadsheet (CSV) or a JSON file: the columns a file may have, the checks
//! every row goes through (each problem reported by row and column, all at once), and the plan that says
//! what importing a valid row does to the partner it matches: create it, update some fields, or nothing.
//!
//! Decoding the file and reading logos is the application's work; everything here is pure.

use crate::countries::{COUNTRIES, CountryCode};
use crate::pages::link_kind;
use crate::partners::{NewOrganization, OrgType, OrganizationInput, PartnerStatus};
use crate::taxonomy::Term;
use crate::text::{EmailAddress, WebUrl};
use std::collections::{BTreeSet, HashMap};
use time::Date;
use time::macros::format_description;

/// A column of an import file: a CSV header, or a key of a JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Slug,
    Name,
    Website,
    ShortDescription,
    Description,
    OrganizationType,
    HqCountry,
    Countries,
    Capabilities,
    Components,
    Status,
    Joined,
    AgreementSigned,
    ContactName,
    ContactEmail,
    Links,
    Logo,
}

impl Column {
    pub const ALL: [Column; 17] = [
        Self::Slug,
        Self::Name,
        Self::Website,
        Self::ShortDescription,
        Self::Description,
        Self::OrganizationType,
        Self::HqCountry,
        Self::Countries,
        Self::Capabilities,
        Self::Components,
        Self::Status,
        Self::Joined,
        Self::AgreementSigned,
        Self::ContactName,
        Self::ContactEmail,
        Self::Links,
        Self::Logo,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Slug => "slug",
            Self::Name => "name",
            Self::Website => "website",
            Self::ShortDescription => "short_description",
            Self::Description => "description",
            Self::OrganizationType => "organization_type",
            Self::HqCountry => "hq_country",
            Self::Countries => "countries",
            Self::Capabilities => "capabilities",
            Self::Components => "components",
            Self::Status => "status",
            Self::Joined => "joined",
            Self::AgreementSigned => "agreement_signed",
            Self::ContactName => "contact_name",
            Self::ContactEmail => "contact_email",
            Self::Links => "links",
            Self::Logo => "logo",
        }
    }

    /// The column a header names, ignoring case and surrounding spaces; `roles` is another name for
    /// `capabilities`, the word the program's own pages use.
    pub fn parse(header: &str) -> Option<Self> {
        let header = header.trim().to_ascii_lowercase();
        if header == "roles" {
            return Some(Self::Capabilities);
        }
        Self::ALL.into_iter().find(|c| c.name() == header)
    }

    /// Whether the column holds several values (`;`-separated in CSV, an array in JSON).
    pub fn is_list(self) -> bool {
        matches!(self, Self::Countries | Self::Capabilities | Self::Components | Self::Links)
    }

    /// Whether every file must have the column: a partner cannot be created without these.
    pub fn is_required(self) -> bool {
        matches!(self, Self::Name | Self::ShortDescription | Self::OrganizationType)
    }
}

/// One problem with one cell (or, with an empty column, with the whole row or file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// CSV: the row as a spreadsheet numbers it (the header is row 1). JSON: the entry's position, from 1.
    /// 0 for the file as a whole.
    pub row: usize,
    pub column: String,
    pub message: String,
}

impl RowError {
    pub fn new(row: usize, column: impl Into<String>, message: impl Into<String>) -> Self {
        Self { row, column: column.into(), message: message.into() }
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.row == 0 {
            write!(f, "the file: {}", self.message)
        } else if self.column.is_empty() {
            write!(f, "row {}: {}", self.row, self.message)
        } else {
            write!(f, "row {}, column {}: {}", self.row, self.column, self.message)
        }
    }
}

/// A cell as the file holds it: text, or (JSON only) a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    List(Vec<String>),
}

/// One row of a file, before any check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawRow {
    pub row: usize,
    pub cells: Vec<(Column, Cell)>,
}

/// The configured vocabularies a row's capabilities and components must come from.
#[derive(Debug, Clone, Copy)]
pub struct Vocabularies<'a> {
    pub capabilities: &'a [Term],
    pub components: &'a [Term],
}

/// The mail point of contact a row names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedContact {
    pub name: String,
    pub email: EmailAddress,
}

/// A link of a partner's profile, its kind derived from the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedLink {
    pub kind: String,
    pub url: String,
}

/// A row that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPartner {
    pub row: usize,
    /// Whether the row named its slug; when not, it is matched by its website's host.
    pub slug_given: bool,
    pub organization: NewOrganization,
    /// The optional columns the row has. A column the file leaves out leaves the stored value alone.
    pub given: BTreeSet<Column>,
    pub capabilities: Vec<String>,
    pub components: Vec<String>,
    pub joined: Option<Date>,
    /// The day the partner agreement was signed outside the portal, to record so that the partnership
    /// is not taken for one without an agreement.
    pub agreement_signed: Option<Date>,
    pub contact: Option<ImportedContact>,
    pub links: Vec<ImportedLink>,
    /// The logo's path relative to the folder of the import file.
    pub logo: Option<String>,
}

impl ImportedPartner {
    pub fn has(&self, column: Column) -> bool {
        column.is_required() || self.given.contains(&column)
    }
}

/// The statuses a file may set. The renewal schedule sets "renewal due" and "in grace" itself.
const IMPORTABLE_STATUSES: [PartnerStatus; 5] = [
    PartnerStatus::Prospect,
    PartnerStatus::Active,
    PartnerStatus::Lapsed,
    PartnerStatus::Withdrawn,
    PartnerStatus::Ended,
];

/// Checks every row and the file as a whole (no slug twice), returning the valid rows and every problem.
pub fn check_rows(
    rows: &[RawRow],
    vocabularies: Vocabularies<'_>,
    today: Date,
) -> (Vec<ImportedPartner>, Vec<RowError>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut slugs: HashMap<String, usize> = HashMap::new();
    for raw in rows {
        match check_row(raw, vocabularies, today) {
            Ok(record) => {
                let slug = record.organization.slug.as_str().to_owned();
                if let Some(first) = slugs.get(&slug) {
                    let column = if record.slug_given { Column::Slug } else { Column::Name };
                    errors.push(RowError::new(
                        record.row,
                        column.name(),
                        format!("row {first} already imports the partner with slug \"{slug}\""),
                    ));
                } else {
                    slugs.insert(slug, record.row);
                    records.push(record);
                }
            }
            Err(mut problems) => errors.append(&mut problems),
        }
    }
    (records, errors)
}

/// Checks one row, reporting every problem at once.
pub fn check_row(raw: &RawRow, vocabularies: Vocabularies<'_>, today: Date) -> Result<ImportedPartner, Vec<RowError>> {
    let row = raw.row;
    let mut errors = Vec::new();
    let mut texts: HashMap<Column, String> = HashMap::new();
    let mut lists: HashMap<Column, Vec<String>> = HashMap::new();
    for (column, cell) in &raw.cells {
        if texts.contains_key(column) || lists.contains_key(column) {
            errors.push(RowError::new(row, column.name(), "the column appears twice"));
            continue;
        }
        match (column.is_list(), cell) {
            (true, Cell::Text(text)) => {
                lists.insert(
                    *column,
                    text.split(';').map(str::trim).filter(|v| !v.is_empty()).map(Into::into).collect(),
                );
            }
            (true, Cell::List(values)) => {
                lists.insert(
                    *column,
                    values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).map(Into::into).collect(),
                );
            }
            (false, Cell::Text(text)) => {
                texts.insert(*column, text.trim().to_owned());
            }
            (false, Cell::List(_)) => errors.push(RowError::new(row, column.name(), "expected one value, not a list")),
        }
    }
    for column in Column::ALL.into_iter().filter(|c| c.is_required()) {
        if !texts.contains_key(&column) {
            errors.push(RowError::new(row, column.name(), "this column is required"));
        }
    }
    let text = |column: Column| texts.get(&column).map(String::as_str).unwrap_or_default();
    let list = |column: Column| lists.get(&column).cloned().unwrap_or_default();

    let input = OrganizationInput {
        name: text(Column::Name).to_owned(),
        slug: text(Column::Slug).to_owned(),
        website: text(Column::Website).to_owned(),
        short_description: text(Column::ShortDescription).to_owned(),
        long_description: text(Column::Description).to_owned(),
        org_type: org_type_key(text(Column::OrganizationType)),
        hq_country: country_code(text(Column::HqCountry)),
        countries: list(Column::Countries).iter().map(|c| country_code(c)).collect(),
    };
    let status = match text(Column::Status) {
        "" => PartnerStatus::Active,
        raw => match PartnerStatus::parse(&raw.to_ascii_lowercase()) {
            Some(status) if IMPORTABLE_STATUSES.contains(&status) => status,
            Some(_) => {
                errors.push(RowError::new(row, "status", "the renewal schedule sets this status itself; use active"));
                PartnerStatus::Active
            }
            None => {
                errors.push(RowError::new(row, "status", format!("unknown status \"{raw}\"; use one of {}", keys())));
                PartnerStatus::Active
            }
        },
    };
    let organization = match input.validate(status) {
        Ok(organization) => Some(organization),
        Err(problems) => {
            for problem in problems {
                // A missing required column is already reported; its empty value would only repeat it.
                let column = column_of(problem.field);
                if column.is_none_or(|c| !c.is_required() || texts.contains_key(&c)) {
                    let message = if problem.field == "org_type" {
                        format!("unknown organization type; use one of {}", org_type_keys())
                    } else {
                        problem.message
                    };
                    errors.push(RowError::new(row, column.map_or(problem.field, Column::name), message));
                }
            }
            None
        }
    };
    let capabilities = terms(row, Column::Capabilities, &list(Column::Capabilities), vocabularies.capabilities);
    let components = terms(row, Column::Components, &list(Column::Components), vocabularies.components);
    let mut date = |column: Column| match text(column) {
        "" => None,
        raw => match Date::parse(raw, format_description!("[year]-[month]-[day]")) {
            Ok(date) if date <= today => Some(date),
            Ok(_) => {
                errors.push(RowError::new(row, column.name(), format!("{raw} is in the future")));
                None
            }
            Err(_) => {
                errors.push(RowError::new(row, column.name(), format!("\"{raw}\" is not a date written YYYY-MM-DD")));
                None
            }
        },
    };
    let joined = date(Column::Joined);
    let agreement_signed = date(Column::AgreementSigned);
    let contact = match (text(Column::ContactName), text(Column::ContactEmail)) {
        ("", "") => None,
        (_, "") => {
            errors.push(RowError::new(row, "contact_email", "a contact needs an e-mail address"));
            None
        }
        ("", _) => {
            errors.push(RowError::new(row, "contact_name", "a contact needs a name"));
            None
        }
        (name, email) => match EmailAddress::parse(email) {
            Ok(email) => Some(ImportedContact { name: name.to_owned(), email }),
            Err(e) => {
                errors.push(RowError::new(row, "contact_email", e.to_string()));
                None
            }
        },
    };
    let mut links = Vec::new();
    for url in list(Column::Links) {
        match WebUrl::parse(&url) {
            Ok(url) => links.push(ImportedLink { kind: link_kind(url.as_str()), url: url.as_str().to_owned() }),
            Err(e) => errors.push(RowError::new(row, "links", format!("\"{url}\": {e}"))),
        }
    }
    let logo = match text(Column::Logo) {
        "" => None,
        path => match check_bundle_path(path) {
            Ok(()) => Some(path.to_owned()),
            Err(message) => {
                errors.push(RowError::new(row, "logo", message));
                None
            }
        },
    };
    let (capabilities, components) = match (capabilities, components) {
        (Ok(capabilities), Ok(components)) => (capabilities, components),
        (capabilities, components) => {
            errors.extend(capabilities.err().into_iter().flatten());
            errors.extend(components.err().into_iter().flatten());
            (Vec::new(), Vec::new())
        }
    };
    match organization {
        Some(organization) if errors.is_empty() => Ok(ImportedPartner {
            row,
            slug_given: !text(Column::Slug).is_empty(),
            organization,
            given: texts.keys().chain(lists.keys()).copied().filter(|c| !c.is_required()).collect(),
            capabilities,
            components,
            joined,
            agreement_signed,
            contact,
            links,
            logo,
        }),
        _ => Err(errors),
    }
}

fn keys() -> String {
    IMPORTABLE_STATUSES.iter().map(|s| s.key()).collect::<Vec<_>>().join(", ")
}

fn org_type_keys() -> String {
    OrgType::ALL.iter().map(|t| t.key()).collect::<Vec<_>>().join(", ")
}

fn column_of(field: &str) -> Option<Column> {
    match field {
        "long_description" => Some(Column::Description),
        "org_type" => Some(Column::OrganizationType),
        other => Column::parse(other),
    }
}

/// The key of an organization type given by key or by label, in any letter case.
fn org_type_key(raw: &str) -> String {
    let raw = raw.trim();
    OrgType::ALL
        .into_iter()
        .find(|t| t.key().eq_ignore_ascii_case(raw) || t.label().eq_ignore_ascii_case(raw))
        .map_or_else(|| raw.to_owned(), |t| t.key().to_owned())
}

/// The ISO code of a country given by code or by English name; anything else is passed on for the
/// organization's own check to report.
fn country_code(raw: &str) -> String {
    let raw = raw.trim();
    if CountryCode::parse(raw).is_ok() {
        return raw.to_owned();
    }
    COUNTRIES.iter().find(|c| c.name.eq_ignore_ascii_case(raw)).map_or_else(|| raw.to_owned(), |c| c.code.to_owned())
}

/// Resolves terms given by key or label (any letter case) to their keys, without repeats.
fn terms(row: usize, column: Column, given: &[String], known: &[Term]) -> Result<Vec<String>, Vec<RowError>> {
    let mut keys = Vec::new();
    let mut errors = Vec::new();
    for raw in given {
        match known.iter().find(|t| t.key.eq_ignore_ascii_case(raw) || t.label.eq_ignore_ascii_case(raw)) {
            Some(term) if !keys.contains(&term.key) => keys.push(term.key.clone()),
            Some(_) => {}
            None => {
                let allowed = known.iter().map(|t| t.key.as_str()).collect::<Vec<_>>().join(", ");
                errors.push(RowError::new(row, column.name(), format!("unknown term \"{raw}\"; use one of {allowed}")));
            }
        }
    }
    if errors.is_empty() { Ok(keys) } else { Err(errors) }
}

/// A logo path must stay inside the import bundle: relative, without `..`.
pub fn check_bundle_path(path: &str) -> Result<(), String> {
    let absolute = path.starts_with('/') || path.starts_with('\\') || path.get(1..2) == Some(":");
    if absolute {
        return Err(format!("\"{path}\" must be relative to the folder of the import file"));
    }
    if path.split(['/', '\\']).any(|part| part == "..") {
        return Err(format!("\"{path}\" must not leave the folder of the import file (no \"..\")"));
    }
    Ok(())
}

/// How an organization already stored is found again: its id, slug and website.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingKey {
    pub id: i64,
    pub slug: String,
    pub website: Option<String>,
}

/// The host a website is matched by: lower-case, without `www.`.
pub fn site_key(url: &str) -> String {
    let host = WebUrl::parse(url).map(|u| u.host().to_ascii_lowercase()).unwrap_or_default();
    host.strip_prefix("www.").map(str::to_owned).unwrap_or(host)
}

/// Finds the stored organization a row is about: by slug when the row names one, else by its website's
/// host, else by the slug derived from its name. A row that would create a partner whose slug is taken
/// is an error.
pub fn find_existing(record: &ImportedPartner, keys: &[ExistingKey]) -> Result<Option<i64>, RowError> {
    let slug = record.organization.slug.as_str();
    let by_slug = keys.iter().find(|k| k.slug == slug).map(|k| k.id);
    if record.slug_given {
        return Ok(by_slug);
    }
    let Some(website) = &record.organization.website else { return Ok(by_slug) };
    let host = site_key(website.as_str());
    let same_site: Vec<&ExistingKey> =
        keys.iter().filter(|k| k.website.as_deref().is_some_and(|w| site_key(w) == host)).collect();
    match same_site.as_slice() {
        [one] => Ok(Some(one.id)),
        [] if by_slug.is_some() => Err(RowError::new(
            record.row,
            Column::Slug.name(),
            format!(
                "the slug \"{slug}\" belongs to a partner with another website; give the slug to update that \
                 partner, or another slug to create a new one"
            ),
        )),
        [] => Ok(None),
        several => Err(RowError::new(
            record.row,
            Column::Website.name(),
            format!(
                "{} partners have a website at {host} ({}); give the slug of the one to update",
                several.len(),
                several.iter().map(|k| k.slug.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}

/// What is stored of an organization, in the terms a row is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingPartner {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub website: Option<String>,
    pub short_description: String,
    pub long_description: String,
    pub org_type: String,
    pub hq_country: Option<String>,
    pub status: PartnerStatus,
    pub joined_on: Option<Date>,
    /// The day the latest agreement on file was signed.
    pub agreement_signed_on: Option<Date>,
    pub capabilities: Vec<String>,
    pub components: Vec<String>,
    pub countries: Vec<String>,
    pub links: Vec<ImportedLink>,
    /// The mail point of contact: name and e-mail.
    pub contact: Option<(String, String)>,
    pub logo_sha256: Option<String>,
}

/// What importing one row does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Create,
    /// The stored partner differs in these columns.
    Update {
        id: i64,
        changes: Vec<Column>,
    },
    Unchanged {
        id: i64,
    },
}

/// Compares a row with the partner it matched (if any). `logo_sha256` is the hash of the row's logo once
/// processed, which is what is stored: the same file gives the same hash, so a re-import changes nothing.
pub fn plan(record: &ImportedPartner, existing: Option<&ExistingPartner>, logo_sha256: Option<&str>) -> Outcome {
    let Some(existing) = existing else { return Outcome::Create };
    let org = &record.organization;
    let same_set = |a: &[String], b: &[String]| a.iter().collect::<BTreeSet<_>>() == b.iter().collect::<BTreeSet<_>>();
    let mut changes = Vec::new();
    let mut check = |column: Column, same: bool| {
        if record.has(column) && !same {
            changes.push(column);
        }
    };
    check(Column::Name, org.name == existing.name);
    check(Column::Website, org.website.as_ref().map(WebUrl::as_str) == existing.website.as_deref());
    check(Column::ShortDescription, org.short_description == existing.short_description);
    check(Column::Description, org.long_description == existing.long_description);
    check(Column::OrganizationType, org.org_type.key() == existing.org_type);
    check(Column::HqCountry, org.hq_country.map(|c| c.as_str()) == existing.hq_country.as_deref());
    let countries: Vec<String> = org.countries.iter().map(|c| c.as_str().to_owned()).collect();
    check(Column::Countries, same_set(&countries, &existing.countries));
    check(Column::Capabilities, same_set(&record.capabilities, &existing.capabilities));
    check(Column::Components, same_set(&record.components, &existing.components));
    check(Column::Status, same_status(existing.status, org.status));
    check(Column::Joined, record.joined == existing.joined_on);
    // An agreement is recorded when none as recent is on file; an import never removes one.
    check(
        Column::AgreementSigned,
        record.agreement_signed.is_none_or(|day| existing.agreement_signed_on.is_some_and(|on_file| on_file >= day)),
    );
    check(
        Column::ContactEmail,
        match (&record.contact, &existing.contact) {
            (Some(c), Some((name, email))) => c.name == *name && c.email.as_str().eq_ignore_ascii_case(email),
            // An empty contact cell leaves the stored contacts alone: import never removes a person.
            (None, _) => true,
            (Some(_), None) => false,
        },
    );
    check(Column::Links, record.links == existing.links);
    check(Column::Logo, logo_sha256.is_none() || logo_sha256 == existing.logo_sha256.as_deref());
    if changes.is_empty() {
        Outcome::Unchanged { id: existing.id }
    } else {
        Outcome::Update { id: existing.id, changes }
    }
}

/// Whether the stored status already says what the row says. "Active" covers an active partner whose
/// renewal is due or in grace: the renewal schedule moved it there, and a re-import must not undo that.
pub fn same_status(stored: PartnerStatus, wanted: PartnerStatus) -> bool {
    stored == wanted
        || (wanted == PartnerStatus::Active && matches!(stored, PartnerStatus::RenewalDue | PartnerStatus::InGrace))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::{Vocabulary, defaults};

    const TODAY: Date = time::macros::date!(2026 - 11 - 25);

    fn vocabularies() -> (Vec<Term>, Vec<Term>) {
        (defaults(Vocabulary::Capability), defaults(Vocabulary::Component))
    }

    fn raw(row: usize, cells: &[(Column, &str)]) -> RawRow {
        RawRow { row, cells: cells.iter().map(|(c, v)| (*c, Cell::Text((*v).to_owned()))).collect() }
    }

    fn good(row: usize) -> RawRow {
        raw(
            row,
            &[
                (Column::Name, "Kijiji Health"),
                (Column::Website, "https://www.kijiji.example/about"),
                (Column::ShortDescription, "Digital health in East Africa."),
                (Column::OrganizationType, "Non-profit organization"),
                (Column::Countries, "KE; Tanzania ;"),
                (Column::Capabilities, "research; Implementation support"),
                (Column::Joined, "2024-03-01"),
                (Column::AgreementSigned, "2024-02-20"),
                (Column::ContactName, "Amina"),
                (Column::ContactEmail, "amina@kijiji.example"),
                (Column::Links, "https://github.com/kijiji"),
                (Column::Logo, "logos/kijiji.png"),
            ],
        )
    }

    fn check(rows: &[RawRow]) -> (Vec<ImportedPartner>, Vec<RowError>) {
        let (capabilities, components) = vocabularies();
        check_rows(rows, Vocabularies { capabilities: &capabilities, components: &components }, TODAY)
    }

    fn existing(record: &ImportedPartner) -> ExistingPartner {
        let org = &record.organization;
        ExistingPartner {
            id: 7,
            slug: org.slug.as_str().to_owned(),
            name: org.name.clone(),
            website: org.website.as_ref().map(|w| w.as_str().to_owned()),
            short_description: org.short_description.clone(),
            long_description: org.long_description.clone(),
            org_type: org.org_type.key().to_owned(),
            hq_country: None,
            status: PartnerStatus::RenewalDue,
            joined_on: record.joined,
            agreement_signed_on: Some(time::macros::date!(2025 - 01 - 10)),
            capabilities: record.capabilities.iter().rev().cloned().collect(),
            components: Vec::new(),
            countries: vec!["TZ".into(), "KE".into()],
            links: record.links.clone(),
            contact: Some(("Amina".into(), "Amina@Kijiji.example".into())),
            logo_sha256: Some("abc".into()),
        }
    }

    #[test]
    fn a_good_row_resolves_labels_names_and_lists() {
        let (records, errors) = check(&[good(2)]);
        assert_eq!(errors, []);
        let record = &records[0];
        assert_eq!(record.organization.slug.as_str(), "kijiji-health");
        assert!(!record.slug_given);
        assert_eq!(record.organization.org_type, OrgType::Ngo);
        let countries: Vec<_> = record.organization.countries.iter().map(|c| c.as_str()).collect();
        assert_eq!(countries, ["KE", "TZ"]);
        assert_eq!(record.capabilities, ["research", "implementation-support"]);
        assert_eq!(record.links[0].kind, "github");
        assert!(record.has(Column::Logo) && !record.has(Column::Status) && record.has(Column::Name));
    }

    #[test]
    fn every_bad_cell_is_reported_by_row_and_column() {
        let bad = raw(
            3,
            &[
                (Column::Name, "Bad Org"),
                (Column::Website, "not a url"),
                (Column::ShortDescription, ""),
                (Column::OrganizationType, "club"),
                (Column::Countries, "KE;Atlantis"),
                (Column::Components, "client-registry;teleporter"),
                (Column::Status, "renewal-due"),
                (Column::Joined, "01/03/2024"),
                (Column::AgreementSigned, "2027-01-01"),
                (Column::ContactEmail, "amina@"),
                (Column::Logo, "../secret.png"),
            ],
        );
        let (records, errors) = check(&[good(2), bad, raw(4, &[(Column::Name, "No Columns")])]);
        assert_eq!(records.len(), 1);
        let mut found: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.column.as_str())).collect();
        found.sort();
        assert_eq!(
            found,
            [
                (3, "agreement_signed"),
                (3, "components"),
                (3, "contact_name"),
                (3, "countries"),
                (3, "joined"),
                (3, "logo"),
                (3, "organization_type"),
                (3, "short_description"),
                (3, "status"),
                (3, "website"),
                (4, "organization_type"),
                (4, "short_description"),
            ]
        );
        assert!(errors.iter().any(|e| e.message.contains("Atlantis")));
    }

    #[test]
    fn a_slug_imported_twice_is_an_error_on_the_second_row() {
        let (records, errors) = check(&[good(2), good(5)]);
        assert_eq!(records.len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].row, errors[0].column.as_str()), (5, "name"));
        assert!(errors[0].message.contains("row 2"));
    }

    #[test]
    fn rows_are_matched_by_slug_then_website_host() {
        let (records, _) = check(&[good(2)]);
        let record = &records[0];
        let keys = [
            ExistingKey { id: 1, slug: "other".into(), website: Some("http://KIJIJI.example".into()) },
            ExistingKey { id: 2, slug: "unrelated".into(), website: None },
        ];
        assert_eq!(find_existing(record, &keys), Ok(Some(1)));
        let mut named = record.clone();
        named.slug_given = true;
        assert_eq!(find_existing(&named, &keys), Ok(None), "a given slug is the only key");
        let taken =
            [ExistingKey { id: 3, slug: "kijiji-health".into(), website: Some("https://elsewhere.example".into()) }];
        assert_eq!(find_existing(record, &taken).map_err(|e| e.column), Err("slug".to_owned()));
    }

    #[test]
    fn the_plan_sees_only_real_changes() {
        let (records, _) = check(&[good(2)]);
        let record = &records[0];
        let stored = existing(record);
        assert_eq!(plan(record, Some(&stored), Some("abc")), Outcome::Unchanged { id: 7 }, "order, case, renewal-due");
        assert_eq!(plan(record, None, Some("abc")), Outcome::Create);
        let mut edited = record.clone();
        edited.organization.short_description = "Changed.".into();
        edited.capabilities.pop();
        edited.agreement_signed = Some(time::macros::date!(2025 - 06 - 01));
        assert_eq!(
            plan(&edited, Some(&stored), Some("def")),
            Outcome::Update {
                id: 7,
                changes: vec![Column::ShortDescription, Column::Capabilities, Column::AgreementSigned, Column::Logo]
            }
        );
        let mut fewer = record.clone();
        fewer.given.remove(&Column::Countries);
        let mut moved = stored.clone();
        moved.countries = vec!["FR".into()];
        assert_eq!(plan(&fewer, Some(&moved), None), Outcome::Unchanged { id: 7 }, "a column left out is left alone");
    }
}
