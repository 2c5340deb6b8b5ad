//! The scaled demo data set (`opo demo --scale N --seed S`): N organizations with logos, capabilities
//! and countries, 10×N posts, N/10 accounts, N/2 applications spread over every stage and 5×N audit and
//! outbox rows, drawn from word lists by a seeded generator, so the same seed on the same day gives the
//! same rows. It is there to measure the service at sizes the hand-written demo never reaches.
//!
//! Three words are planted with known frequencies so searches of each kind can be measured:
//! [`COMMON_TERM`] is in nearly every profile, [`MEDIUM_TERM`] in about one in ten (a profile's posts
//! are about its own topics), [`RARE_TERM`] in about one in two hundred.

use super::logos::svg_logo;
use super::{
    STAFF,
    catalog::{DemoLogo, LogoShape},
};
use crate::secrets::sha256_hex;
use crate::setup::AGREEMENT_TEXT;
use crate::{Actor, App, AppError};
use opo_domain::applications::Stage;
use opo_domain::countries::{COUNTRIES, Country};
use opo_domain::partners::{OrgType, PartnerStatus};
use opo_domain::posts::{PostKind, PostStatus};
use opo_domain::problems::Clash;
use opo_domain::taxonomy::Vocabulary;
use opo_store::scale::{
    AgreementRow, ApplicationRow, AuditRow, ContactRow, CountryRow, LogoRow, OrganizationRow, PostRow, SentEmailRow,
    TermRow, UserRow,
};
use opo_store::{StoreError, scale as store};
use std::collections::HashMap;
use time::{Duration, OffsetDateTime, Time};

/// A word in nearly every organization's profile.
pub const COMMON_TERM: &str = "community";
/// A word in about one profile in ten.
pub const MEDIUM_TERM: &str = "sanitation";
/// A word in about one profile in two hundred.
pub const RARE_TERM: &str = "permafrost";

/// How many rows go into one transaction.
const CHUNK: usize = 2_000;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleOptions {
    /// Organizations; everything else is proportional.
    pub organizations: usize,
    pub seed: u64,
}

impl ScaleOptions {
    pub fn posts(&self) -> usize {
        self.organizations * 10
    }
    pub fn users(&self) -> usize {
        (self.organizations / 10).max(STAFF.len() + 8)
    }
    pub fn applications(&self) -> usize {
        self.organizations / 2
    }
    pub fn audit_entries(&self) -> usize {
        self.organizations * 4
    }
    pub fn emails(&self) -> usize {
        self.organizations
    }
}

/// What was loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleSummary {
    pub organizations: usize,
    pub posts: usize,
    pub users: usize,
    pub applications: usize,
    pub audit_entries: usize,
    pub emails: usize,
}

/// The step the loader is at, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Organizations,
    Users,
    Posts,
    Applications,
    History,
    SearchIndex,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Self::Organizations => "organizations",
            Self::Users => "accounts",
            Self::Posts => "posts",
            Self::Applications => "applications",
            Self::History => "audit and outbox",
            Self::SearchIndex => "search index",
        }
    }
}

/// Told how far the loader got: the phase, rows done, rows in the phase.
pub type Progress<'a> = &'a mut (dyn FnMut(Phase, u64, u64) + Send);

/// A small, fast generator with a fixed algorithm, so a seed means the same data on every machine.
struct Rng(fastrand::Rng);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        Self(fastrand::Rng::with_seed(seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
    }
    fn below(&mut self, n: usize) -> usize {
        self.0.usize(..n.max(1))
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn days(&mut self, low: i64, high: i64) -> i64 {
        self.0.i64(low..high.max(low + 1))
    }
}

const ADJECTIVES: &[&str] = &[
    "Open", "Blue", "Green", "Northern", "Southern", "Coastal", "Highland", "River", "Bright", "Common", "Digital",
    "Civic", "Global", "Rural", "Urban", "United", "Free", "Clear", "Shared", "Future", "Red", "Golden", "Silver",
    "Eastern", "Western", "Valley", "Island", "Desert", "Forest", "Mountain", "Lake", "Sunrise", "Harbor", "Prairie",
    "Delta", "Cedar", "Baobab", "Monsoon", "Andean", "Pacific",
];
const NOUNS: &[&str] = &[
    "Data",
    "Maps",
    "Health",
    "Water",
    "Learning",
    "Code",
    "Roads",
    "Harvest",
    "Signal",
    "Bridge",
    "Compass",
    "Atlas",
    "Commons",
    "Fields",
    "Horizon",
    "Resilience",
    "Mobility",
    "Energy",
    "Insight",
    "Survey",
    "Pathways",
    "Routes",
    "Climate",
    "Census",
    "Relief",
    "Access",
    "Networks",
    "Villages",
    "Rivers",
    "Schools",
    "Clinics",
    "Markets",
    "Footprints",
    "Landmarks",
    "Coastlines",
    "Parcels",
    "Trails",
    "Skies",
    "Soils",
    "Streets",
];
const FIRST_NAMES: &[&str] = &[
    "Amina", "Bruno", "Chen", "Dara", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kavya", "Lucia", "Mateo",
    "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sione", "Tendai", "Uma", "Viktor", "Wanjiru", "Ximena", "Yusuf",
    "Zanele", "Aiko", "Bongani", "Carmen", "Dmitri", "Esi", "Fatima", "Gustavo", "Hana", "Ivan", "Jamila", "Kofi",
    "Leila", "Marta", "Nikhil",
];
const LAST_NAMES: &[&str] = &[
    "Abebe",
    "Bianchi",
    "Costa",
    "Dlamini",
    "Eriksen",
    "Fernandes",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kamau",
    "Lindqvist",
    "Mensah",
    "Nguyen",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rahman",
    "Silva",
    "Tanaka",
    "Usman",
    "Varga",
    "Wong",
    "Xu",
    "Yilmaz",
    "Zhou",
    "Alvarez",
    "Banda",
    "Chowdhury",
    "Diallo",
    "Estrada",
    "Fofana",
    "Gonzaga",
    "Hossain",
    "Ibrahim",
    "Juarez",
    "Kowalski",
    "Lopez",
    "Moreau",
    "Novak",
];
const TITLES: &[&str] =
    &["Director", "Program Manager", "GIS Lead", "Partnerships Officer", "Coordinator", "Head of Data", "Founder"];
/// Topics a profile and its posts are about; [`MEDIUM_TERM`] is one of twenty, and each profile names two.
const TOPICS: &[&str] = &[
    "disaster response",
    "sanitation",
    "public health",
    "road safety",
    "food security",
    "land tenure",
    "education access",
    "humanitarian logistics",
    "urban planning",
    "flood risk",
    "drought monitoring",
    "election logistics",
    "refugee support",
    "energy access",
    "biodiversity",
    "coastal erosion",
    "malaria prevention",
    "last-mile delivery",
    "heritage mapping",
    "air quality",
];
/// Specialist words, each in few profiles: one profile in five gets one of forty.
const SPECIALTIES: &[&str] = &[
    "permafrost",
    "mangroves",
    "glaciology",
    "seagrass",
    "karst",
    "peatland",
    "agroforestry",
    "cholera",
    "landmines",
    "pastoralism",
    "wildfire",
    "geodesy",
    "bathymetry",
    "cadastre",
    "hydropower",
    "geothermal",
    "microfinance",
    "aquaculture",
    "desalination",
    "terraces",
    "lidar",
    "orthophotos",
    "wetlands",
    "savanna",
    "tundra",
    "volcanology",
    "avalanches",
    "landslides",
    "monsoons",
    "typhoons",
    "irrigation",
    "beekeeping",
    "cocoa",
    "coffee",
    "tea",
    "rubber",
    "quinoa",
    "cassava",
    "sorghum",
    "millet",
];
const WORK: &[&str] = &[
    "maps buildings and roads with local volunteers",
    "trains young mappers in open geospatial tools",
    "publishes open data for planners and responders",
    "builds software that turns field surveys into maps",
    "funds mapping projects led by local groups",
    "studies how open maps change decisions",
    "coordinates mapping campaigns after emergencies",
];

fn org_type_suffixes(org_type: OrgType) -> &'static [&'static str] {
    match org_type {
        OrgType::Ngo => &["Initiative", "Network", "Alliance", "Collective"],
        OrgType::Company => &["Labs", "Technologies", "Analytics", "Systems"],
        OrgType::Academic => &["Institute", "Research Centre", "Lab"],
        OrgType::Government => &["Agency", "Office", "Bureau"],
        OrgType::Multilateral => &["Programme", "Facility", "Partnership"],
        OrgType::Foundation => &["Foundation", "Trust", "Fund"],
        OrgType::OpenSourceCommunity => &["Community", "Project", "Contributors"],
    }
}

/// Lower-case ASCII letters and digits joined by single hyphens.
fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// What later phases need to know of each organization.
struct OrgBrief {
    /// Whether it has a public profile: only those are featured in posts.
    public: bool,
    /// The two topics of its profile: its posts are about them too.
    topics: [&'static str; 2],
    contact_name: String,
    contact_email: String,
    countries: Vec<&'static str>,
}

/// The handful of logos the organizations share: a real SVG each, drawn like the demo's.
fn logo_variants() -> Vec<(Vec<u8>, String)> {
    const VARIANTS: &[(&str, &str, &str, LogoShape, &str)] = &[
        ("OM", "#0f766e", "#14b8a6", LogoShape::Circle, "Open Mapping"),
        ("GD", "#1d4ed8", "#60a5fa", LogoShape::RoundedSquare, "Geo Data"),
        ("CM", "#b45309", "#fbbf24", LogoShape::Hexagon, "Community Maps"),
        ("RA", "#be123c", "#fb7185", LogoShape::Diamond, "Relief Atlas"),
        ("GF", "#15803d", "#86efac", LogoShape::Leaf, "Green Fields"),
        ("UL", "#6d28d9", "#c4b5fd", LogoShape::Circle, "Urban Lab"),
        ("CS", "#0e7490", "#67e8f9", LogoShape::RoundedSquare, "Coastal Survey"),
        ("HN", "#a16207", "#fde047", LogoShape::Hexagon, "Health Network"),
        ("WA", "#1e40af", "#93c5fd", LogoShape::Diamond, "Water Access"),
        ("RC", "#9f1239", "#fda4af", LogoShape::Leaf, "Roads Commons"),
        ("DS", "#334155", "#94a3b8", LogoShape::Circle, "Data Signal"),
        ("FH", "#166534", "#bbf7d0", LogoShape::RoundedSquare, "Future Horizon"),
    ];
    VARIANTS
        .iter()
        .map(|(initials, primary, secondary, shape, name)| {
            let logo = DemoLogo { initials, primary, secondary, shape: *shape };
            let svg = svg_logo(&logo, name).into_bytes();
            let sha = sha256_hex(&svg);
            (svg, sha)
        })
        .collect()
}

/// The stage of the application of organization `index`, if it has one: every other organization applied,
/// half of those made it to the announcement, and the rest wait in, or left, every other stage.
fn application_stages(rng: &mut Rng, options: &ScaleOptions) -> Vec<Option<Stage>> {
    let mut stages = vec![None; options.organizations];
    let others: Vec<Stage> = Stage::ALL.iter().copied().filter(|s| *s != Stage::Announced).collect();
    for i in 0..options.applications() {
        // The first of each stage is certain, so even a small data set has every stage.
        let stage = if i < Stage::ALL.len() {
            Stage::ALL[i]
        } else if rng.chance(50) {
            Stage::Announced
        } else {
            *rng.pick(&others)
        };
        stages[2 * i] = Some(stage);
    }
    stages
}

fn status_for(rng: &mut Rng, stage: Option<Stage>) -> PartnerStatus {
    match stage {
        Some(Stage::Announced) | None => match rng.below(100) {
            0..84 => PartnerStatus::Active,
            84..90 => PartnerStatus::RenewalDue,
            90..93 => PartnerStatus::InGrace,
            93..96 => PartnerStatus::Lapsed,
            96..98 => PartnerStatus::Withdrawn,
            _ => PartnerStatus::Ended,
        },
        Some(_) => PartnerStatus::Prospect,
    }
}

/// Loads the scaled data set into a prepared, empty database, in transactions of a few thousand rows.
/// A load that fails half-way leaves what it committed: start again with a new database.
pub async fn load(
    app: &App,
    actor: &Actor,
    options: ScaleOptions,
    progress: Progress<'_>,
) -> Result<ScaleSummary, AppError> {
    if options.organizations == 0 {
        return Err(AppError::invalid("scale", "give at least one organization"));
    }
    // Dates count back from midnight, so loads on the same day are identical.
    let today = app.clock.now().replace_time(Time::MIDNIGHT);
    let (template_id, capabilities, components) = {
        let mut tx = app.db.begin().await?;
        let occupied = store::occupied(&mut tx).await?;
        if !occupied.is_empty() {
            return Err(AppError::Conflict(Clash::new(
                "demo-not-empty",
                format!(
                    "the scaled demo data only goes into an empty database, and this one holds rows in {}",
                    occupied.join(", ")
                ),
            )));
        }
        let template = opo_store::agreements::current_template(&mut tx, app.clock.now())
            .await?
            .map(|t| t.id)
            .ok_or(AppError::Internal("no agreement template; prepare the database first".to_owned()))?;
        let capabilities: Vec<String> =
            opo_store::taxonomy::list(&mut tx, Vocabulary::Capability).await?.into_iter().map(|t| t.key).collect();
        let components: Vec<String> =
            opo_store::taxonomy::list(&mut tx, Vocabulary::Component).await?.into_iter().map(|t| t.key).collect();
        (template, capabilities, components)
    };
    let stages = application_stages(&mut Rng::new(options.seed, 1), &options);
    let orgs =
        load_organizations(app, &options, today, template_id, &capabilities, &components, &stages, progress).await?;
    let staff_ids = load_users(app, &options, today, &orgs, progress).await?;
    load_posts(app, &options, today, &orgs, progress).await?;
    load_applications(app, &options, today, &orgs, &stages, &capabilities, progress).await?;
    load_history(app, &options, today, &orgs, &staff_ids, progress).await?;

    progress(Phase::SearchIndex, 0, options.organizations as u64);
    let mut tx = app.db.begin().await?;
    store::analyze(&mut tx).await?;
    opo_store::directory::reindex_all(&mut tx).await?;
    store::sync_id_sequences(&mut tx).await?;
    let summary = ScaleSummary {
        organizations: options.organizations,
        posts: options.posts(),
        users: options.users(),
        applications: options.applications(),
        audit_entries: options.audit_entries(),
        emails: options.emails(),
    };
    let mut entry = actor.entry("demo.scaled", "database", "demo");
    entry.after_json = Some(
        serde_json::json!({
            "seed": options.seed,
            "organizations": summary.organizations,
            "posts": summary.posts,
            "users": summary.users,
            "applications": summary.applications,
        })
        .to_string(),
    );
    opo_store::audit::record(&mut tx, &entry, app.clock.now()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    // What the generated history makes due (partnerships whose agreements lapsed, reminders, check-ins)
    // is done now, as a running service would have done it over the years the data spans: a service
    // started on the data set then begins in its steady state instead of catching up first.
    crate::planning::plan(app).await?;
    app.db.optimize().await?;
    progress(Phase::SearchIndex, options.organizations as u64, options.organizations as u64);
    Ok(summary)
}

#[allow(clippy::too_many_arguments)]
async fn load_organizations(
    app: &App,
    options: &ScaleOptions,
    today: OffsetDateTime,
    template_id: i64,
    capabilities: &[String],
    components: &[String],
    stages: &[Option<Stage>],
    progress: Progress<'_>,
) -> Result<Vec<OrgBrief>, AppError> {
    let mut rng = Rng::new(options.seed, 2);
    let logos = logo_variants();
    let agreement_sha = sha256_hex(AGREEMENT_TEXT.as_bytes());
    let mut slugs: HashMap<String, usize> = HashMap::new();
    let mut briefs = Vec::with_capacity(options.organizations);
    let total = options.organizations as u64;
    for start in (0..options.organizations).step_by(CHUNK) {
        let end = (start + CHUNK).min(options.organizations);
        let (mut orgs, mut countries, mut terms, mut logo_rows, mut contacts, mut agreements) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (index, stage) in stages.iter().enumerate().take(end).skip(start) {
            let id = index as i64 + 1;
            let org_type = *rng.pick(&OrgType::ALL);
            let status = status_for(&mut rng, *stage);
            let mut own: Vec<&'static Country> = Vec::new();
            for _ in 0..1 + rng.below(4) {
                let country = rng.pick(COUNTRIES);
                if !own.iter().any(|c| c.code == country.code) {
                    own.push(country);
                }
            }
            let hq = own[0];
            let mut name =
                format!("{} {} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS), rng.pick(org_type_suffixes(org_type)));
            if rng.chance(50) {
                name.push_str(&format!(" {}", hq.name));
            }
            let base = slugify(&name);
            let seen = slugs.entry(base.clone()).or_insert(0);
            *seen += 1;
            let slug = if *seen == 1 { base } else { format!("{base}-{seen}") };
            let topics = [rng.pick(TOPICS), rng.pick(TOPICS)];
            let specialty = rng.chance(20).then(|| *rng.pick(SPECIALTIES));
            let short_description =
                format!("{name} {} in {}, with a focus on {} and {}.", rng.pick(WORK), hq.name, topics[0], topics[1]);
            let mut long = format!(
                "{name} was founded to make {} work visible on the map. Our team {}.",
                topics[0],
                rng.pick(WORK)
            );
            if rng.chance(95) {
                long.push_str(&format!(
                    " We work hand in hand with the local {COMMON_TERM} in {}.",
                    own.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
                ));
            }
            long.push_str(&format!(" Current projects cover {} and {}.", topics[0], topics[1]));
            if let Some(word) = specialty {
                long.push_str(&format!(" Our field teams specialise in {word} surveys."));
            }
            let joined_days = rng.days(30, 3650);
            let joined = (status != PartnerStatus::Prospect).then(|| (today - Duration::days(joined_days)).date());
            let created = today - Duration::days(joined_days + rng.days(20, 200));
            let first = rng.pick(FIRST_NAMES);
            let last = rng.pick(LAST_NAMES);
            let contact_name = format!("{first} {last}");
            let contact_email = format!("{}.{}@{slug}.example.org", first.to_lowercase(), last.to_lowercase());
            let contact_title = rng.pick(TITLES).to_string();
            orgs.push(OrganizationRow {
                id,
                slug: slug.clone(),
                name,
                website: Some(format!("https://{slug}.example.org")),
                short_description,
                long_description: long,
                org_type: org_type.key().to_owned(),
                hq_country: Some(hq.code.to_owned()),
                status: status.key().to_owned(),
                status_reason: match status {
                    PartnerStatus::Lapsed => "The partner agreement expired and has not been signed again.".to_owned(),
                    _ => String::new(),
                },
                featured: status == PartnerStatus::Active && rng.chance(1),
                joined_on: joined,
                created_at: created,
            });
            countries.extend(own.iter().map(|c| CountryRow {
                organization_id: id,
                country: c.code.to_owned(),
                region: c.region.key().to_owned(),
                created_at: created,
            }));
            let mut chosen: Vec<(&str, &String)> = Vec::new();
            for _ in 0..1 + rng.below(3) {
                chosen.push(("capability", rng.pick(capabilities)));
            }
            for _ in 0..rng.below(3) {
                chosen.push(("component", rng.pick(components)));
            }
            chosen.sort();
            chosen.dedup();
            terms.extend(chosen.into_iter().map(|(vocabulary, key)| TermRow {
                organization_id: id,
                vocabulary: vocabulary.to_owned(),
                term_key: key.clone(),
                created_at: created,
            }));
            let (svg, sha) = &logos[rng.below(logos.len())];
            logo_rows.push(LogoRow {
                organization_id: id,
                content_type: "image/svg+xml",
                data: svg,
                sha256: sha,
                created_at: created,
            });
            contacts.push(ContactRow {
                id,
                organization_id: id,
                name: contact_name.clone(),
                email: contact_email.clone(),
                title: contact_title.clone(),
                created_at: created,
            });
            // Active partners signed within the three-year term; the others' agreements ran out.
            let signed_ago = match status {
                PartnerStatus::Active => Some(rng.days(1, 3 * 365 - 60)),
                PartnerStatus::RenewalDue => Some(3 * 365 - rng.days(5, 50)),
                PartnerStatus::InGrace => Some(3 * 365 + rng.days(1, 20)),
                PartnerStatus::Lapsed => Some(3 * 365 + rng.days(60, 300)),
                _ => None,
            };
            if let Some(days) = signed_ago {
                let signed_at = today - Duration::days(days.min(joined_days)) + Duration::hours(10);
                agreements.push(AgreementRow {
                    id,
                    organization_id: id,
                    template_id,
                    text_sha256: agreement_sha.clone(),
                    signer_name: contact_name.clone(),
                    signer_title: contact_title,
                    signer_email: contact_email.clone(),
                    signed_at,
                    expires_on: opo_domain::agreements::expires_on(signed_at),
                });
            }
            briefs.push(OrgBrief {
                public: status.has_public_profile(),
                topics: [*topics[0], *topics[1]],
                contact_name,
                contact_email,
                countries: own.iter().map(|c| c.code).collect(),
            });
        }
        let mut tx = app.db.begin().await?;
        store::insert_organizations(&mut tx, &orgs).await?;
        store::insert_countries(&mut tx, &countries).await?;
        store::insert_terms(&mut tx, &terms).await?;
        store::insert_logos(&mut tx, &logo_rows).await?;
        store::insert_contacts(&mut tx, &contacts).await?;
        store::insert_agreements(&mut tx, &agreements).await?;
        tx.commit().await.map_err(StoreError::from)?;
        progress(Phase::Organizations, end as u64, total);
    }
    Ok(briefs)
}

/// The staff of [`STAFF`], a few more committee members, and partner contacts of organizations spread
/// over the list. Returns the ids of the staff accounts, who act in the audit log.
async fn load_users(
    app: &App,
    options: &ScaleOptions,
    today: OffsetDateTime,
    orgs: &[OrgBrief],
    progress: Progress<'_>,
) -> Result<Vec<(i64, String)>, AppError> {
    let mut rng = Rng::new(options.seed, 3);
    let mut users = Vec::with_capacity(options.users());
    for (email, name, role) in STAFF {
        users.push(UserRow {
            id: users.len() as i64 + 1,
            email: (*email).to_owned(),
            display_name: (*name).to_owned(),
            role: role.key().to_owned(),
            organization_id: None,
            created_at: today - Duration::days(1500),
        });
    }
    for n in 1..=4 {
        let (first, last) = (rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        users.push(UserRow {
            id: users.len() as i64 + 1,
            email: format!("committee{n}@portal.example"),
            display_name: format!("{first} {last}"),
            role: "committee".to_owned(),
            organization_id: None,
            created_at: today - Duration::days(rng.days(100, 1400)),
        });
    }
    let staff: Vec<(i64, String)> = users.iter().map(|u| (u.id, u.email.clone())).collect();
    let partners = options.users().saturating_sub(users.len());
    let step = (orgs.len() / partners.max(1)).max(1);
    for index in (0..orgs.len()).step_by(step).take(partners) {
        let org = &orgs[index];
        users.push(UserRow {
            id: users.len() as i64 + 1,
            email: org.contact_email.clone(),
            display_name: org.contact_name.clone(),
            role: "partner".to_owned(),
            organization_id: Some(index as i64 + 1),
            created_at: today - Duration::days(rng.days(10, 1400)),
        });
    }
    let total = users.len() as u64;
    let mut tx = app.db.begin().await?;
    store::insert_users(&mut tx, &users).await?;
    store::link_contacts(&mut tx).await?;
    tx.commit().await.map_err(StoreError::from)?;
    progress(Phase::Users, total, total);
    Ok(staff)
}

async fn load_posts(
    app: &App,
    options: &ScaleOptions,
    today: OffsetDateTime,
    orgs: &[OrgBrief],
    progress: Progress<'_>,
) -> Result<(), AppError> {
    let mut rng = Rng::new(options.seed, 4);
    let total = options.posts();
    // Posts feature partners with a public profile, so every link from a post leads to a page.
    // A tiny data set may have none: its posts then feature nobody.
    let mut featured: Vec<usize> = (0..orgs.len()).filter(|i| orgs[*i].public).collect();
    let tag = !featured.is_empty();
    if !tag {
        featured = (0..orgs.len()).collect();
    }
    for start in (0..total).step_by(CHUNK) {
        let end = (start + CHUNK).min(total);
        let (mut posts, mut tagged, mut places) = (Vec::new(), Vec::new(), Vec::new());
        for index in start..end {
            let id = index as i64 + 1;
            let kind = match rng.below(10) {
                0..4 => PostKind::Blog,
                4..6 => PostKind::Announcement,
                6..8 => PostKind::ImpactStory,
                8 => PostKind::ThoughtPiece,
                _ => PostKind::Webinar,
            };
            let status = if rng.chance(95) { PostStatus::Published } else { PostStatus::Draft };
            let org_index = *rng.pick(&featured);
            let org = &orgs[org_index];
            let code: &&str = rng.pick(&org.countries);
            let country = opo_domain::countries::country(code);
            let place = country.map_or("the field", |c| c.name);
            let topic = rng.pick(&org.topics);
            let title = match kind {
                PostKind::Blog => format!("{} {topic} in {place}", rng.pick(&["Mapping", "Measuring", "Rethinking"])),
                PostKind::Announcement => format!("New partners join the work on {topic}"),
                PostKind::ImpactStory => format!("How open maps changed {topic} in {place}"),
                PostKind::ThoughtPiece => format!("What {topic} needs from open data"),
                PostKind::Webinar => format!("Webinar: {topic} with {}", rng.pick(NOUNS)),
            };
            let summary = format!("{} on {topic}, and what the {COMMON_TERM} learned.", rng.pick(WORK));
            let body = format!(
                "Teams in {place} {}. {}\n\nThe work on {topic} continues with {} {} and partners nearby.",
                rng.pick(WORK),
                if rng.chance(10) { format!("Field notes mention {}.", rng.pick(SPECIALTIES)) } else { String::new() },
                rng.pick(FIRST_NAMES),
                rng.pick(LAST_NAMES)
            );
            // Published before today, so nothing is dated in the future of the day of the load.
            let published_at = today - Duration::days(rng.days(1, 1800)) + Duration::minutes(rng.days(0, 1440));
            let event_starts_at = (kind == PostKind::Webinar)
                .then(|| (published_at + Duration::days(14)).replace_time(Time::MIDNIGHT))
                .map(|d| d + Duration::hours(14));
            let slug = format!("{}-{id}", slugify(&title));
            posts.push(PostRow {
                id,
                join_url: event_starts_at.map(|_| format!("https://meet.portal.example/{slug}")),
                slug,
                kind: kind.key().to_owned(),
                status: status.key().to_owned(),
                title,
                summary,
                body,
                event_starts_at,
                published_at: (status == PostStatus::Published).then_some(published_at),
                created_at: published_at - Duration::days(2),
            });
            if tag && (kind != PostKind::Announcement || rng.chance(50)) {
                tagged.push((id, org_index as i64 + 1));
                if rng.chance(5) {
                    let other = *rng.pick(&featured);
                    if other != org_index {
                        tagged.push((id, other as i64 + 1));
                    }
                }
            }
            if let Some(country) = country.filter(|_| rng.chance(60)) {
                places.push((id, country.code.to_owned()));
            }
        }
        let mut tx = app.db.begin().await?;
        store::insert_posts(&mut tx, &posts).await?;
        store::insert_post_partners(&mut tx, &tagged, today).await?;
        store::insert_post_countries(&mut tx, &places, today).await?;
        tx.commit().await.map_err(StoreError::from)?;
        progress(Phase::Posts, end as u64, total as u64);
    }
    Ok(())
}

async fn load_applications(
    app: &App,
    options: &ScaleOptions,
    today: OffsetDateTime,
    orgs: &[OrgBrief],
    stages: &[Option<Stage>],
    capabilities: &[String],
    progress: Progress<'_>,
) -> Result<(), AppError> {
    let mut rng = Rng::new(options.seed, 5);
    let submitted_from = Stage::ALL.iter().position(|s| *s == Stage::Submitted).unwrap_or(3);
    let mut rows = Vec::with_capacity(options.applications());
    for (index, stage) in stages.iter().enumerate() {
        let Some(stage) = *stage else { continue };
        let org = &orgs[index];
        let position = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        let days_in_stage = match stage {
            Stage::Announced | Stage::Declined | Stage::Withdrawn => rng.days(30, 1500),
            _ => rng.days(0, 45),
        };
        let entered = today - Duration::days(days_in_stage) + Duration::hours(9 + rng.days(0, 8));
        let submitted = (position >= submitted_from && stage != Stage::Withdrawn)
            .then(|| entered - Duration::days(rng.days(7, 40)));
        let decision = match stage {
            Stage::Approved | Stage::PageReview | Stage::Announced => Some("approve"),
            Stage::Declined => Some("decline"),
            Stage::Withdrawn => Some("withdrawn"),
            _ => None,
        };
        rows.push(ApplicationRow {
            id: rows.len() as i64 + 1,
            organization_id: index as i64 + 1,
            stage: stage.key().to_owned(),
            desired_role: rng.pick(capabilities).clone(),
            statement: format!(
                "We would like to join the program to share our {} work and learn from the {COMMON_TERM}.",
                rng.pick(TOPICS)
            ),
            stage_entered_at: entered,
            submitted_at: submitted,
            decided_at: decision.map(|_| entered),
            decision: decision.map(str::to_owned),
            applicant_user_id: None,
            contact_name: org.contact_name.clone(),
            contact_email: org.contact_email.clone(),
            created_at: submitted.unwrap_or(entered) - Duration::days(rng.days(14, 60)),
        });
    }
    let total = rows.len() as u64;
    for (n, chunk) in rows.chunks(CHUNK).enumerate() {
        let mut tx = app.db.begin().await?;
        store::insert_applications(&mut tx, chunk).await?;
        tx.commit().await.map_err(StoreError::from)?;
        progress(Phase::Applications, ((n * CHUNK) + chunk.len()) as u64, total);
    }
    Ok(())
}

/// Four audit entries and one delivered e-mail per organization, spread evenly over the last two years.
async fn load_history(
    app: &App,
    options: &ScaleOptions,
    today: OffsetDateTime,
    orgs: &[OrgBrief],
    staff: &[(i64, String)],
    progress: Progress<'_>,
) -> Result<(), AppError> {
    const ACTIONS: &[(&str, &str)] = &[
        ("organization.updated", "organization"),
        ("application.stage_changed", "application"),
        ("post.published", "post"),
        ("session.signed_in", "user"),
        ("organization.logo_changed", "organization"),
    ];
    const MAILS: &[(&str, &str)] = &[
        ("application.received", "We received your application"),
        ("renewal.reminder", "Your partner agreement is due for renewal"),
        ("session.link", "Your sign-in link"),
        ("checkin.invitation", "Time for the yearly check-in"),
    ];
    let mut rng = Rng::new(options.seed, 6);
    let span = Duration::days(730);
    let audit_total = options.audit_entries();
    let mail_total = options.emails();
    let total = (audit_total + mail_total) as u64;
    let start_at = today - span;
    for start in (0..audit_total).step_by(CHUNK) {
        let end = (start + CHUNK).min(audit_total);
        let rows: Vec<AuditRow> = (start..end)
            .map(|i| {
                let (action, subject_type) = *rng.pick(ACTIONS);
                let (actor_id, actor) = rng.pick(staff).clone();
                let subject = match subject_type {
                    "application" => 1 + rng.below(options.applications().max(1)),
                    "post" => 1 + rng.below(options.posts()),
                    "user" => 1 + rng.below(options.users()),
                    _ => 1 + rng.below(orgs.len()),
                };
                AuditRow {
                    at: start_at + span * (i as f64 / audit_total as f64) + Duration::seconds(rng.days(0, 600)),
                    actor_user_id: Some(actor_id),
                    actor_label: actor,
                    action: action.to_owned(),
                    subject_type: subject_type.to_owned(),
                    subject_id: subject.to_string(),
                    after_json: None,
                }
            })
            .collect();
        let mut tx = app.db.begin().await?;
        store::insert_audit(&mut tx, &rows).await?;
        tx.commit().await.map_err(StoreError::from)?;
        progress(Phase::History, end as u64, total);
    }
    for start in (0..mail_total).step_by(CHUNK) {
        let end = (start + CHUNK).min(mail_total);
        let rows: Vec<SentEmailRow> = (start..end)
            .map(|i| {
                let (kind, subject) = *rng.pick(MAILS);
                let org = &orgs[rng.below(orgs.len())];
                SentEmailRow {
                    kind: kind.to_owned(),
                    to_address: org.contact_email.clone(),
                    subject: subject.to_owned(),
                    body_text: format!("Dear {},\n\n{subject}.\n\nThe secretariat", org.contact_name),
                    sent_at: start_at + span * (i as f64 / mail_total as f64),
                }
            })
            .collect();
        let mut tx = app.db.begin().await?;
        store::insert_sent_emails(&mut tx, &rows).await?;
        tx.commit().await.map_err(StoreError::from)?;
        progress(Phase::History, (audit_total + end) as u64, total);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_ascii_with_single_hyphens() {
        assert_eq!(slugify("Open Maps Initiative Côte d’Ivoire"), "open-maps-initiative-c-te-d-ivoire");
        assert_eq!(slugify("  Data -- Labs "), "data-labs");
    }

    #[test]
    fn every_stage_gets_an_application_even_at_small_scale() {
        let options = ScaleOptions { organizations: 30, seed: 1 };
        let stages = application_stages(&mut Rng::new(1, 1), &options);
        for stage in Stage::ALL {
            assert!(stages.contains(&Some(stage)), "{stage:?} is missing");
        }
    }

    #[test]
    fn the_same_seed_draws_the_same_numbers() {
        let draw = |seed| {
            let mut rng = Rng::new(seed, 2);
            (0..20).map(|_| rng.below(1000)).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }
}
