//! Importing partners from a CSV or JSON file and the logos beside it (the "bundle"): the file is decoded,
//! every row checked by the domain, every logo put through the upload pipeline, and the plan (create,
//! update or leave each partner) applied in one transaction, or only reported in a dry run. A file with
//! any problem writes nothing.

mod decode;

use crate::logos::{self, ProcessedLogo};
use crate::{Actor, App, AppError};
pub use decode::{Format, decode};
use opo_domain::import::{
    self as domain, Cell, Column, ExistingPartner, ImportedLink, ImportedPartner, Outcome, RowError,
};
use opo_domain::partners::{NewOrganization, PartnerStatus};
use opo_domain::taxonomy::Vocabulary;
use opo_store::partners::{self as store, Link, Logo, NewContact};
use opo_store::renewals::{self as status_store, Change};
use opo_store::{StoreError, Tx, audit, directory, taxonomy};
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// Why an import could not even be checked.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot tell the format of {} from its name; give the format (csv or json)", .0.display())]
    UnknownFormat(PathBuf),
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<StoreError> for ImportError {
    fn from(err: StoreError) -> Self {
        Self::App(err.into())
    }
}

/// Where a long import has got to, for a progress bar.
pub trait Progress: Send + Sync {
    /// A phase of `steps` steps begins.
    fn phase(&self, message: &'static str, steps: u64);
    /// One step of the current phase is done.
    fn step(&self);
}

/// For callers that show no progress.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn phase(&self, _: &'static str, _: u64) {}
    fn step(&self) {}
}

/// What to import, and whether to write it.
#[derive(Debug, Clone)]
pub struct Request {
    pub file: PathBuf,
    /// `None`: from the file's extension.
    pub format: Option<Format>,
    pub dry_run: bool,
}

/// What importing one row does (or, in a dry run or with errors, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    pub row: usize,
    pub slug: String,
    pub outcome: Outcome,
}

/// The answer to an import: every problem, the plan for every valid row, and whether it was written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub errors: Vec<RowError>,
    pub rows: Vec<PlannedRow>,
    pub written: bool,
}

impl Report {
    pub fn created(&self) -> usize {
        self.rows.iter().filter(|r| r.outcome == Outcome::Create).count()
    }

    pub fn updated(&self) -> usize {
        self.rows.iter().filter(|r| matches!(r.outcome, Outcome::Update { .. })).count()
    }

    pub fn unchanged(&self) -> usize {
        self.rows.iter().filter(|r| matches!(r.outcome, Outcome::Unchanged { .. })).count()
    }
}

/// Who an import's changes are recorded as.
pub fn actor() -> Actor {
    Actor { user_id: None, label: "import".to_owned(), ip: String::new() }
}

/// A row ready to apply: the record, its processed logo, and the partner it matched.
struct Planned {
    record: ImportedPartner,
    logo: Option<ProcessedLogo>,
    existing: Option<Stored>,
    outcome: Outcome,
}

/// A stored partner as compared, with what an update needs beyond the comparison.
struct Stored {
    partner: ExistingPartner,
    contact_title: String,
}

/// Imports the partners of a file. Problems are reported in the `Report`, not as an error: an error means
/// the file could not be read or the database failed.
pub async fn partners(app: &App, request: &Request, progress: &dyn Progress) -> Result<Report, ImportError> {
    let format = match request.format {
        Some(format) => format,
        None => Format::from_path(&request.file).ok_or_else(|| ImportError::UnknownFormat(request.file.clone()))?,
    };
    let bytes =
        std::fs::read(&request.file).map_err(|source| ImportError::Read { path: request.file.clone(), source })?;
    // A bare file name has the empty path as its parent: the current folder.
    let bundle = match request.file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (rows, mut errors) = decode(&bytes, format);

    let (capabilities, components) = {
        let mut conn = app.db.read().await?;
        (
            taxonomy::list(&mut conn, Vocabulary::Capability).await?,
            taxonomy::list(&mut conn, Vocabulary::Component).await?,
        )
    };
    let vocabularies = domain::Vocabularies { capabilities: &capabilities, components: &components };
    let (records, mut problems) = domain::check_rows(&rows, vocabularies, app.clock.now().date());
    errors.append(&mut problems);

    // Every row's logo is checked, even in a row with other problems, so that one run reports them all.
    // Logos are processed before the transaction opens, so that the transaction holds only quick writes.
    let logo_cells: Vec<(usize, &str)> = rows
        .iter()
        .filter_map(|raw| {
            raw.cells.iter().find_map(|(column, cell)| match (column, cell) {
                (Column::Logo, Cell::Text(path)) if domain::check_bundle_path(path.trim()).is_ok() => {
                    Some((raw.row, path.trim())).filter(|(_, p)| !p.is_empty())
                }
                _ => None,
            })
        })
        .collect();
    progress.phase("Checking logos", logo_cells.len() as u64);
    let mut processed: HashMap<&str, Result<ProcessedLogo, String>> = HashMap::new();
    let mut logos: HashMap<usize, ProcessedLogo> = HashMap::new();
    for (row, path) in logo_cells {
        match processed.entry(path).or_insert_with(|| read_logo(&bundle, path)) {
            Ok(logo) => {
                logos.insert(row, logo.clone());
            }
            Err(message) => errors.push(RowError::new(row, Column::Logo.name(), message.clone())),
        }
        progress.step();
    }
    let mut checked: Vec<(ImportedPartner, Option<ProcessedLogo>)> = Vec::with_capacity(records.len());
    for record in records {
        let logo = logos.remove(&record.row);
        // A row whose logo was refused is reported above and left out of the plan.
        if record.logo.is_none() || logo.is_some() {
            checked.push((record, logo));
        }
    }

    // The plan is made inside the transaction that applies it, so that it is applied to what it saw.
    let mut tx = app.db.begin().await?;
    let planned = plan(&mut tx, checked, &mut errors, progress).await?;
    let mut report = Report {
        rows: planned
            .iter()
            .map(|p| PlannedRow {
                row: p.record.row,
                slug: p.existing.as_ref().map_or(p.record.organization.slug.as_str(), |e| &e.partner.slug).to_owned(),
                outcome: p.outcome.clone(),
            })
            .collect(),
        errors,
        written: false,
    };
    report.errors.sort_by_key(|e| e.row);
    if request.dry_run || !report.errors.is_empty() {
        tx.rollback().await.map_err(StoreError::from)?;
        return Ok(report);
    }
    // One transaction for the whole file: an import is all or nothing, so a failure half-way leaves the
    // directory as it was and running the file again is always safe. A program's partner list is
    // hundreds of rows, not millions, and the logos are already processed, so the transaction stays short.
    let now = app.clock.now();
    let actor = actor();
    let changing = planned.iter().filter(|p| !matches!(p.outcome, Outcome::Unchanged { .. })).count();
    progress.phase("Importing partners", changing as u64);
    for p in &planned {
        match (&p.outcome, &p.existing) {
            (Outcome::Create, _) => create(&mut tx, p, &actor, now).await?,
            (Outcome::Update { changes, .. }, Some(stored)) => update(&mut tx, p, stored, changes, &actor, now).await?,
            _ => continue,
        }
        progress.step();
    }
    tx.commit().await.map_err(StoreError::from)?;
    report.written = true;
    Ok(report)
}

fn read_logo(bundle: &Path, relative: &str) -> Result<ProcessedLogo, String> {
    let path = bundle.join(relative);
    let missing = || format!("there is no file {relative} in the folder of the import file");
    let (Ok(root), Ok(real)) = (bundle.canonicalize(), path.canonicalize()) else { return Err(missing()) };
    // A symbolic link could still lead out of the bundle.
    if !real.starts_with(&root) {
        return Err(format!("{relative} leads out of the folder of the import file"));
    }
    let size = std::fs::metadata(&real).map_err(|_| missing())?.len();
    if size > logos::MAX_BYTES as u64 {
        return Err(format!("{relative} is larger than the 2 MB a logo may be"));
    }
    let bytes = std::fs::read(&real).map_err(|e| format!("cannot read {relative}: {e}"))?;
    logos::process(&bytes, relative).map_err(|e| e.to_string())
}

async fn plan(
    tx: &mut Tx,
    checked: Vec<(ImportedPartner, Option<ProcessedLogo>)>,
    errors: &mut Vec<RowError>,
    progress: &dyn Progress,
) -> Result<Vec<Planned>, ImportError> {
    progress.phase("Comparing with the directory", checked.len() as u64);
    let keys = opo_store::import::keys(tx).await?;
    let mut claimed: HashMap<i64, usize> = HashMap::new();
    let mut planned = Vec::with_capacity(checked.len());
    for (record, logo) in checked {
        progress.step();
        let found = match domain::find_existing(&record, &keys) {
            Ok(found) => found,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let existing = match found {
            Some(id) => {
                if let Some(first) = claimed.insert(id, record.row) {
                    let slug = keys.iter().find(|k| k.id == id).map_or("", |k| k.slug.as_str());
                    let column = if record.slug_given { Column::Slug } else { Column::Website };
                    errors.push(RowError::new(
                        record.row,
                        column.name(),
                        format!("row {first} already imports the partner {slug}"),
                    ));
                    continue;
                }
                Some(stored(tx, id, &keys).await?)
            }
            None => None,
        };
        let outcome =
            domain::plan(&record, existing.as_ref().map(|s| &s.partner), logo.as_ref().map(|l| l.sha256.as_str()));
        planned.push(Planned { record, logo, existing, outcome });
    }
    Ok(planned)
}

async fn stored(tx: &mut Tx, id: i64, keys: &[domain::ExistingKey]) -> Result<Stored, ImportError> {
    let slug = keys.iter().find(|k| k.id == id).map(|k| k.slug.clone()).unwrap_or_default();
    let profile = store::find_profile(tx, &slug).await?.ok_or(AppError::NotFound("organization"))?;
    let contact = opo_store::contacts::of_organization(tx, id).await?.into_iter().find(|c| c.roles.mail_poc);
    let logo = store::logo_of(tx, id).await?;
    let agreement = opo_store::agreements::latest_for(tx, id).await?;
    Ok(Stored {
        contact_title: contact.as_ref().map(|c| c.title.clone()).unwrap_or_default(),
        partner: ExistingPartner {
            id,
            slug: profile.card.slug,
            name: profile.card.name,
            website: profile.website,
            short_description: profile.card.short_description,
            long_description: profile.long_description,
            org_type: profile.card.org_type,
            hq_country: profile.card.hq_country,
            status: profile.card.status,
            joined_on: profile.card.joined_on,
            agreement_signed_on: agreement.map(|a| a.signed_at.date()),
            capabilities: profile.card.capabilities,
            components: profile.components,
            countries: profile.countries,
            links: profile.links.into_iter().map(|l| ImportedLink { kind: l.kind, url: l.url }).collect(),
            contact: contact.map(|c| (c.name, c.email)),
            logo_sha256: logo.map(|l| l.sha256),
        },
    })
}

fn stored_logo(logo: &ProcessedLogo) -> Logo {
    Logo {
        content_type: logo.content_type.to_owned(),
        data: logo.data.clone(),
        sha256: logo.sha256.clone(),
        fallback_png: logo.fallback_png.clone(),
    }
}

async fn create(tx: &mut Tx, p: &Planned, actor: &Actor, now: OffsetDateTime) -> Result<(), ImportError> {
    let record = &p.record;
    let id = store::insert(tx, &record.organization, record.joined, now).await?;
    set_lists(tx, id, record, now).await?;
    if let Some(logo) = &p.logo {
        store::set_logo(tx, id, &stored_logo(logo), now).await?;
    }
    if let Some(contact) = &record.contact {
        let contact = NewContact {
            name: contact.name.clone(),
            email: contact.email.as_str().to_owned(),
            title: String::new(),
            is_mail_poc: true,
        };
        store::add_contact(tx, id, &contact, now).await?;
    }
    if let Some(day) = record.agreement_signed {
        record_agreement(tx, id, record, day, now).await?;
    }
    directory::reindex(tx, id).await?;
    let mut entry = actor.entry("partner.imported", "organization", id);
    entry.after_json =
        Some(json!({ "row": record.row, "slug": record.organization.slug.as_str(), "created": true }).to_string());
    audit::record(tx, &entry, now).await?;
    Ok(())
}

/// Sets the countries, terms and links of a new partner.
async fn set_lists(tx: &mut Tx, id: i64, record: &ImportedPartner, now: OffsetDateTime) -> Result<(), StoreError> {
    let capabilities: Vec<&str> = record.capabilities.iter().map(String::as_str).collect();
    let components: Vec<&str> = record.components.iter().map(String::as_str).collect();
    store::set_terms(tx, id, Vocabulary::Capability, &capabilities, now).await?;
    store::set_terms(tx, id, Vocabulary::Component, &components, now).await?;
    for link in &record.links {
        store::add_link(tx, id, &Link { kind: link.kind.clone(), url: link.url.clone() }, now).await?;
    }
    Ok(())
}

async fn update(
    tx: &mut Tx,
    p: &Planned,
    stored: &Stored,
    changes: &[Column],
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<(), ImportError> {
    let record = &p.record;
    let old = &stored.partner;
    let id = old.id;
    let details = merged(record, old)?;
    let joined = if record.has(Column::Joined) { record.joined } else { old.joined_on };
    opo_store::import::update_details(tx, id, &details, joined, now).await?;
    for column in changes {
        match column {
            Column::Countries => store::set_countries(tx, id, &details.countries, now).await?,
            Column::Capabilities => {
                let keys: Vec<&str> = record.capabilities.iter().map(String::as_str).collect();
                store::set_terms(tx, id, Vocabulary::Capability, &keys, now).await?;
            }
            Column::Components => {
                let keys: Vec<&str> = record.components.iter().map(String::as_str).collect();
                store::set_terms(tx, id, Vocabulary::Component, &keys, now).await?;
            }
            Column::Links => {
                store::clear_links(tx, id).await?;
                for link in &record.links {
                    store::add_link(tx, id, &Link { kind: link.kind.clone(), url: link.url.clone() }, now).await?;
                }
            }
            Column::Logo => {
                if let Some(logo) = &p.logo {
                    store::set_logo(tx, id, &stored_logo(logo), now).await?;
                }
            }
            Column::ContactEmail => {
                if let Some(contact) = &record.contact {
                    let same_person =
                        old.contact.as_ref().is_some_and(|(_, e)| e.eq_ignore_ascii_case(contact.email.as_str()));
                    let contact = NewContact {
                        name: contact.name.clone(),
                        email: contact.email.as_str().to_owned(),
                        title: if same_person { stored.contact_title.clone() } else { String::new() },
                        is_mail_poc: true,
                    };
                    store::add_contact(tx, id, &contact, now).await?;
                }
            }
            Column::AgreementSigned => {
                if let Some(day) = record.agreement_signed {
                    record_agreement(tx, id, record, day, now).await?;
                }
            }
            Column::Status => change_status(tx, id, old.status, record.organization.status, actor, now).await?,
            _ => {}
        }
    }
    directory::reindex(tx, id).await?;
    let names: Vec<&str> = changes.iter().map(|c| c.name()).collect();
    let mut entry = actor.entry("partner.import_updated", "organization", id);
    entry.after_json = Some(json!({ "row": record.row, "slug": old.slug, "changed": names }).to_string());
    audit::record(tx, &entry, now).await?;
    Ok(())
}

/// The row's values, with the stored ones for the optional columns the file leaves out.
fn merged(record: &ImportedPartner, old: &ExistingPartner) -> Result<NewOrganization, ImportError> {
    let mut org = record.organization.clone();
    let corrupt = |what: &str| ImportError::from(StoreError::Corrupt(format!("stored {what} of {}", old.slug)));
    if !record.has(Column::Website) {
        org.website =
            old.website.as_deref().map(opo_domain::text::WebUrl::parse).transpose().map_err(|_| corrupt("website"))?;
    }
    if !record.has(Column::Description) {
        org.long_description.clone_from(&old.long_description);
    }
    if !record.has(Column::HqCountry) {
        org.hq_country = old
            .hq_country
            .as_deref()
            .map(opo_domain::countries::CountryCode::parse)
            .transpose()
            .map_err(|_| corrupt("country"))?;
    }
    Ok(org)
}

/// A status the file changes is recorded in the partnership's history like any other change of status.
async fn change_status(
    tx: &mut Tx,
    id: i64,
    from: PartnerStatus,
    to: PartnerStatus,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<(), ImportError> {
    let reason = "Set by a partner import.";
    if status_store::transition(tx, id, from, to, reason, now).await? {
        let change = Change { from, to, reason: reason.to_owned(), actor_label: actor.label.clone(), at: now };
        status_store::record_change(tx, id, &change).await?;
    }
    Ok(())
}

/// Records an agreement signed outside the portal, against the site's current agreement text, so that the
/// renewal schedule counts its three years from that day. Its method says it came from an import.
async fn record_agreement(
    tx: &mut Tx,
    id: i64,
    record: &ImportedPartner,
    day: time::Date,
    now: OffsetDateTime,
) -> Result<(), ImportError> {
    let template = opo_store::agreements::current_template(tx, now)
        .await?
        .ok_or_else(|| AppError::Internal("no agreement template; prepare the database first".to_owned()))?;
    let signed_at = day.midnight().assume_utc();
    let (signer_name, signer_email) = match &record.contact {
        Some(contact) => (contact.name.clone(), contact.email.as_str().to_owned()),
        None => (record.organization.name.clone(), String::new()),
    };
    let signature = opo_store::agreements::NewSignature {
        organization_id: id,
        template_id: template.id,
        text_sha256: crate::secrets::sha256_hex(template.body.as_bytes()),
        signer_name,
        signer_title: String::new(),
        signer_email,
        auth_method: "import".to_owned(),
        ip: String::new(),
        user_agent: String::new(),
        signed_at,
        expires_on: opo_domain::agreements::expires_on(signed_at),
        code: crate::secrets::new_code().map_err(|e| AppError::Internal(e.to_string()))?,
        application_id: None,
    };
    opo_store::agreements::insert_signature(tx, &signature, now).await?;
    Ok(())
}
