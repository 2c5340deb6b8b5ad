//! Importing partners from the CSV and JSON fixtures (crates/opo/tests/fixtures/import) on both backends:
//! problems are reported by row and column and write nothing, a good file creates the partners with
//! their logos, running it again changes nothing, and an edited row updates exactly its partner.

use opo_app::import::{self, Format, NoProgress, Report, Request};
use opo_app::{App, Settings, partners, setup};
use opo_domain::clock::ManualClock;
use opo_domain::import::{Column, Outcome};
use opo_store::testing::TestDb;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use time::Duration;

struct Site {
    app: App,
    clock: Arc<ManualClock>,
    _db: TestDb,
    /// A copy of the fixtures, free to edit.
    bundle: tempfile::TempDir,
}

async fn sites() -> Vec<Site> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../opo/tests/fixtures/import");
    let mut sites = Vec::new();
    for db in opo_store::testing::each_backend().await {
        let clock = Arc::new(ManualClock::new(time::macros::datetime!(2026-11-25 09:00 UTC)));
        let app = App::new(db.db.clone(), clock.clone(), Settings::default());
        setup::prepare(&app).await.expect("prepare the database");
        let bundle = tempfile::tempdir().expect("a folder");
        copy_dir(&fixtures, bundle.path());
        sites.push(Site { app, clock, _db: db, bundle });
    }
    sites
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("fixtures") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

impl Site {
    fn file(&self, name: &str) -> PathBuf {
        self.bundle.path().join(name)
    }

    async fn import(&self, name: &str, dry_run: bool) -> Report {
        let request = Request { file: self.file(name), format: None, dry_run };
        import::partners(&self.app, &request, &NoProgress).await.expect("the import runs")
    }

    /// Everything an import may touch, as text: equal fingerprints mean nothing changed.
    async fn fingerprint(&self) -> Vec<String> {
        let mut conn = self.app.db.read().await.expect("connection");
        let mut lines = Vec::new();
        for sql in [
            "select o.slug || '|' || o.name || '|' || coalesce(o.website, '') || '|' || o.short_description || '|' \
             || o.long_description || '|' || o.org_type || '|' || coalesce(o.hq_country, '') || '|' || o.status \
             || '|' || coalesce(o.joined_on, '') || '|' || cast(o.version as text) || '|' || o.updated_at \
             from organizations o",
            "select o.slug || ' country ' || c.country from organization_countries c \
             join organizations o on o.id = c.organization_id",
            "select o.slug || ' ' || t.vocabulary || ' ' || t.term_key from organization_terms t \
             join organizations o on o.id = t.organization_id",
            "select o.slug || ' link ' || l.kind || ' ' || l.url || ' ' || cast(l.position as text) \
             from organization_links l join organizations o on o.id = l.organization_id",
            "select o.slug || ' logo ' || l.content_type || ' ' || l.sha256 || ' ' || l.updated_at \
             from organization_logos l join organizations o on o.id = l.organization_id",
            "select o.slug || ' contact ' || c.name || ' ' || c.email || ' ' || cast(c.is_mail_poc as text) \
             from contacts c join organizations o on o.id = c.organization_id",
            "select o.slug || ' agreement ' || a.signed_at || ' ' || a.expires_on || ' ' || a.auth_method \
             from agreements a join organizations o on o.id = a.organization_id",
            "select 'audit entries: ' || cast(count(*) as text) from audit_log",
        ] {
            let mut rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(&mut *conn).await.expect(sql);
            rows.sort();
            lines.extend(rows);
        }
        lines
    }

    async fn audit_count(&self) -> i64 {
        let mut conn = self.app.db.read().await.expect("connection");
        sqlx::query_scalar("select count(*) from audit_log where actor_label = 'import'")
            .fetch_one(&mut *conn)
            .await
            .expect("count")
    }
}

fn outcomes(report: &Report) -> Vec<(usize, &str, &Outcome)> {
    report.rows.iter().map(|r| (r.row, r.slug.as_str(), &r.outcome)).collect()
}

#[tokio::test]
async fn a_file_with_bad_cells_reports_each_by_row_and_column_and_writes_nothing() {
    for site in sites().await {
        let before = site.fingerprint().await;
        for dry_run in [true, false] {
            let report = site.import("partners-with-errors.csv", dry_run).await;
            let mut found: Vec<(usize, &str)> = report.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
            found.sort();
            assert_eq!(
                found,
                [
                    (2, "countries"),
                    (2, "website"),
                    (3, "capabilities"),
                    (3, "joined"),
                    (3, "logo"),
                    (3, "organization_type"),
                    (3, "short_description"),
                    (4, "logo"),
                ],
                "{:#?}",
                report.errors
            );
            assert!(report.errors.iter().any(|e| e.message.contains("Atlantis")));
            assert!(report.errors.iter().any(|e| e.row == 3 && e.message.contains("logos/missing.svg")));
            assert!(!report.written);
            assert_eq!(site.fingerprint().await, before, "nothing is written (dry run: {dry_run})");
        }
        let dry = site.import("partners.csv", true).await;
        assert_eq!(dry.errors, []);
        assert_eq!((dry.created(), dry.updated(), dry.unchanged(), dry.written), (3, 0, 0, false));
        assert_eq!(site.fingerprint().await, before, "a dry run of a good file writes nothing either");
    }
}

#[tokio::test]
async fn a_good_import_creates_partners_with_logos_and_a_reimport_changes_nothing() {
    for site in sites().await {
        let report = site.import("partners.csv", false).await;
        assert_eq!(report.errors, []);
        assert_eq!(
            outcomes(&report),
            [
                (2, "kijiji-health", &Outcome::Create),
                (3, "sahel-data-lab", &Outcome::Create),
                (4, "andes-salud", &Outcome::Create),
            ],
            "rows as a spreadsheet numbers them, whatever lines their cells take"
        );
        assert!(report.written);
        assert_eq!(site.audit_count().await, 3, "one audit entry per created partner");

        let kijiji = partners::profile(&site.app, "kijiji-health").await.expect("profile");
        let codes: Vec<&str> = kijiji.countries.iter().map(|c| c.code).collect();
        assert_eq!(codes, ["KE", "TZ", "UG"]);
        let capabilities: Vec<&str> = kijiji.card.capabilities.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(capabilities, ["implementation-support", "research"]);
        assert_eq!(kijiji.components.len(), 2);
        assert!(kijiji.long_description.contains("\"East Africa\""));
        assert_eq!(kijiji.links[0].kind, "github");
        assert_eq!(kijiji.card.joined_on, Some(time::macros::date!(2021 - 05 - 04)));
        let record = partners::record(&site.app, "kijiji-health").await.expect("record");
        assert_eq!(record.contacts[0].email, "amina@kijiji-health.example");
        assert!(record.contacts[0].roles.mail_poc);
        let agreement = record.agreement.expect("the agreement signed outside the portal is on file");
        assert_eq!(agreement.expires_on, time::macros::date!(2027 - 05 - 02), "three years from the day it was signed");
        assert_eq!(agreement.signer_name, "Amina Odhiambo");
        let andes = partners::record(&site.app, "andes-salud").await.expect("record");
        assert!(andes.agreement.is_none() && andes.contacts.is_empty());

        let png = partners::logo(&site.app, "kijiji-health").await.expect("logo");
        assert_eq!(png.content_type, "image/png");
        let original = std::fs::read(site.file("logos/kijiji.png")).expect("fixture");
        assert_ne!(png.data, original, "a raster logo is re-encoded, not stored as uploaded");
        let svg = partners::logo(&site.app, "sahel-data-lab").await.expect("logo");
        assert_eq!(svg.content_type, "image/svg+xml");
        let text = String::from_utf8(svg.data).expect("svg text");
        assert!(!text.contains("script") && !text.contains("onclick"), "{text}");
        assert!(svg.fallback_png.is_some());
        let sahel = partners::profile(&site.app, "sahel-data-lab").await.expect("profile");
        assert_eq!(sahel.card.hq_country.map(|c| c.code), Some("ML"), "a country by name");

        let after_first = site.fingerprint().await;
        site.clock.advance(Duration::days(1));
        let again = site.import("partners.csv", false).await;
        assert_eq!(again.errors, []);
        assert_eq!((again.created(), again.updated(), again.unchanged()), (0, 0, 3));
        assert_eq!(site.fingerprint().await, after_first, "a re-import changes nothing");

        let json = import::partners(
            &site.app,
            &Request { file: site.file("partners.json"), format: Some(Format::Json), dry_run: false },
            &NoProgress,
        )
        .await
        .expect("import");
        assert_eq!(json.errors, []);
        assert_eq!((json.created(), json.updated(), json.unchanged()), (0, 0, 3), "the same partners as JSON");
        assert_eq!(site.fingerprint().await, after_first);
    }
}

#[tokio::test]
async fn an_edited_row_updates_exactly_that_partner() {
    for site in sites().await {
        site.import("partners.csv", false).await;
        let before = site.fingerprint().await;
        let csv = std::fs::read_to_string(site.file("partners.csv")).expect("csv");
        let edited = csv.replace("Interoperability for the Andes.", "Interoperability and terminology for the Andes.");
        assert_ne!(edited, csv);
        std::fs::write(site.file("edited.csv"), edited).expect("write");
        site.clock.advance(Duration::days(1));

        let report = site.import("edited.csv", false).await;
        assert_eq!(report.errors, []);
        let andes_id = match report.rows.iter().find(|r| r.slug == "andes-salud").map(|r| &r.outcome) {
            Some(Outcome::Update { id, changes }) => {
                assert_eq!(changes, &[Column::ShortDescription]);
                *id
            }
            other => panic!("andes-salud should be updated, not {other:?}"),
        };
        assert!(andes_id > 0);
        assert_eq!((report.created(), report.updated(), report.unchanged()), (0, 1, 2));
        assert_eq!(site.audit_count().await, 4, "one more audit entry");

        let after = site.fingerprint().await;
        let changed: Vec<&String> = after.iter().filter(|line| !before.contains(line)).collect();
        assert_eq!(changed.len(), 2, "the andes row and the audit count: {changed:#?}");
        assert!(changed[0].starts_with("andes-salud|") && changed[0].contains("and terminology"), "{changed:#?}");
        let profile = partners::profile(&site.app, "andes-salud").await.expect("profile");
        assert_eq!(profile.card.short_description, "Interoperability and terminology for the Andes.");
    }
}

#[tokio::test]
async fn a_row_without_a_slug_is_matched_by_its_website() {
    for site in sites().await {
        site.import("partners.csv", false).await;
        let count = site.fingerprint().await.iter().filter(|l| l.contains('|')).count();
        let csv = std::fs::read_to_string(site.file("partners.csv")).expect("csv");
        // The same site, written another way, under a new name: the name would derive another slug.
        let edited = csv.replace(
            ",Sahel Data Lab,https://www.sahel-data.example,",
            ",Sahel Data Laboratory,http://sahel-data.example/,",
        );
        assert_ne!(edited, csv);
        std::fs::write(site.file("renamed.csv"), edited).expect("write");

        let report = site.import("renamed.csv", false).await;
        assert_eq!(report.errors, []);
        let sahel = report.rows.iter().find(|r| r.row == 3).expect("the sahel row");
        assert_eq!(sahel.slug, "sahel-data-lab", "the stored partner keeps its slug");
        assert!(
            matches!(&sahel.outcome, Outcome::Update { changes, .. } if changes == &[Column::Name, Column::Website]),
            "{:?}",
            sahel.outcome
        );
        assert_eq!(site.fingerprint().await.iter().filter(|l| l.contains('|')).count(), count, "no new partner");
        let profile = partners::profile(&site.app, "sahel-data-lab").await.expect("profile");
        assert_eq!(profile.card.name, "Sahel Data Laboratory");
        assert!(partners::profile(&site.app, "sahel-data-laboratory").await.is_err());
    }
}

#[tokio::test]
async fn a_status_set_by_the_file_is_recorded_in_the_partnership_history() {
    for site in sites().await {
        site.import("partners.csv", false).await;
        let csv = std::fs::read_to_string(site.file("partners.csv")).expect("csv");
        let ended = csv.replace("interoperability-layer,active,", "interoperability-layer,ended,");
        assert_ne!(ended, csv);
        std::fs::write(site.file("ended.csv"), ended).expect("write");

        let report = site.import("ended.csv", false).await;
        let Some(Outcome::Update { id, changes }) =
            report.rows.iter().find(|r| r.slug == "andes-salud").map(|r| &r.outcome)
        else {
            panic!("andes-salud should be updated: {:?}", report.rows);
        };
        assert_eq!(changes, &[Column::Status]);
        let history = opo_app::renewals::history(&site.app, *id).await.expect("history");
        let change = history.first().expect("a change of status");
        assert_eq!((change.from.key(), change.to.key(), change.actor_label.as_str()), ("active", "ended", "import"));
        assert_eq!(site.import("ended.csv", false).await.unchanged(), 3, "and it holds on the next run");
    }
}
