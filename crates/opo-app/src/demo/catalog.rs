//! The demo data set: fictional organizations, posts and applications that make a new site look alive.
//!
//! Every organization, person and address here is invented: web sites, e-mail addresses and social links
//! all use the reserved `.example` top-level domain. The data is fixed, so that a demo site and the tests
//! that load it always see the same thing; dates are given as days before "now".

/// One organization: an active partner, a lapsed one, or a prospect still in the application process.
pub struct DemoOrg {
    pub name: &'static str,
    /// Lowercase letters, digits and single hyphens; unique.
    pub slug: &'static str,
    pub website: &'static str,
    /// One sentence of at most 160 characters.
    pub short_description: &'static str,
    /// Markdown, two to four short paragraphs.
    pub long_description: &'static str,
    /// One of `ngo`, `company`, `academic`, `government`, `multilateral`, `foundation`, `open-source-community`.
    pub org_type: &'static str,
    /// ISO 3166-1 alpha-2, upper-case.
    pub hq_country: &'static str,
    /// The countries the organization works in, one to eight.
    pub countries: &'static [&'static str],
    /// Keys of the capability vocabulary.
    pub capabilities: &'static [&'static str],
    /// Keys of the component vocabulary.
    pub components: &'static [&'static str],
    /// `(kind, url)`, the kind being `github`, `linkedin`, `mastodon` or `youtube`.
    pub social: &'static [(&'static str, &'static str)],
    /// How long ago the partnership started; 0 for prospects.
    pub joined_days_ago: i64,
    /// `active`, `lapsed` or `prospect`.
    pub status: &'static str,
    pub featured: bool,
    pub contact: DemoContact,
    pub logo: DemoLogo,
}

/// The organization's mail point of contact.
pub struct DemoContact {
    pub name: &'static str,
    pub title: &'static str,
    /// At the organization's own `.example` domain.
    pub email: &'static str,
}

/// What the drawn logo looks like: initials on a shape filled from `primary` to `secondary` (`#rrggbb`).
pub struct DemoLogo {
    pub initials: &'static str,
    pub primary: &'static str,
    pub secondary: &'static str,
    pub shape: LogoShape,
}

#[derive(Clone, Copy)]
pub enum LogoShape {
    Circle,
    RoundedSquare,
    Hexagon,
    Diamond,
    Leaf,
}

/// A published post: an announcement, blog, impact story, thought piece or webinar.
pub struct DemoPost {
    /// `announcement`, `blog`, `impact-story`, `thought-piece` or `webinar`.
    pub kind: &'static str,
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// Markdown.
    pub body: &'static str,
    /// Slugs of the organizations the post is about.
    pub partners: &'static [&'static str],
    pub countries: &'static [&'static str],
    /// Days before now; for a webinar, the day of the event, negative when it is still to come.
    pub published_days_ago: i64,
}

/// The application of a prospect organization, somewhere before the committee's decision.
pub struct DemoApplication {
    /// The slug of a prospect organization.
    pub org_slug: &'static str,
    /// `interest`, `intro_call`, `submitted`, `under_review` or `info_requested`.
    pub stage: &'static str,
    pub days_in_stage: i64,
    /// A capability key.
    pub desired_role: &'static str,
    /// Markdown statement of support; empty before the application is submitted.
    pub statement: &'static str,
}

pub static ORGANIZATIONS: &[DemoOrg] = &[
    // Africa
    DemoOrg {
        name: "Kijiji Health Systems",
        slug: "kijiji-health",
        website: "https://www.kijiji-health.example",
        short_description: "Helps East African ministries of health connect their registries, clinics and reporting systems.",
        long_description: "Kijiji Health Systems works beside ministries of health in East Africa to plan, deploy and run \
            health information exchanges.\n\n\
            Our teams have supported national client registry roll-outs in Kenya and Tanzania, master facility lists \
            and the interoperability layer that ties them to clinic systems and national reporting.\n\n\
            We train county and district teams to run what we build together, so that the systems stay theirs long \
            after a project ends.",
        org_type: "ngo",
        hq_country: "KE",
        countries: &["KE", "TZ", "UG", "RW"],
        capabilities: &["implementation-support", "capacity-strengthening"],
        components: &["client-registry", "facility-registry", "interoperability-layer"],
        social: &[
            ("github", "https://github.example/kijiji-health"),
            ("linkedin", "https://linkedin.example/company/kijiji-health"),
            ("mastodon", "https://mastodon.example/@kijiji"),
        ],
        joined_days_ago: 1650,
        status: "active",
        featured: true,
        contact: DemoContact {
            name: "Wanjiru Kamau",
            title: "Director of Programs",
            email: "wanjiru.kamau@kijiji-health.example",
        },
        logo: DemoLogo { initials: "KH", primary: "#0b6e69", secondary: "#139a8f", shape: LogoShape::Circle },
    },
    DemoOrg {
        name: "Mwanga Data Collaborative",
        slug: "mwanga-data",
        website: "https://www.mwanga-data.example",
        short_description: "Builds data use skills among district health teams in Tanzania, Malawi and Zambia.",
        long_description: "Mwanga Data Collaborative trains district and regional health management teams to use their \
            routine data for everyday decisions.\n\n\
            - Quarterly data quality reviews with feedback to facilities\n\
            - Mentorship for health information officers\n\
            - Operational research on what makes dashboards get used\n\n\
            Our curricula are published under an open licence and have been adapted by three national training \
            institutions.",
        org_type: "ngo",
        hq_country: "TZ",
        countries: &["TZ", "MW", "ZM"],
        capabilities: &["capacity-strengthening", "research"],
        components: &["hmis", "shared-health-record"],
        social: &[
            ("linkedin", "https://linkedin.example/company/mwanga-data"),
            ("youtube", "https://youtube.example/@mwanga-data"),
        ],
        joined_days_ago: 980,
        status: "active",
        featured: false,
        contact: DemoContact { name: "Neema Mushi", title: "Executive Director", email: "neema@mwanga-data.example" },
        logo: DemoLogo { initials: "MD", primary: "#5b2d90", secondary: "#8a4fc7", shape: LogoShape::Hexagon },
    },
    DemoOrg {
        name: "Indaba Interop Labs",
        slug: "indaba-interop",
        website: "https://www.indaba-interop.example",
        short_description: "Maintains open-source interoperability middleware used by health programmes across southern Africa.",
        long_description: "Indaba Interop Labs builds and supports open-source middleware that routes, secures and audits \
            messages between health systems.\n\n\
            We contribute upstream to the community's reference software, keep a public roadmap, and offer long-term \
            support to ministries and implementing partners who run the interoperability layer in production.\n\n\
            Our engineers also maintain a small terminology service that maps local codes to national lists.",
        org_type: "company",
        hq_country: "ZA",
        countries: &["ZA", "BW", "NA", "LS", "SZ"],
        capabilities: &["software-application-support", "implementation-support"],
        components: &["interoperability-layer", "terminology-service"],
        social: &[
            ("github", "https://github.example/indaba-interop"),
            ("linkedin", "https://linkedin.example/company/indaba-interop"),
            ("youtube", "https://youtube.example/@indaba-interop"),
        ],
        joined_days_ago: 2200,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Sipho Ndlovu",
            title: "Chief Technology Officer",
            email: "sipho@indaba-interop.example",
        },
        logo: DemoLogo { initials: "IL", primary: "#9a3412", secondary: "#d4551a", shape: LogoShape::Diamond },
    },
    DemoOrg {
        name: "Akwaaba Digital Health",
        slug: "akwaaba-digital",
        website: "https://www.akwaaba-digital.example",
        short_description: "Designs point-of-service applications for community health workers and clinics in West Africa.",
        long_description: "Akwaaba Digital Health designs mobile applications for community health workers and primary \
            care clinics.\n\n\
            Our applications work offline and exchange data with national client registries through open standards, \
            so that a visit recorded in a village reaches the district record the same day.\n\n\
            Every release is tested with health workers in the field before it reaches a ministry's app store.",
        org_type: "company",
        hq_country: "GH",
        countries: &["GH", "NG", "SL", "LR"],
        capabilities: &["software-application-support"],
        components: &["point-of-service", "client-registry"],
        social: &[
            ("github", "https://github.example/akwaaba-digital"),
            ("linkedin", "https://linkedin.example/company/akwaaba-digital"),
        ],
        joined_days_ago: 720,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Kwame Mensah",
            title: "Managing Director",
            email: "kwame@akwaaba-digital.example",
        },
        logo: DemoLogo { initials: "AD", primary: "#92400e", secondary: "#c2700a", shape: LogoShape::RoundedSquare },
    },
    DemoOrg {
        name: "Lagos Institute of Health Informatics",
        slug: "lagos-health-informatics",
        website: "https://www.lagos-health-informatics.example",
        short_description: "A university institute training the next generation of health informaticians in West Africa.",
        long_description: "The Lagos Institute of Health Informatics runs graduate programmes in health informatics and \
            publishes research on digital health in West Africa.\n\n\
            Our students complete field placements with national programmes, and our faculty advise ministries on \
            terminology, data standards and the evaluation of national HMIS reforms.\n\n\
            Short courses for working professionals are taught in English and French.",
        org_type: "academic",
        hq_country: "NG",
        countries: &["NG", "GH", "CM"],
        capabilities: &["research", "capacity-strengthening"],
        components: &["hmis", "terminology-service"],
        social: &[
            ("linkedin", "https://linkedin.example/company/lagos-health-informatics"),
            ("youtube", "https://youtube.example/@lagos-health-informatics"),
        ],
        joined_days_ago: 1400,
        status: "active",
        featured: true,
        contact: DemoContact {
            name: "Adaeze Okafor",
            title: "Professor of Health Informatics",
            email: "a.okafor@lagos-health-informatics.example",
        },
        logo: DemoLogo { initials: "LI", primary: "#065f46", secondary: "#0f8a62", shape: LogoShape::Leaf },
    },
    DemoOrg {
        name: "Rwanda Health Exchange Partners",
        slug: "rwanda-hie-partners",
        website: "https://www.rwanda-hie-partners.example",
        short_description: "Supports a national health information exchange from design to daily operation.",
        long_description: "Rwanda Health Exchange Partners has supported the national health information exchange since \
            its first pilots.\n\n\
            We help run the shared health record, the client registry and the health worker registry, and we write \
            the operating procedures that keep them trustworthy.\n\n\
            We contribute our implementation experience back to the community's specifications and workflows.",
        org_type: "ngo",
        hq_country: "RW",
        countries: &["RW", "BI"],
        capabilities: &["implementation-support", "standards-development"],
        components: &["shared-health-record", "client-registry", "health-worker-registry"],
        social: &[
            ("github", "https://github.example/rwanda-hie-partners"),
            ("linkedin", "https://linkedin.example/company/rwanda-hie-partners"),
        ],
        joined_days_ago: 1900,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Jean-Paul Habimana",
            title: "Technical Lead",
            email: "jp.habimana@rwanda-hie-partners.example",
        },
        logo: DemoLogo { initials: "RH", primary: "#1d4ed8", secondary: "#3b82f6", shape: LogoShape::Circle },
    },
    DemoOrg {
        name: "Addis Health Data Lab",
        slug: "addis-data-lab",
        website: "https://www.addis-data-lab.example",
        short_description: "Studies how routine health and supply chain data can improve services in the Horn of Africa.",
        long_description: "Addis Health Data Lab is a research group that studies the quality and use of routine health \
            data.\n\n\
            Recent work covers stock-out prediction from logistics data and the linkage of aggregate reporting with \
            individual-level records.\n\n\
            We publish our methods and code so that ministries can repeat the analyses themselves.",
        org_type: "academic",
        hq_country: "ET",
        countries: &["ET", "SO", "DJ"],
        capabilities: &["research"],
        components: &["hmis", "lmis"],
        social: &[
            ("github", "https://github.example/addis-data-lab"),
            ("mastodon", "https://mastodon.example/@addisdatalab"),
        ],
        joined_days_ago: 400,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Selamawit Tesfaye",
            title: "Lab Director",
            email: "selamawit@addis-data-lab.example",
        },
        logo: DemoLogo { initials: "AL", primary: "#7c2d12", secondary: "#c2410c", shape: LogoShape::Hexagon },
    },
    DemoOrg {
        name: "Teranga Santé Numérique",
        slug: "teranga-sante",
        website: "https://www.teranga-sante.example",
        short_description: "Accompanies francophone West African countries in building master facility lists and workforce registries.",
        long_description: "Teranga Santé Numérique works with ministries of health in francophone West Africa.\n\n\
            We help countries build and maintain their master facility lists and health workforce registries, from \
            the first data collection to the governance that keeps them current.\n\n\
            All of our training is delivered in French, and our guides are shared with the community.",
        org_type: "ngo",
        hq_country: "SN",
        countries: &["SN", "ML", "BF", "CI"],
        capabilities: &["implementation-support", "capacity-strengthening"],
        components: &["facility-registry", "health-worker-registry"],
        social: &[
            ("github", "https://github.example/teranga-sante"),
            ("linkedin", "https://linkedin.example/company/teranga-sante"),
        ],
        joined_days_ago: 860,
        status: "active",
        featured: false,
        contact: DemoContact { name: "Aminata Diallo", title: "Coordinatrice", email: "aminata@teranga-sante.example" },
        logo: DemoLogo { initials: "TS", primary: "#0f766e", secondary: "#0d9488", shape: LogoShape::Leaf },
    },
    DemoOrg {
        name: "Malawi eHealth Alliance",
        slug: "malawi-ehealth",
        website: "https://www.malawi-ehealth.example",
        short_description: "Runs and supports electronic medical record systems in public clinics across Malawi.",
        long_description: "Malawi eHealth Alliance supports electronic medical records in public health facilities in \
            every region of Malawi.\n\n\
            Our field teams keep systems running on solar power, train clinicians, and connect facility systems to \
            the national shared health record.\n\n\
            We publish uptime and data completeness figures every quarter.",
        org_type: "ngo",
        hq_country: "MW",
        countries: &["MW"],
        capabilities: &["implementation-support"],
        components: &["point-of-service", "shared-health-record"],
        social: &[
            ("github", "https://github.example/malawi-ehealth"),
            ("linkedin", "https://linkedin.example/company/malawi-ehealth"),
            ("youtube", "https://youtube.example/@malawi-ehealth"),
        ],
        joined_days_ago: 2380,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Chikondi Banda",
            title: "Country Director",
            email: "chikondi@malawi-ehealth.example",
        },
        logo: DemoLogo { initials: "ME", primary: "#9d174d", secondary: "#db2777", shape: LogoShape::RoundedSquare },
    },
    DemoOrg {
        name: "Cameroon Health Standards Network",
        slug: "cameroon-standards",
        website: "https://www.cameroon-standards.example",
        short_description: "A volunteer network translating and localizing health data standards for Central Africa.",
        long_description: "The Cameroon Health Standards Network brings together clinicians, developers and \
            statisticians who localize terminologies and implementation guides.\n\n\
            Members contribute French translations, review profiles before they are balloted, and run monthly \
            community calls for implementers in Central Africa.",
        org_type: "open-source-community",
        hq_country: "CM",
        countries: &["CM", "GA", "TD", "CF"],
        capabilities: &["standards-development"],
        components: &["terminology-service"],
        social: &[
            ("github", "https://github.example/cameroon-standards"),
            ("mastodon", "https://mastodon.example/@camstandards"),
            ("youtube", "https://youtube.example/@cameroon-standards"),
        ],
        joined_days_ago: 260,
        status: "active",
        featured: false,
        contact: DemoContact { name: "Emmanuel Tabi", title: "Convener", email: "emmanuel@cameroon-standards.example" },
        logo: DemoLogo { initials: "CS", primary: "#166534", secondary: "#16a34a", shape: LogoShape::Diamond },
    },
    DemoOrg {
        name: "Ziwa County Digital Health Office",
        slug: "ziwa-county-health",
        website: "https://www.ziwa-county-health.example",
        short_description: "A county health department's digital health office, connecting its hospitals and clinics to national systems.",
        long_description: "The Ziwa County Digital Health Office runs the county's health information systems on behalf \
            of the county health department.\n\n\
            It connects county hospitals and health centres to the national client registry, the shared health \
            record and the insurance claims platform, and it reports through the national HMIS.\n\n\
            The office hosts learning visits for other counties and shares its procurement documents openly.",
        org_type: "government",
        hq_country: "KE",
        countries: &["KE"],
        capabilities: &["implementation-support", "capacity-strengthening"],
        components: &["shared-health-record", "client-registry", "hmis", "finance-insurance"],
        social: &[("linkedin", "https://linkedin.example/company/ziwa-county-health")],
        joined_days_ago: 520,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Akinyi Otieno",
            title: "County Health Informatics Officer",
            email: "akinyi.otieno@ziwa-county-health.example",
        },
        logo: DemoLogo { initials: "ZC", primary: "#23527c", secondary: "#2f8ab8", shape: LogoShape::RoundedSquare },
    },
    DemoOrg {
        name: "Open Registry Commons",
        slug: "open-registry-commons",
        website: "https://www.open-registry-commons.example",
        short_description: "Maintains open-source registry software used by several national programmes.",
        long_description: "Open Registry Commons maintains open-source client, facility and health worker registry \
            software.\n\n\
            Maintainers come from implementing organizations on three continents. Releases follow a published \
            schedule, and every matching algorithm ships with its test data.\n\n\
            We also take part in the community's registry specifications and connectathons.",
        org_type: "open-source-community",
        hq_country: "KE",
        countries: &["KE", "ET", "NG", "IN", "PH"],
        capabilities: &["software-application-support", "standards-development"],
        components: &["client-registry", "health-worker-registry", "facility-registry"],
        social: &[
            ("github", "https://github.example/open-registry-commons"),
            ("mastodon", "https://mastodon.example/@openregistry"),
        ],
        joined_days_ago: 1050,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Otieno Odhiambo",
            title: "Lead Maintainer",
            email: "otieno@open-registry-commons.example",
        },
        logo: DemoLogo { initials: "OR", primary: "#374151", secondary: "#0f8a6a", shape: LogoShape::Hexagon },
    },
    DemoOrg {
        name: "Salone Health Exchange",
        slug: "salone-hie",
        website: "https://www.salone-hie.example",
        short_description: "Helps Sierra Leone run its health information exchange and shares the lessons with the community.",
        long_description: "Salone Health Exchange supports the national health information exchange \
            programme in Sierra Leone.\n\n\
            We help connect district hospitals to the shared health record and align facility reporting with the \
            national HMIS.\n\n\
            We share governance documents, procurement lessons and architecture decisions with the community.",
        org_type: "ngo",
        hq_country: "SL",
        countries: &["SL"],
        capabilities: &["implementation-support"],
        components: &["shared-health-record", "hmis"],
        social: &[
            ("github", "https://github.example/salone-hie"),
            ("linkedin", "https://linkedin.example/company/salone-hie"),
        ],
        joined_days_ago: 95,
        status: "active",
        featured: false,
        contact: DemoContact { name: "Fatmata Kamara", title: "Coordinator", email: "fatmata@salone-hie.example" },
        logo: DemoLogo { initials: "SH", primary: "#14753f", secondary: "#1f9d55", shape: LogoShape::Circle },
    },
    DemoOrg {
        name: "Sahel Supply Chain Initiative",
        slug: "sahel-supply-chain",
        website: "https://www.sahel-supply-chain.example",
        short_description: "Strengthens medicine supply chains in the Sahel with interoperable logistics systems.",
        long_description: "Sahel Supply Chain Initiative works with central medical stores to follow medicines from the \
            warehouse to the clinic.\n\n\
            We help countries set up logistics management information systems and a national product catalogue, so \
            that every system names a product the same way.",
        org_type: "ngo",
        hq_country: "ML",
        countries: &["ML", "NE", "BF"],
        capabilities: &["implementation-support"],
        components: &["lmis", "product-catalogue"],
        social: &[("linkedin", "https://linkedin.example/company/sahel-supply-chain")],
        joined_days_ago: 0,
        status: "prospect",
        featured: false,
        contact: DemoContact {
            name: "Ousmane Traoré",
            title: "Program Manager",
            email: "ousmane@sahel-supply-chain.example",
        },
        logo: DemoLogo { initials: "SC", primary: "#8a5a00", secondary: "#b7791f", shape: LogoShape::Circle },
    },
    DemoOrg {
        name: "Zambezi Health Information Trust",
        slug: "zambezi-trust",
        website: "https://www.zambezi-trust.example",
        short_description: "Funded logistics and facility information systems in the Zambezi basin.",
        long_description: "The Zambezi Health Information Trust funded logistics and facility information systems in \
            Zambia, Zimbabwe and Mozambique.\n\n\
            Its grants paid for master facility lists, stock reporting from health centres and the training of \
            district pharmacists.",
        org_type: "foundation",
        hq_country: "ZM",
        countries: &["ZM", "ZW", "MZ"],
        capabilities: &["funding", "implementation-support"],
        components: &["lmis", "facility-registry"],
        social: &[("linkedin", "https://linkedin.example/company/zambezi-trust")],
        joined_days_ago: 1400,
        status: "lapsed",
        featured: false,
        contact: DemoContact { name: "Mutale Phiri", title: "Trustee", email: "mutale@zambezi-trust.example" },
        logo: DemoLogo { initials: "ZT", primary: "#3f6212", secondary: "#5b8a12", shape: LogoShape::Diamond },
    },
    // Asia
    DemoOrg {
        name: "Bharat Open Health Foundation",
        slug: "bharat-open-health",
        website: "https://www.bharat-open-health.example",
        short_description: "Funds open digital public goods for health in South Asia and the communities that sustain them.",
        long_description: "Bharat Open Health Foundation funds open-source digital health software and the communities \
            that build it.\n\n\
            We favour projects that publish their work openly, follow community standards and build local capacity \
            to sustain them. Our grants include multi-year maintenance budgets, not only launch costs.\n\n\
            Grantees meet twice a year to compare notes on shared health records and national health identifiers.",
        org_type: "foundation",
        hq_country: "IN",
        countries: &["IN", "NP", "BD", "LK"],
        capabilities: &["funding", "capacity-strengthening"],
        components: &["shared-health-record"],
        social: &[
            ("linkedin", "https://linkedin.example/company/bharat-open-health"),
            ("youtube", "https://youtube.example/@bharat-open-health"),
        ],
        joined_days_ago: 1100,
        status: "active",
        featured: true,
        contact: DemoContact {
            name: "Priya Raghavan",
            title: "Program Officer",
            email: "priya@bharat-open-health.example",
        },
        logo: DemoLogo { initials: "BO", primary: "#4338ca", secondary: "#6366f1", shape: LogoShape::Hexagon },
    },
    DemoOrg {
        name: "Dhaka Digital Care",
        slug: "dhaka-digital-care",
        website: "https://www.dhaka-digital-care.example",
        short_description: "Builds mobile tools for maternal and child health programmes in Bangladesh.",
        long_description: "Dhaka Digital Care builds mobile applications used by community health workers for maternal \
            and newborn care.\n\n\
            Our tools register mothers and children in the national client registry, remind families of antenatal \
            visits and immunizations, and share visit summaries with the nearest facility.\n\n\
            The source code is open, and translations are maintained by volunteers.",
        org_type: "company",
        hq_country: "BD",
        countries: &["BD"],
        capabilities: &["software-application-support"],
        components: &["point-of-service", "client-registry"],
        social: &[
            ("github", "https://github.example/dhaka-digital-care"),
            ("linkedin", "https://linkedin.example/company/dhaka-digital-care"),
        ],
        joined_days_ago: 540,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Farhan Rahman",
            title: "Head of Engineering",
            email: "farhan@dhaka-digital-care.example",
        },
        logo: DemoLogo { initials: "DC", primary: "#0e7490", secondary: "#0891b2", shape: LogoShape::RoundedSquare },
    },
    DemoOrg {
        name: "Mekong Health Informatics",
        slug: "mekong-informatics",
        website: "https://www.mekong-informatics.example",
        short_description: "Supports health information system strengthening across the Mekong region.",
        long_description: "Mekong Health Informatics helps ministries in the Mekong region align their health information \
            systems with national and regional reporting needs.\n\n\
            We support facility registries, HMIS configuration and the data sharing agreements that cross-border \
            disease surveillance depends on.\n\n\
            Our research team evaluates what each reform changed for district staff.",
        org_type: "ngo",
        hq_country: "VN",
        countries: &["VN", "LA", "KH", "TH"],
        capabilities: &["implementation-support", "research"],
        components: &["hmis", "facility-registry"],
        social: &[
            ("github", "https://github.example/mekong-informatics"),
            ("linkedin", "https://linkedin.example/company/mekong-informatics"),
        ],
        joined_days_ago: 1300,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Nguyen Thi Lan",
            title: "Director",
            email: "lan.nguyen@mekong-informatics.example",
        },
        logo: DemoLogo { initials: "MH", primary: "#b91c1c", secondary: "#ef4444", shape: LogoShape::Leaf },
    },
    DemoOrg {
        name: "Bayanihan Health Tech",
        slug: "bayanihan-health",
        website: "https://www.bayanihan-health.example",
        short_description: "Connects primary care systems to national insurance and registries in the Philippines.",
        long_description: "Bayanihan Health Tech builds integration services that connect primary care electronic \
            records with national health insurance and registries.\n\n\
            Claims that used to be typed twice now flow from the clinic record, and patients are matched against \
            the client registry before a claim is sent.\n\n\
            We work closely with local government units and publish our integration profiles openly.",
        org_type: "company",
        hq_country: "PH",
        countries: &["PH", "ID"],
        capabilities: &["software-application-support", "implementation-support"],
        components: &["interoperability-layer", "client-registry", "finance-insurance"],
        social: &[
            ("github", "https://github.example/bayanihan-health"),
            ("linkedin", "https://linkedin.example/company/bayanihan-health"),
            ("youtube", "https://youtube.example/@bayanihan-health"),
        ],
        joined_days_ago: 170,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Maria Santos",
            title: "Chief Executive",
            email: "maria.santos@bayanihan-health.example",
        },
        logo: DemoLogo { initials: "BH", primary: "#1e40af", secondary: "#2563eb", shape: LogoShape::Circle },
    },
    DemoOrg {
        name: "Pahad Health Network",
        slug: "pahad-health",
        website: "https://www.pahad-health.example",
        short_description: "Trains district health staff in the hills of Nepal and Bhutan to use their health information systems.",
        long_description: "Pahad Health Network runs hands-on training for district health staff in mountainous \
            regions, where the nearest trainer can be days away.\n\n\
            Our mentors combine short workshops with remote follow-up, and focus on the monthly HMIS reports that \
            health posts send.",
        org_type: "ngo",
        hq_country: "NP",
        countries: &["NP", "BT"],
        capabilities: &["capacity-strengthening"],
        components: &["hmis"],
        social: &[("linkedin", "https://linkedin.example/company/pahad-health")],
        joined_days_ago: 0,
        status: "prospect",
        featured: false,
        contact: DemoContact { name: "Sita Gurung", title: "Network Coordinator", email: "sita@pahad-health.example" },
        logo: DemoLogo { initials: "PN", primary: "#2f6b2f", secondary: "#4a9a3a", shape: LogoShape::Diamond },
    },
    DemoOrg {
        name: "Nusantara Data Health",
        slug: "nusantara-data",
        website: "https://www.nusantara-data.example",
        short_description: "Builds logistics information systems for island health supply chains.",
        long_description: "Nusantara Data Health builds logistics software for medicine supply chains that stretch \
            across many islands.\n\n\
            Our system works on intermittent connections and keeps a product catalogue in step with the national \
            list of essential medicines.",
        org_type: "company",
        hq_country: "ID",
        countries: &["ID", "TL"],
        capabilities: &["software-application-support"],
        components: &["lmis", "product-catalogue"],
        social: &[
            ("github", "https://github.example/nusantara-data"),
            ("linkedin", "https://linkedin.example/company/nusantara-data"),
        ],
        joined_days_ago: 0,
        status: "prospect",
        featured: false,
        contact: DemoContact { name: "Budi Santoso", title: "Founder", email: "budi@nusantara-data.example" },
        logo: DemoLogo { initials: "ND", primary: "#a21caf", secondary: "#c026d3", shape: LogoShape::Hexagon },
    },
    // The Americas
    DemoOrg {
        name: "Andes Salud Digital",
        slug: "andes-salud",
        website: "https://www.andes-salud.example",
        short_description: "Supports interoperable health records for rural communities in the Andes.",
        long_description: "Andes Salud Digital works with regional health directorates in Peru, Bolivia and Ecuador.\n\n\
            We support shared health records that follow patients between rural health posts and hospitals, often \
            over unreliable connections.\n\n\
            Our terminology team translates clinical terminology into Spanish and Quechua, together with the \
            community health workers who use it.",
        org_type: "ngo",
        hq_country: "PE",
        countries: &["PE", "BO", "EC"],
        capabilities: &["implementation-support", "capacity-strengthening"],
        components: &["shared-health-record", "terminology-service"],
        social: &[
            ("github", "https://github.example/andes-salud"),
            ("linkedin", "https://linkedin.example/company/andes-salud"),
            ("youtube", "https://youtube.example/@andes-salud"),
        ],
        joined_days_ago: 1750,
        status: "active",
        featured: true,
        contact: DemoContact {
            name: "Lucía Quispe",
            title: "Directora Ejecutiva",
            email: "lucia.quispe@andes-salud.example",
        },
        logo: DemoLogo { initials: "AS", primary: "#8c2f39", secondary: "#c2414b", shape: LogoShape::Leaf },
    },
    DemoOrg {
        name: "Maya Health Informatics",
        slug: "maya-informatics",
        website: "https://www.maya-informatics.example",
        short_description: "Brings point-of-care systems and health worker registries to Central America.",
        long_description: "Maya Health Informatics supports ministries in Central America with point-of-care \
            applications and health worker registries.\n\n\
            Our interfaces are available in Spanish and in several Mayan languages, and they are designed with the \
            nurses and auxiliaries who use them every day.",
        org_type: "ngo",
        hq_country: "GT",
        countries: &["GT", "HN", "SV"],
        capabilities: &["implementation-support"],
        components: &["point-of-service", "health-worker-registry"],
        social: &[
            ("github", "https://github.example/maya-informatics"),
            ("linkedin", "https://linkedin.example/company/maya-informatics"),
        ],
        joined_days_ago: 600,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Carlos Ixcoy",
            title: "Technical Director",
            email: "carlos@maya-informatics.example",
        },
        logo: DemoLogo { initials: "MI", primary: "#047857", secondary: "#059669", shape: LogoShape::RoundedSquare },
    },
    DemoOrg {
        name: "Brasil Saúde Aberta",
        slug: "brasil-saude-aberta",
        website: "https://www.brasil-saude-aberta.example",
        short_description: "An open-source community building Portuguese-language health interoperability tools.",
        long_description: "Brasil Saúde Aberta is a community of developers and health professionals building \
            open-source interoperability tools in Portuguese.\n\n\
            Members maintain translated implementation guides, a terminology server configuration and test tools \
            for connectathons.\n\n\
            We share our work with Portuguese-speaking countries in Africa.",
        org_type: "open-source-community",
        hq_country: "BR",
        countries: &["BR", "MZ", "AO", "CV"],
        capabilities: &["software-application-support", "standards-development"],
        components: &["terminology-service", "interoperability-layer"],
        social: &[
            ("github", "https://github.example/brasil-saude-aberta"),
            ("mastodon", "https://mastodon.example/@saudeaberta"),
        ],
        joined_days_ago: 2100,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Ana Souza",
            title: "Community Lead",
            email: "ana.souza@brasil-saude-aberta.example",
        },
        logo: DemoLogo { initials: "BS", primary: "#15803d", secondary: "#0e7490", shape: LogoShape::Circle },
    },
    DemoOrg {
        name: "Andean Health Funders Circle",
        slug: "andean-funders-circle",
        website: "https://www.andean-funders-circle.example",
        short_description: "Pools philanthropic funding for interoperable health systems in South America.",
        long_description: "The Andean Health Funders Circle pools philanthropic funding for digital health in South \
            America.\n\n\
            It funds open, standards-based work led by national institutions, and asks every grantee to plan for \
            the years after the grant ends.",
        org_type: "foundation",
        hq_country: "CL",
        countries: &["CL", "PE", "BO", "AR"],
        capabilities: &["funding"],
        components: &["interoperability-layer"],
        social: &[("linkedin", "https://linkedin.example/company/andean-funders-circle")],
        joined_days_ago: 820,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Valentina Rojas",
            title: "Program Director",
            email: "valentina@andean-funders-circle.example",
        },
        logo: DemoLogo { initials: "AF", primary: "#9f1239", secondary: "#e0335e", shape: LogoShape::Leaf },
    },
    DemoOrg {
        name: "Colombia Health Data Institute",
        slug: "colombia-data-institute",
        website: "https://www.colombia-data-institute.example",
        short_description: "Researches the use of routine health data for public health decisions in Colombia.",
        long_description: "The Colombia Health Data Institute studies how routine data informs public health \
            decisions.\n\n\
            Its researchers work with departmental health secretariats on HMIS data quality and on the timeliness \
            of notifiable disease reporting.",
        org_type: "academic",
        hq_country: "CO",
        countries: &["CO"],
        capabilities: &["research"],
        components: &["hmis"],
        social: &[("linkedin", "https://linkedin.example/company/colombia-data-institute")],
        joined_days_ago: 0,
        status: "prospect",
        featured: false,
        contact: DemoContact {
            name: "Andrés Gómez",
            title: "Research Director",
            email: "andres.gomez@colombia-data-institute.example",
        },
        logo: DemoLogo { initials: "CI", primary: "#6b3f1d", secondary: "#a0612b", shape: LogoShape::Diamond },
    },
    DemoOrg {
        name: "Haiti Santé Connect",
        slug: "haiti-sante-connect",
        website: "https://www.haiti-sante-connect.example",
        short_description: "Supported electronic medical records and a client registry for public clinics in Haiti.",
        long_description: "Haiti Santé Connect supported electronic medical records in public clinics and the national \
            client registry.\n\n\
            Its teams trained data clerks in every department and documented how records were reconciled after \
            clinics reopened.",
        org_type: "ngo",
        hq_country: "HT",
        countries: &["HT"],
        capabilities: &["implementation-support"],
        components: &["shared-health-record", "client-registry"],
        social: &[("linkedin", "https://linkedin.example/company/haiti-sante-connect")],
        joined_days_ago: 1900,
        status: "lapsed",
        featured: false,
        contact: DemoContact {
            name: "Marie-Claire Joseph",
            title: "Directrice",
            email: "marie-claire@haiti-sante-connect.example",
        },
        logo: DemoLogo { initials: "HS", primary: "#0369a1", secondary: "#0284c7", shape: LogoShape::Hexagon },
    },
    DemoOrg {
        name: "Great Lakes Digital Health",
        slug: "great-lakes-digital",
        website: "https://www.great-lakes-digital.example",
        short_description: "Provides engineering support for national shared health record deployments.",
        long_description: "Great Lakes Digital Health provides engineering teams and long-term support for shared \
            health record deployments.\n\n\
            We work under the leadership of national teams, pair every engineer with a local counterpart, and \
            contribute our fixes upstream.",
        org_type: "company",
        hq_country: "US",
        countries: &["US", "KE", "UG"],
        capabilities: &["software-application-support", "implementation-support"],
        components: &["interoperability-layer", "shared-health-record"],
        social: &[
            ("github", "https://github.example/great-lakes-digital"),
            ("linkedin", "https://linkedin.example/company/great-lakes-digital"),
        ],
        joined_days_ago: 2350,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Emily Carter",
            title: "VP, Global Programs",
            email: "emily.carter@great-lakes-digital.example",
        },
        logo: DemoLogo { initials: "GL", primary: "#334155", secondary: "#64748b", shape: LogoShape::RoundedSquare },
    },
    DemoOrg {
        name: "Maple Health Standards",
        slug: "maple-standards",
        website: "https://www.maple-standards.example",
        short_description: "Develops implementation guides and trains implementers in health data standards.",
        long_description: "Maple Health Standards writes implementation guides, reviews profiles and teaches courses on \
            health data standards.\n\n\
            We co-author guides with country teams so that standards fit local workflows, and we host a public \
            terminology server for the value sets they publish.",
        org_type: "ngo",
        hq_country: "CA",
        countries: &["CA", "GH", "TZ"],
        capabilities: &["standards-development", "capacity-strengthening"],
        components: &["terminology-service", "facility-registry"],
        social: &[
            ("github", "https://github.example/maple-standards"),
            ("youtube", "https://youtube.example/@maple-standards"),
        ],
        joined_days_ago: 1500,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Olivia Tremblay",
            title: "Standards Lead",
            email: "olivia@maple-standards.example",
        },
        logo: DemoLogo { initials: "MS", primary: "#a61b29", secondary: "#e0442f", shape: LogoShape::Leaf },
    },
    // Europe
    DemoOrg {
        name: "Nordic Interop Council",
        slug: "nordic-interop-council",
        website: "https://www.nordic-interop-council.example",
        short_description: "A council of Nordic health agencies sharing standards work and funding global interoperability.",
        long_description: "The Nordic Interop Council coordinates standards work among Nordic health \
            agencies.\n\n\
            It funds terminology and interoperability work that benefits low- and middle-income countries, and \
            seconds experts to the community's architecture and terminology working groups.",
        org_type: "multilateral",
        hq_country: "NO",
        countries: &["NO", "SE", "DK", "FI", "IS"],
        capabilities: &["standards-development", "funding"],
        components: &["terminology-service", "interoperability-layer"],
        social: &[
            ("linkedin", "https://linkedin.example/company/nordic-interop-council"),
            ("youtube", "https://youtube.example/@nordic-interop-council"),
        ],
        joined_days_ago: 2000,
        status: "active",
        featured: true,
        contact: DemoContact {
            name: "Ingrid Larsen",
            title: "Secretary General",
            email: "ingrid.larsen@nordic-interop-council.example",
        },
        logo: DemoLogo { initials: "NC", primary: "#1e3a8a", secondary: "#3b6fd8", shape: LogoShape::Circle },
    },
    DemoOrg {
        name: "Delft Health Systems Research",
        slug: "delft-health-research",
        website: "https://www.delft-health-research.example",
        short_description: "Researches health information system architectures and their governance.",
        long_description: "Delft Health Systems Research studies the architecture and governance of national health \
            information systems.\n\n\
            Recent projects compare how countries govern their HMIS and logistics systems, and what that means for \
            data quality.\n\n\
            We run joint PhD programmes with universities in Ethiopia and Indonesia.",
        org_type: "academic",
        hq_country: "NL",
        countries: &["NL", "ET", "ID"],
        capabilities: &["research", "capacity-strengthening"],
        components: &["hmis", "lmis"],
        social: &[
            ("github", "https://github.example/delft-health-research"),
            ("mastodon", "https://mastodon.example/@delfthealth"),
        ],
        joined_days_ago: 900,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Pieter de Vries",
            title: "Associate Professor",
            email: "p.devries@delft-health-research.example",
        },
        logo: DemoLogo { initials: "DR", primary: "#c2410c", secondary: "#ea580c", shape: LogoShape::Hexagon },
    },
    DemoOrg {
        name: "Leman Digital Health Compact",
        slug: "leman-compact",
        website: "https://www.leman-compact.example",
        short_description: "Convenes donors and countries around shared, standards-based digital health investments.",
        long_description: "The Leman Digital Health Compact convenes donors, agencies and ministries around coordinated \
            investments in digital health.\n\n\
            It funds shared infrastructure that follows community standards, such as national product catalogues \
            and interoperability layers, and publishes every funding decision.",
        org_type: "multilateral",
        hq_country: "CH",
        countries: &["CH", "RW", "SN", "KE", "IN"],
        capabilities: &["funding", "standards-development"],
        components: &["interoperability-layer", "product-catalogue"],
        social: &[
            ("linkedin", "https://linkedin.example/company/leman-compact"),
            ("youtube", "https://youtube.example/@leman-compact"),
        ],
        joined_days_ago: 1800,
        status: "active",
        featured: false,
        contact: DemoContact {
            name: "Claire Dubois",
            title: "Head of Partnerships",
            email: "claire.dubois@leman-compact.example",
        },
        logo: DemoLogo { initials: "LC", primary: "#be123c", secondary: "#e11d48", shape: LogoShape::Diamond },
    },
    DemoOrg {
        name: "Thames Health Analytics",
        slug: "thames-analytics",
        website: "https://www.thames-analytics.example",
        short_description: "Builds analytics tools on top of national health management information systems.",
        long_description: "Thames Health Analytics builds dashboards and analysis tools that sit on top of national \
            HMIS platforms.\n\n\
            Our tools are open source and designed for low-bandwidth settings. Each dashboard is co-designed with \
            the district teams who will read it.",
        org_type: "company",
        hq_country: "GB",
        countries: &["GB", "NG", "MW"],
        capabilities: &["software-application-support", "research"],
        components: &["hmis"],
        social: &[
            ("github", "https://github.example/thames-analytics"),
            ("linkedin", "https://linkedin.example/company/thames-analytics"),
        ],
        joined_days_ago: 450,
        status: "active",
        featured: false,
        contact: DemoContact { name: "James Whitfield", title: "Director", email: "james@thames-analytics.example" },
        logo: DemoLogo { initials: "TA", primary: "#1f2937", secondary: "#4b5563", shape: LogoShape::RoundedSquare },
    },
    DemoOrg {
        name: "Rhein Terminology Services",
        slug: "rhein-terminology",
        website: "https://www.rhein-terminology.example",
        short_description: "Hosts terminology servers and maps national code lists to international standards.",
        long_description: "Rhein Terminology Services hosts terminology servers for ministries and implementers.\n\n\
            Our terminologists map national code lists to international classifications, and we publish the maps \
            as versioned value sets that other systems can depend on.",
        org_type: "company",
        hq_country: "DE",
        countries: &["DE", "AT", "TZ"],
        capabilities: &["standards-development", "software-application-support"],
        components: &["terminology-service"],
        social: &[
            ("github", "https://github.example/rhein-terminology"),
            ("linkedin", "https://linkedin.example/company/rhein-terminology"),
        ],
        joined_days_ago: 0,
        status: "prospect",
        featured: false,
        contact: DemoContact {
            name: "Lena Fischer",
            title: "Managing Director",
            email: "lena.fischer@rhein-terminology.example",
        },
        logo: DemoLogo { initials: "RT", primary: "#0f172a", secondary: "#334b7a", shape: LogoShape::Leaf },
    },
    // Oceania
    DemoOrg {
        name: "Southern Cross Health Informatics",
        slug: "southern-cross-informatics",
        website: "https://www.southern-cross-informatics.example",
        short_description: "Trains Pacific health informaticians and studies health information systems in small island states.",
        long_description: "Southern Cross Health Informatics runs short courses and graduate supervision for health \
            informaticians across the Pacific.\n\n\
            Our research focuses on health information systems in small island states, where one person may run \
            the HMIS, the facility list and the server room.\n\n\
            Alumni of our courses now lead health information units in six countries.",
        org_type: "academic",
        hq_country: "AU",
        countries: &["AU", "PG", "SB", "FJ"],
        capabilities: &["research", "capacity-strengthening"],
        components: &["facility-registry", "hmis"],
        social: &[
            ("linkedin", "https://linkedin.example/company/southern-cross-informatics"),
            ("youtube", "https://youtube.example/@southern-cross-informatics"),
        ],
        joined_days_ago: 1600,
        status: "active",
        featured: true,
        contact: DemoContact {
            name: "Sarah Mitchell",
            title: "Centre Director",
            email: "sarah.mitchell@southern-cross-informatics.example",
        },
        logo: DemoLogo { initials: "SX", primary: "#12355b", secondary: "#2f6fa8", shape: LogoShape::Circle },
    },
    DemoOrg {
        name: "Vaka Health Network",
        slug: "vaka-health",
        website: "https://www.vaka-health.example",
        short_description: "Supports ministries of health across the Pacific with shared health information tools.",
        long_description: "Vaka Health Network supports small ministries of health that share tools, training and \
            regional reporting.\n\n\
            We help countries configure their HMIS and keep master facility lists current with very few staff.\n\n\
            Countries in the network review each other's configurations before every reporting season.",
        org_type: "ngo",
        hq_country: "FJ",
        countries: &["FJ", "WS", "TO", "VU", "KI"],
        capabilities: &["implementation-support"],
        components: &["hmis", "facility-registry"],
        social: &[
            ("github", "https://github.example/vaka-health"),
            ("linkedin", "https://linkedin.example/company/vaka-health"),
        ],
        joined_days_ago: 700,
        status: "active",
        featured: false,
        contact: DemoContact { name: "Mere Tuilagi", title: "Regional Coordinator", email: "mere@vaka-health.example" },
        logo: DemoLogo { initials: "VH", primary: "#0e6b8a", secondary: "#1496b8", shape: LogoShape::Leaf },
    },
];

pub static POSTS: &[DemoPost] = &[
    DemoPost {
        kind: "announcement",
        slug: "welcome-salone-hie",
        title: "Welcome, Salone Health Exchange",
        summary: "A health information exchange team from Sierra Leone joins the partner program.",
        body: "The Operational Committee is glad to welcome the **Salone Health Exchange** as a partner \
            organization.\n\n\
            The team supports Sierra Leone's national health information exchange. It will share its \
            governance documents and procurement lessons with the community, and has offered to host a session on \
            connecting district hospitals to a shared health record.",
        partners: &["salone-hie"],
        countries: &["SL"],
        published_days_ago: 80,
    },
    DemoPost {
        kind: "announcement",
        slug: "welcome-bayanihan-health",
        title: "Bayanihan Health Tech joins as a partner",
        summary: "A software company from the Philippines joins the partner program.",
        body: "Please welcome **Bayanihan Health Tech**, which connects primary care records with national health \
            insurance and registries in the Philippines.\n\n\
            Bayanihan will contribute its integration profiles for insurance claims to the community's finance and \
            insurance discussions.",
        partners: &["bayanihan-health"],
        countries: &["PH"],
        published_days_ago: 150,
    },
    DemoPost {
        kind: "announcement",
        slug: "welcome-cameroon-standards",
        title: "Cameroon Health Standards Network becomes a partner",
        summary: "A volunteer standards network from Central Africa joins the partner program.",
        body: "The **Cameroon Health Standards Network** localizes health data standards for Central Africa and joins \
            the program as a partner organization.\n\n\
            Its volunteers already review French translations of implementation guides; as a partner, the network \
            will also help the terminology working group plan its next release.",
        partners: &["cameroon-standards"],
        countries: &["CM"],
        published_days_ago: 240,
    },
    DemoPost {
        kind: "blog",
        slug: "registries-that-last",
        title: "Registries that last: lessons from ten years of client registries",
        summary: "What makes a national client registry survive changes of government, funding and technology.",
        body: "Client registries fail less often for technical reasons than for institutional ones. Kijiji Health \
            Systems and Open Registry Commons looked back at the registries they have helped build.\n\n\
            What worked:\n\n\
            - Give the registry an owner inside the ministry\n\
            - Budget for data stewards, not only for servers\n\
            - Publish the matching rules, and test them with real data\n\n\
            What did not: registries that belonged to a single project ended when the project did.",
        partners: &["kijiji-health", "open-registry-commons"],
        countries: &["KE", "TZ"],
        published_days_ago: 35,
    },
    DemoPost {
        kind: "blog",
        slug: "terminology-in-quechua",
        title: "Translating terminology into Quechua",
        summary: "How a small team brought clinical terminology to rural health posts in the Andes.",
        body: "Translating a terminology is not a word-for-word job. Andes Salud Digital worked with community health \
            workers to agree on terms that patients understand.\n\n\
            The team kept every translation in the terminology service next to its source concept, so that a \
            clinician in Cusco and a data analyst in Lima read the same record in their own words.",
        partners: &["andes-salud"],
        countries: &["PE", "BO"],
        published_days_ago: 60,
    },
    DemoPost {
        kind: "impact-story",
        slug: "malawi-emr-across-the-country",
        title: "One shared record, from health centre to district hospital",
        summary: "How electronic medical records reached public clinics across Malawi.",
        body: "Over a decade, the Malawi eHealth Alliance and the Ministry of Health brought electronic medical records \
            to public clinics across the country.\n\n\
            Today a patient's history follows them from the health centre to the district hospital, and monthly \
            reports are produced from the records instead of from paper registers.\n\n\
            > The system is ours now. We fix it, we train on it, we decide what comes next.",
        partners: &["malawi-ehealth"],
        countries: &["MW"],
        published_days_ago: 20,
    },
    DemoPost {
        kind: "impact-story",
        slug: "pacific-facility-lists",
        title: "A facility list for every island",
        summary: "Small ministries in the Pacific share tools to keep their facility lists current.",
        body: "Vaka Health Network and Southern Cross Health Informatics helped five ministries publish master facility \
            lists that they maintain themselves.\n\n\
            Each ministry reviews another's list before the reporting season, a habit that has caught closed \
            clinics, duplicate names and missing coordinates.",
        partners: &["vaka-health", "southern-cross-informatics"],
        countries: &["FJ", "WS", "TO"],
        published_days_ago: 110,
    },
    DemoPost {
        kind: "thought-piece",
        slug: "funding-digital-public-goods",
        title: "Funding digital public goods without creating dependence",
        summary: "Why funders should pay for maintenance and local ownership, not only for launches.",
        body: "Launch budgets are easy to find; maintenance budgets are not. The Bharat Open Health Foundation and the \
            Nordic Interop Council argue for funding that follows ownership.\n\n\
            1. Fund the years after go-live, not only the launch.\n\
            2. Pay for the people who run a system, not only for its licences.\n\
            3. Ask for open standards and open code, and pay for the work they take.",
        partners: &["bharat-open-health", "nordic-interop-council"],
        countries: &["IN", "NP"],
        published_days_ago: 45,
    },
    DemoPost {
        kind: "webinar",
        slug: "webinar-shared-health-records",
        title: "Webinar: shared health records in practice",
        summary: "Partners from three continents compare how they run shared health records in production.",
        body: "Join Rwanda Health Exchange Partners, Andes Salud Digital and Great Lakes Digital Health for a practical \
            discussion of shared health records in production.\n\n\
            - How to roll out facility by facility\n\
            - Who fixes a wrongly merged record\n\
            - What to monitor every morning\n\n\
            There will be time for questions.",
        partners: &["rwanda-hie-partners", "andes-salud", "great-lakes-digital"],
        countries: &["RW", "PE", "KE"],
        published_days_ago: -21,
    },
    DemoPost {
        kind: "webinar",
        slug: "webinar-terminology-services",
        title: "Webinar: terminology services for beginners",
        summary: "An introduction to terminology services and how to start one.",
        body: "Maple Health Standards introduced terminology services, code systems and value sets, and the Cameroon \
            Health Standards Network showed how volunteers translate them.\n\n\
            The recording and the slides are available to everyone in the community.",
        partners: &["maple-standards", "cameroon-standards"],
        countries: &["CA", "GH", "CM"],
        published_days_ago: 50,
    },
];

pub static APPLICATIONS: &[DemoApplication] = &[
    DemoApplication {
        org_slug: "sahel-supply-chain",
        stage: "under_review",
        days_in_stage: 9,
        desired_role: "implementation-support",
        statement: "Sahel Supply Chain Initiative supports the mission of the community: health systems that share \
            data through open standards, owned by the countries that run them.\n\n\
            As a partner we would share our experience of logistics information systems and national product \
            catalogues in Mali, Niger and Burkina Faso, and help write the supply chain workflows.",
    },
    DemoApplication {
        org_slug: "pahad-health",
        stage: "interest",
        days_in_stage: 3,
        desired_role: "capacity-strengthening",
        statement: "",
    },
    DemoApplication {
        org_slug: "nusantara-data",
        stage: "intro_call",
        days_in_stage: 6,
        desired_role: "software-application-support",
        statement: "",
    },
    DemoApplication {
        org_slug: "colombia-data-institute",
        stage: "submitted",
        days_in_stage: 2,
        desired_role: "research",
        statement: "The Colombia Health Data Institute wishes to contribute research on the use of routine data and \
            to collaborate with the community's academic partners on evaluation methods.",
    },
    DemoApplication {
        org_slug: "rhein-terminology",
        stage: "info_requested",
        days_in_stage: 12,
        desired_role: "standards-development",
        statement: "Rhein Terminology Services would contribute its experience of hosting terminology servers and \
            of mapping national code lists to international classifications.\n\n\
            We would take part in the terminology working group and help review value sets before release.",
    },
];

/// (organization slug, country, title, description) of the country implementation activities partners share.
pub static ACTIVITIES: &[(&str, &str, &str, &str)] = &[
    (
        "kijiji-health",
        "KE",
        "National client registry roll-out",
        "Supported the Ministry of Health in rolling out the client registry to 12 counties, with county teams trained to run it.",
    ),
    (
        "kijiji-health",
        "TZ",
        "Facility master list clean-up",
        "Helped regional teams reconcile three facility lists into one master facility list.",
    ),
    (
        "kijiji-health",
        "UG",
        "Interoperability layer pilot",
        "Connected two district hospitals and their laboratories through the interoperability layer.",
    ),
    (
        "malawi-ehealth",
        "MW",
        "Electronic medical records in public clinics",
        "Keeps electronic medical records running in public clinics across all regions, with clinician training.",
    ),
    (
        "andes-salud",
        "PE",
        "Shared health record for rural posts",
        "Links rural health posts and referral hospitals in two regions through a shared health record.",
    ),
    (
        "andes-salud",
        "BO",
        "Terminology in Spanish and Quechua",
        "Translated and reviewed the terminology content used by primary care forms.",
    ),
    (
        "rwanda-hie-partners",
        "RW",
        "Health information exchange operations",
        "Supports the operation and monitoring of the national health information exchange.",
    ),
    (
        "indaba-interop",
        "ZA",
        "Provincial interoperability middleware",
        "Runs the middleware that routes laboratory results to clinics in three provinces.",
    ),
    (
        "vaka-health",
        "FJ",
        "Master facility list",
        "Published a master facility list maintained by the ministry's own staff.",
    ),
    (
        "bharat-open-health",
        "NP",
        "Grants for open registries",
        "Funded the open-source registry work of two local teams.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const CAPABILITIES: &[&str] = &[
        "standards-development",
        "implementation-support",
        "software-application-support",
        "capacity-strengthening",
        "research",
        "funding",
    ];
    const COMPONENTS: &[&str] = &[
        "interoperability-layer",
        "client-registry",
        "facility-registry",
        "health-worker-registry",
        "terminology-service",
        "shared-health-record",
        "product-catalogue",
        "hmis",
        "lmis",
        "finance-insurance",
        "point-of-service",
    ];
    const ORG_TYPES: &[&str] =
        &["ngo", "company", "academic", "government", "multilateral", "foundation", "open-source-community"];
    const STATUSES: &[&str] = &["active", "lapsed", "prospect"];
    const SOCIAL_KINDS: &[&str] = &["github", "linkedin", "mastodon", "youtube"];
    const POST_KINDS: &[&str] = &["announcement", "blog", "impact-story", "thought-piece", "webinar"];
    const STAGES: &[&str] = &["interest", "intro_call", "submitted", "under_review", "info_requested"];

    fn count(status: &str) -> usize {
        ORGANIZATIONS.iter().filter(|o| o.status == status).count()
    }

    fn org(slug: &str) -> Option<&'static DemoOrg> {
        ORGANIZATIONS.iter().find(|o| o.slug == slug)
    }

    fn is_slug(s: &str) -> bool {
        !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
    }

    fn is_country_code(s: &str) -> bool {
        s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
    }

    /// The host of an `https://` address, if it has one.
    fn host(url: &str) -> Option<&str> {
        url.strip_prefix("https://")?.split(['/', '?', '#']).next()
    }

    /// WCAG contrast ratio of a `#rrggbb` color against white.
    fn contrast_with_white(color: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&color[i..i + 2], 16).unwrap_or(0)) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        let luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
        1.05 / (luminance + 0.05)
    }

    #[test]
    fn there_are_thirty_six_organizations_twenty_nine_active_two_lapsed_and_five_applying() {
        assert_eq!(ORGANIZATIONS.len(), 36);
        assert_eq!((count("active"), count("lapsed"), count("prospect")), (29, 2, 5));
    }

    #[test]
    fn six_active_partners_are_featured_and_nobody_else() {
        let featured: Vec<_> = ORGANIZATIONS.iter().filter(|o| o.featured).collect();
        assert_eq!(featured.len(), 6);
        assert!(featured.iter().all(|o| o.status == "active"));
    }

    #[test]
    fn slugs_and_names_are_unique_and_slugs_are_well_formed() {
        let slugs: HashSet<_> = ORGANIZATIONS.iter().map(|o| o.slug).collect();
        assert_eq!(slugs.len(), ORGANIZATIONS.len());
        let names: HashSet<_> = ORGANIZATIONS.iter().map(|o| o.name).collect();
        assert_eq!(names.len(), ORGANIZATIONS.len());
        for org in ORGANIZATIONS {
            assert!(is_slug(org.slug), "{}", org.slug);
        }
        let posts: HashSet<_> = POSTS.iter().map(|p| p.slug).collect();
        assert_eq!(posts.len(), POSTS.len());
        assert!(POSTS.iter().all(|p| is_slug(p.slug)));
    }

    #[test]
    fn every_key_is_in_its_vocabulary() {
        for org in ORGANIZATIONS {
            assert!(ORG_TYPES.contains(&org.org_type), "{}: {}", org.slug, org.org_type);
            assert!(STATUSES.contains(&org.status), "{}: {}", org.slug, org.status);
            assert!(!org.capabilities.is_empty() && !org.components.is_empty(), "{}", org.slug);
            for key in org.capabilities {
                assert!(CAPABILITIES.contains(key), "{}: {key}", org.slug);
            }
            for key in org.components {
                assert!(COMPONENTS.contains(key), "{}: {key}", org.slug);
            }
            assert_eq!(org.capabilities.iter().collect::<HashSet<_>>().len(), org.capabilities.len(), "{}", org.slug);
            assert_eq!(org.components.iter().collect::<HashSet<_>>().len(), org.components.len(), "{}", org.slug);
        }
    }

    #[test]
    fn the_demo_uses_every_organization_type_capability_and_component() {
        for org_type in ORG_TYPES {
            assert!(ORGANIZATIONS.iter().any(|o| o.org_type == *org_type), "{org_type}");
        }
        for key in CAPABILITIES {
            assert!(ORGANIZATIONS.iter().any(|o| o.status == "active" && o.capabilities.contains(key)), "{key}");
        }
        for key in COMPONENTS {
            assert!(ORGANIZATIONS.iter().any(|o| o.status == "active" && o.components.contains(key)), "{key}");
        }
    }

    #[test]
    fn country_codes_are_two_upper_case_letters_and_each_organization_works_in_one_to_eight() {
        for org in ORGANIZATIONS {
            assert!(is_country_code(org.hq_country), "{}: {}", org.slug, org.hq_country);
            assert!((1..=8).contains(&org.countries.len()), "{}", org.slug);
            assert!(org.countries.iter().all(|c| is_country_code(c)), "{}: {:?}", org.slug, org.countries);
            assert_eq!(org.countries.iter().collect::<HashSet<_>>().len(), org.countries.len(), "{}", org.slug);
        }
        for post in POSTS {
            assert!(post.countries.iter().all(|c| is_country_code(c)), "{}", post.slug);
        }
    }

    #[test]
    fn headquarters_are_spread_over_every_inhabited_continent() {
        let at_least = |codes: &[&str], n: usize| {
            let found = ORGANIZATIONS.iter().filter(|o| codes.contains(&o.hq_country)).count();
            assert!(found >= n, "{found} of {n} headquarters in {codes:?}");
        };
        at_least(&["KE", "TZ", "UG", "RW", "NG", "GH", "ZA", "MW", "ET", "SN", "CM"], 8);
        at_least(&["IN", "BD", "PH", "VN", "ID", "NP"], 4);
        at_least(&["BR", "PE", "GT", "CO", "US", "CA", "HT"], 4);
        at_least(&["NO", "NL", "CH", "GB", "DE"], 4);
        at_least(&["AU", "FJ", "PG"], 2);
    }

    #[test]
    fn a_short_description_is_one_sentence_and_a_long_one_has_two_to_four_paragraphs() {
        for org in ORGANIZATIONS {
            let short = org.short_description;
            assert!(short.chars().count() <= 160, "{}", org.slug);
            assert!(short.ends_with('.') && !short.trim_end_matches('.').contains(". "), "{}", org.slug);
            let paragraphs = org.long_description.split("\n\n").count();
            assert!((2..=4).contains(&paragraphs), "{}: {paragraphs} paragraphs", org.slug);
            assert!(!org.long_description.contains("  "), "{}: no stray indentation", org.slug);
        }
    }

    #[test]
    fn addresses_stay_on_the_example_domain_and_mail_goes_to_the_organization() {
        for org in ORGANIZATIONS {
            let site = host(org.website).unwrap_or_default();
            assert!(site.ends_with(".example"), "{}: {}", org.slug, org.website);
            let domain = site.trim_start_matches("www.");
            let (local, at) = org.contact.email.split_once('@').unwrap_or_default();
            assert!(!local.is_empty() && at == domain, "{}: {}", org.slug, org.contact.email);
            assert!(!org.contact.name.is_empty() && !org.contact.title.is_empty(), "{}", org.slug);
            for (kind, url) in org.social {
                assert!(SOCIAL_KINDS.contains(kind), "{}: {kind}", org.slug);
                assert!(host(url).is_some_and(|h| h.ends_with(".example")), "{}: {url}", org.slug);
            }
        }
    }

    #[test]
    fn join_dates_fit_the_status() {
        for org in ORGANIZATIONS {
            match org.status {
                "prospect" => assert_eq!(org.joined_days_ago, 0, "{}", org.slug),
                _ => assert!((30..=2400).contains(&org.joined_days_ago), "{}", org.slug),
            }
            if org.status == "lapsed" {
                assert!(org.joined_days_ago > 3 * 365 + 60, "{}: signed once, three years before it lapsed", org.slug);
            }
        }
    }

    #[test]
    fn logo_colors_are_hex_distinct_and_dark_enough_for_white_initials() {
        let mut pairs = HashSet::new();
        for org in ORGANIZATIONS {
            let logo = &org.logo;
            for color in [logo.primary, logo.secondary] {
                assert!(
                    color.len() == 7 && color.starts_with('#') && color[1..].bytes().all(|b| b.is_ascii_hexdigit()),
                    "{}: {color}",
                    org.slug
                );
            }
            assert!(contrast_with_white(logo.primary) >= 4.5, "{}: {}", org.slug, logo.primary);
            assert!(contrast_with_white(logo.secondary) >= 3.0, "{}: {}", org.slug, logo.secondary);
            assert!((1..=3).contains(&logo.initials.len()), "{}", org.slug);
            assert!(logo.initials.bytes().all(|b| b.is_ascii_uppercase()), "{}", org.slug);
            assert!(pairs.insert((logo.primary, logo.secondary)), "{}: colors already used", org.slug);
        }
        let primaries: HashSet<_> = ORGANIZATIONS.iter().map(|o| o.logo.primary).collect();
        assert_eq!(primaries.len(), ORGANIZATIONS.len());
    }

    #[test]
    fn posts_name_active_partners_that_exist() {
        for post in POSTS {
            assert!(!post.partners.is_empty(), "{}", post.slug);
            for slug in post.partners {
                assert_eq!(org(slug).map(|o| o.status), Some("active"), "{}: {slug}", post.slug);
            }
        }
    }

    #[test]
    fn the_posts_are_three_announcements_two_blogs_two_impact_stories_a_thought_piece_and_two_webinars() {
        assert!(POSTS.iter().all(|p| POST_KINDS.contains(&p.kind)));
        let kinds = |kind: &str| POSTS.iter().filter(|p| p.kind == kind).count();
        let counts = POST_KINDS.iter().map(|k| kinds(k)).collect::<Vec<_>>();
        assert_eq!(counts, [3, 2, 2, 1, 2]);
        let webinars: Vec<_> = POSTS.iter().filter(|p| p.kind == "webinar").map(|p| p.published_days_ago).collect();
        assert!(webinars.iter().any(|d| *d < 0), "an upcoming webinar");
        assert!(webinars.iter().any(|d| *d > 0), "a past webinar");
        assert!(POSTS.iter().filter(|p| p.kind != "webinar").all(|p| p.published_days_ago > 0));
    }

    #[test]
    fn the_announcements_welcome_the_three_newest_partners_after_they_joined() {
        let mut active: Vec<_> = ORGANIZATIONS.iter().filter(|o| o.status == "active").collect();
        active.sort_by_key(|o| o.joined_days_ago);
        let newest: HashSet<_> = active.iter().take(3).map(|o| o.slug).collect();
        let mut announced = HashSet::new();
        for post in POSTS.iter().filter(|p| p.kind == "announcement") {
            for slug in post.partners {
                let joined = org(slug).map_or(0, |o| o.joined_days_ago);
                assert!(post.published_days_ago <= joined, "{} announced before {slug} joined", post.slug);
                announced.insert(*slug);
            }
        }
        assert_eq!(announced, newest);
    }

    #[test]
    fn every_prospect_has_one_application_and_only_prospects_apply() {
        for application in APPLICATIONS {
            assert_eq!(org(application.org_slug).map(|o| o.status), Some("prospect"), "{}", application.org_slug);
        }
        let applying: HashSet<_> = APPLICATIONS.iter().map(|a| a.org_slug).collect();
        assert_eq!(applying.len(), APPLICATIONS.len());
        assert_eq!(applying.len(), count("prospect"));
    }

    #[test]
    fn applications_cover_each_early_stage_and_have_a_statement_once_submitted() {
        let stages: HashSet<_> = APPLICATIONS.iter().map(|a| a.stage).collect();
        assert_eq!(stages, STAGES.iter().copied().collect());
        for application in APPLICATIONS {
            assert!(CAPABILITIES.contains(&application.desired_role), "{}", application.org_slug);
            assert!(application.days_in_stage >= 0, "{}", application.org_slug);
            let before_submission = matches!(application.stage, "interest" | "intro_call");
            assert_eq!(application.statement.is_empty(), before_submission, "{}", application.org_slug);
            assert!(application.statement.split("\n\n").count() <= 2, "{}", application.org_slug);
        }
    }

    #[test]
    fn country_activities_belong_to_listed_partners_working_in_that_country() {
        for (slug, country, title, description) in ACTIVITIES {
            let org = org(slug);
            assert!(org.is_some_and(|o| o.status == "active"), "{slug}");
            assert!(org.is_some_and(|o| o.countries.contains(country)), "{slug} works in {country}");
            assert!(!title.is_empty() && !description.is_empty(), "{slug}: {title}");
        }
    }
}
