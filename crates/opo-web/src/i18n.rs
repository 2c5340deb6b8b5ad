//! The interface in English, French, Spanish and Portuguese (Fluent). The language comes from the
//! visitor's choice (a cookie set by the language switcher), else from the browser's
//! `Accept-Language`, else English. A message missing in a language falls back to English.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;
use time::Date;

mod words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Locale {
    En,
    Fr,
    Es,
    Pt,
}

impl Locale {
    pub(crate) const ALL: [Locale; 4] = [Self::En, Self::Fr, Self::Es, Self::Pt];

    pub(crate) fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
            Self::Es => "es",
            Self::Pt => "pt",
        }
    }

    /// The language's name in itself, for the switcher.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Fr => "Français",
            Self::Es => "Español",
            Self::Pt => "Português",
        }
    }

    pub(crate) fn parse(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == primary)
    }

    fn sources(self) -> &'static [&'static str] {
        match self {
            Self::En => &[include_str!("../locales/en.ftl")],
            Self::Fr => &[include_str!("../locales/fr.ftl"), include_str!("../locales/fr-countries.ftl")],
            Self::Es => &[include_str!("../locales/es.ftl"), include_str!("../locales/es-countries.ftl")],
            Self::Pt => &[include_str!("../locales/pt.ftl"), include_str!("../locales/pt-countries.ftl")],
        }
    }
}

/// The cookie the language switcher sets.
pub(crate) const COOKIE: &str = "opo_lang";

/// The language for a request: the visitor's choice, else the browser's preference, else English.
pub(crate) fn negotiate(headers: &HeaderMap) -> Locale {
    let chosen = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == COOKIE)
        .and_then(|(_, value)| Locale::parse(value));
    if let Some(locale) = chosen {
        return locale;
    }
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let mut offered: Vec<(f32, Locale)> = accept
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let locale = Locale::parse(pieces.next()?)?;
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            Some((q, locale))
        })
        .filter(|(q, _)| *q > 0.0)
        .collect();
    offered.sort_by(|a, b| b.0.total_cmp(&a.0));
    offered.first().map_or(Locale::En, |(_, l)| *l)
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [(Locale, Bundle)] {
    static BUNDLES: OnceLock<Vec<(Locale, Bundle)>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        Locale::ALL
            .iter()
            .map(|locale| {
                let id: unic_langid::LanguageIdentifier = locale.code().parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Bidirectional isolation marks would end up inside attributes and URLs.
                bundle.set_use_isolating(false);
                for source in locale.sources() {
                    let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(partial, errors)| {
                        tracing::error!(locale = locale.code(), ?errors, "a translation file has syntax errors");
                        partial
                    });
                    if let Err(errors) = bundle.add_resource(resource) {
                        tracing::error!(locale = locale.code(), ?errors, "a translation file repeats messages");
                    }
                }
                (*locale, bundle)
            })
            .collect()
    })
}

fn bundle(locale: Locale) -> Option<&'static Bundle> {
    bundles().iter().find(|(l, _)| *l == locale).map(|(_, b)| b)
}

fn format(locale: Locale, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = bundle(locale)?;
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    Some(text.into_owned())
}

/// The translator handed to pages: `t.get("nav-partners")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tr(pub Locale);

impl Default for Tr {
    fn default() -> Self {
        Self(Locale::En)
    }
}

impl Tr {
    pub(crate) fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The message in this language, else in English, else its id (so a gap shows, never breaks).
    pub(crate) fn get(&self, key: &str) -> String {
        self.args(key, &[])
    }

    /// Whether this language (or English) has the message.
    pub(crate) fn has(&self, key: &str) -> bool {
        bundle(self.0).is_some_and(|b| b.has_message(key))
    }

    pub(crate) fn args(&self, key: &str, values: &[(&str, FluentValue<'_>)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set(*name, value.clone());
        }
        let args = (!values.is_empty()).then_some(&args);
        format(self.0, key, args).or_else(|| format(Locale::En, key, args)).unwrap_or_else(|| key.to_owned())
    }

    /// A message with the community's name in it.
    pub(crate) fn community(&self, key: &str, community: &str) -> String {
        self.args(key, &[("community", community.into())])
    }

    /// A count with its noun, in the language's plural rules.
    pub(crate) fn count(&self, key: &str, count: i64) -> String {
        self.args(key, &[("count", count.into())])
    }

    /// A label with a fallback for keys the files do not know (a term a community added).
    pub(crate) fn label(&self, key: &str, fallback: &str) -> String {
        format(self.0, key, None).or_else(|| format(Locale::En, key, None)).unwrap_or_else(|| fallback.to_owned())
    }

    pub(crate) fn country(&self, code: &str, english: &str) -> String {
        self.label(&format!("country-{code}"), english)
    }

    pub(crate) fn month(&self, month: time::Month) -> String {
        self.get(&format!("month-{}", u8::from(month)))
    }

    /// "10 March 2029", "10 mars 2029", "10 de marzo de 2029".
    pub(crate) fn date(&self, date: Date) -> String {
        self.args(
            "date-long",
            &[
                ("day", i64::from(date.day()).into()),
                ("month", self.month(date.month()).into()),
                ("year", i64::from(date.year()).into()),
            ],
        )
    }

    /// "March 2029".
    pub(crate) fn month_year(&self, date: Date) -> String {
        self.args(
            "date-month-year",
            &[("month", self.month(date.month()).into()), ("year", i64::from(date.year()).into())],
        )
    }

    /// "10 March 2029, 14:00 UTC".
    pub(crate) fn date_time(&self, at: time::OffsetDateTime) -> String {
        format!("{}, {:02}:{:02} UTC", self.date(at.date()), at.hour(), at.minute())
    }
}

tokio::task_local! {
    /// The language of the request being answered, set by [`scope`] around every request.
    static CURRENT: Locale;
}

/// Answers the request in the visitor's language: pages and error pages drawn while it runs use it.
pub(crate) async fn scope(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let locale = negotiate(request.headers());
    CURRENT.scope(locale, next.run(request)).await
}

impl Tr {
    /// The language of the request being answered (English outside of one).
    pub(crate) fn current() -> Self {
        Self(CURRENT.try_with(|l| *l).unwrap_or(Locale::En))
    }
}

/// The visitor's language, for handlers.
pub(crate) struct Lang(pub Tr);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(Tr(negotiate(&parts.headers))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::collections::BTreeSet;

    fn ids(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    #[test]
    fn every_language_has_every_message_and_no_other() {
        let english = ids(Locale::En.sources()[0]);
        assert!(english.len() > 150);
        for locale in [Locale::Fr, Locale::Es, Locale::Pt] {
            let other = ids(locale.sources()[0]);
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, extra {extra:?}", locale.code());
        }
    }

    #[test]
    fn no_file_defines_a_message_twice() {
        for locale in Locale::ALL {
            for source in locale.sources() {
                let mut seen = BTreeSet::new();
                for line in source.lines().filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase())) {
                    if let Some((id, _)) = line.split_once(" =") {
                        assert!(seen.insert(id.trim()), "{}: {} is defined twice", locale.code(), id.trim());
                    }
                }
            }
        }
    }

    #[test]
    fn every_file_parses_and_every_message_formats() {
        for locale in Locale::ALL {
            for source in locale.sources() {
                assert!(FluentResource::try_new((*source).to_owned()).is_ok(), "{} has syntax errors", locale.code());
            }
            let tr = Tr(locale);
            for id in ids(locale.sources()[0]) {
                let text = tr.args(
                    &id,
                    &[
                        ("community", "OpenHIE".into()),
                        ("count", 3.into()),
                        ("page", 2.into()),
                        ("pages", 5.into()),
                        ("name", "Kijiji".into()),
                        ("host", "kijiji.example".into()),
                        ("countries", "3".into()),
                        ("date", "1 May".into()),
                        ("license", "CC BY 4.0".into()),
                        ("email", "a@b.example".into()),
                        ("minutes", 20.into()),
                        ("country", "Kenya".into()),
                        ("status", 404.into()),
                        ("day", 1.into()),
                        ("month", "May".into()),
                        ("year", 2026.into()),
                        ("organization", "Kijiji".into()),
                        ("waiting", 2.into()),
                        ("failed", 1.into()),
                        ("reason", "Paused".into()),
                        ("field", "Name".into()),
                        ("value", "nobody".into()),
                        ("language", "Français".into()),
                        ("version", 2.into()),
                        ("kind", "Blog".into()),
                        ("until", "1 May 2029".into()),
                        ("label", "Name".into()),
                        ("max", 200.into()),
                        ("min", 10.into()),
                        ("from", "Invited".into()),
                        ("to", "Approved".into()),
                        ("stage", "Invited".into()),
                        ("doing", "Voting".into()),
                        ("missing", 2.into()),
                        ("quorum", 3.into()),
                        ("approve", 1.into()),
                        ("decline", 1.into()),
                        ("abstain", 0.into()),
                        ("author", "Ana".into()),
                        ("time", "14:00".into()),
                        ("based_on", 3.into()),
                        ("changes", "+ a line".into()),
                    ],
                );
                assert!(
                    !text.is_empty() && !text.contains("{$") && !text.contains("{ $"),
                    "{} {id}: {text}",
                    locale.code()
                );
            }
        }
    }

    #[test]
    fn every_message_a_template_or_handler_asks_for_exists_in_english() {
        let english = ids(Locale::En.sources()[0]);
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let mut used = BTreeSet::new();
        // Every template and source file, in every folder below them.
        let mut files = Vec::new();
        let mut folders = vec![std::path::PathBuf::from(format!("{root}templates")), format!("{root}src").into()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    files.push(std::fs::read_to_string(&path).expect("text"));
                }
            }
        }
        assert!(files.len() > 60, "the walk found the templates and sources: {}", files.len());
        for text in files {
            for call in ["t.get(\"", "t.community(\"", "t.count(\"", "t.args(\""] {
                for piece in text.split(call).skip(1) {
                    if let Some(id) = piece
                        .split('"')
                        .next()
                        .filter(|id| id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                    {
                        used.insert(id.to_owned());
                    }
                }
            }
        }
        used.retain(|id| !id.is_empty() && id.contains('-'));
        let missing: Vec<_> = used.difference(&english).collect();
        assert!(missing.is_empty(), "used but not in en.ftl: {missing:?}");
    }

    #[test]
    fn the_choice_wins_over_the_browser_and_the_browser_over_english() {
        let mut headers = HeaderMap::new();
        assert_eq!(negotiate(&headers), Locale::En);
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("de-CH, pt-BR;q=0.8, fr;q=0.9, en;q=0.1"));
        assert_eq!(negotiate(&headers), Locale::Fr);
        headers.insert(header::COOKIE, HeaderValue::from_static("opo_session=x; opo_lang=es"));
        assert_eq!(negotiate(&headers), Locale::Es);
        headers.insert(header::COOKIE, HeaderValue::from_static("opo_lang=klingon"));
        assert_eq!(negotiate(&headers), Locale::Fr, "an unknown choice is ignored");
    }

    #[test]
    fn dates_and_counts_follow_each_language() {
        let date = time::macros::date!(2029 - 03 - 10);
        assert_eq!(Tr(Locale::En).date(date), "10 March 2029");
        assert_eq!(Tr(Locale::En).count("count-partners", 1), "1 partner organization");
        assert_eq!(Tr(Locale::En).count("count-partners", 31), "31 partner organizations");
        assert_ne!(Tr(Locale::Fr).date(date), Tr(Locale::En).date(date));
        assert_eq!(Tr(Locale::Fr).country("KE", "Kenya"), "Kenya");
        assert_eq!(Tr(Locale::Pt).country("DE", "Germany"), "Alemanha");
        assert_eq!(Tr(Locale::En).country("DE", "Germany"), "Germany");
    }
}
