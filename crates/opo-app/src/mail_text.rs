//! The words of e-mails in English, French, Spanish and Portuguese (Fluent files in `locales/`). A
//! message is kept as an id with its arguments until the recipient is known, then written in the
//! recipient's language; a message missing in a language falls back to English.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;
use time::Date;

/// The languages e-mails are written in; the first is the default.
pub const LOCALES: [&str; 4] = ["en", "fr", "es", "pt"];

/// A supported language code for `code` (`fr-CA` gives `fr`), else English.
pub fn supported(code: &str) -> &'static str {
    let primary = code.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    LOCALES.into_iter().find(|l| *l == primary).unwrap_or("en")
}

pub(crate) fn source(locale: &str) -> &'static str {
    match locale {
        "fr" => include_str!("../locales/fr.ftl"),
        "es" => include_str!("../locales/es.ftl"),
        "pt" => include_str!("../locales/pt.ftl"),
        _ => include_str!("../locales/en.ftl"),
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(locale: &str) -> &'static Bundle {
    static BUNDLES: OnceLock<Vec<Bundle>> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| {
        LOCALES
            .iter()
            .map(|locale| {
                let id: unic_langid::LanguageIdentifier = locale.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Isolation marks would end up inside addresses and plain-text mail.
                bundle.set_use_isolating(false);
                let resource =
                    FluentResource::try_new(source(locale).to_owned()).unwrap_or_else(|(partial, errors)| {
                        tracing::error!(locale, ?errors, "an e-mail translation file has syntax errors");
                        partial
                    });
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!(locale, ?errors, "an e-mail translation file repeats messages");
                }
                bundle
            })
            .collect()
    });
    let index = LOCALES.iter().position(|l| *l == supported(locale)).unwrap_or(0);
    &bundles[index]
}

/// An argument of a message: text, a number (for plural forms) or a date (written the language's way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Str(String),
    Num(i64),
    Date(Date),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Self::Str(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Self::Str(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Self::Str(value.clone())
    }
}

impl From<i64> for Arg {
    fn from(value: i64) -> Self {
        Self::Num(value)
    }
}

impl From<i32> for Arg {
    fn from(value: i32) -> Self {
        Self::Num(i64::from(value))
    }
}

impl From<Date> for Arg {
    fn from(value: Date) -> Self {
        Self::Date(value)
    }
}

/// A date the way the language writes it: `5 March 2027`, `5 mars 2027`, `5 de marzo de 2027`.
pub fn date(locale: &str, date: Date) -> String {
    let month = usize::from(u8::from(date.month())) - 1;
    let (day, year) = (date.day(), date.year());
    match supported(locale) {
        "fr" => {
            const MONTHS: [&str; 12] = [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ];
            let day = if day == 1 { "1er".to_owned() } else { day.to_string() };
            format!("{day} {} {year}", MONTHS[month])
        }
        "es" => {
            const MONTHS: [&str; 12] = [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ];
            format!("{day} de {} de {year}", MONTHS[month])
        }
        "pt" => {
            const MONTHS: [&str; 12] = [
                "janeiro",
                "fevereiro",
                "março",
                "abril",
                "maio",
                "junho",
                "julho",
                "agosto",
                "setembro",
                "outubro",
                "novembro",
                "dezembro",
            ];
            format!("{day} de {} de {year}", MONTHS[month])
        }
        _ => format!("{day} {} {year}", date.month()),
    }
}

fn format(locale: &str, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let bundle = bundle(locale);
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Str(s) => FluentValue::from(s.clone()),
            Arg::Num(n) => FluentValue::from(*n),
            Arg::Date(d) => FluentValue::from(date(locale, *d)),
        };
        fluent.set(*name, value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent), &mut errors);
    Some(text.into_owned())
}

/// The message `id` in `locale`, else in English, else the id itself (a gap shows, never breaks).
pub fn text(locale: &str, id: &str, args: &[(&str, Arg)]) -> String {
    format(locale, id, args).or_else(|| format("en", id, args)).unwrap_or_else(|| id.to_owned())
}

/// Words of an e-mail not yet written in a language: a message id with its arguments, or text that is
/// the same in every language (a post's title, a person's own words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Msg { id: &'static str, args: Vec<(&'static str, Arg)> },
    Plain(String),
}

impl Text {
    pub fn msg(id: &'static str) -> Self {
        Self::Msg { id, args: Vec::new() }
    }

    /// The same message with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        if let Self::Msg { args, .. } = &mut self {
            args.push((name, value.into()));
        }
        self
    }

    /// The words in `locale`.
    pub fn render(&self, locale: &str) -> String {
        match self {
            Self::Msg { id, args } => text(locale, id, args),
            Self::Plain(text) => text.clone(),
        }
    }
}

impl From<String> for Text {
    fn from(value: String) -> Self {
        Self::Plain(value)
    }
}

/// `t!("id", name = value, …)`: a message id with its arguments, written out once the language is known.
macro_rules! t {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::mail_text::Text::msg($id)$(.arg(stringify!($name), $value))*
    };
}
pub(crate) use t;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ids(locale: &str) -> BTreeSet<String> {
        if let Err((_, errors)) = FluentResource::try_new(source(locale).to_owned()) {
            panic!("{locale}.ftl does not parse: {errors:?}");
        }
        source(locale)
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    #[test]
    fn every_language_has_every_message_and_parses() {
        let english = ids("en");
        assert!(english.len() > 50, "the English file holds the e-mails' words");
        for locale in ["fr", "es", "pt"] {
            let other = ids(locale);
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(missing.is_empty(), "{locale}.ftl lacks {missing:?}");
            assert!(extra.is_empty(), "{locale}.ftl has messages English lacks: {extra:?}");
            let mut errors = Vec::new();
            let bundle = bundle(locale);
            for id in &english {
                let pattern = bundle.get_message(id).and_then(|m| m.value()).expect("a value");
                bundle.format_pattern(pattern, None, &mut errors);
            }
            let real: Vec<_> =
                errors.iter().filter(|e| !matches!(e, fluent_bundle::FluentError::ResolverError(_))).collect();
            assert!(real.is_empty(), "{locale}: {real:?}");
        }
    }

    #[test]
    fn falls_back_to_english_and_writes_dates() {
        assert_eq!(text("fr", "no-such-message", &[]), "no-such-message");
        assert_eq!(text("de", "mail-hello", &[("name", "Ana".into())]), "Hello Ana,");
        assert_eq!(text("fr", "mail-hello", &[("name", "Ana".into())]), "Bonjour Ana,");
        let d = Date::from_calendar_date(2027, time::Month::March, 1).expect("date");
        assert_eq!(date("en", d), "1 March 2027");
        assert_eq!(date("fr", d), "1er mars 2027");
        assert_eq!(date("es", d), "1 de marzo de 2027");
        assert_eq!(supported("pt-BR"), "pt");
        assert_eq!(supported("de"), "en");
    }
}
