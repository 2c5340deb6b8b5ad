//! Translations of a partner's own text (its short description and description) into the site's other
//! languages. The organization's text is the original, written in English; a visitor reading the site
//! in another language sees the translation when there is one, else the original.

use crate::text::TextError;

/// The language a partner's own text is written in.
pub const ORIGINAL: &str = "en";

/// The languages a partner's text can be translated into.
pub const LOCALES: [&str; 3] = ["fr", "es", "pt"];

/// The same limits as the original text.
pub const SHORT_MAX: usize = 300;
pub const DESCRIPTION_MAX: usize = 20_000;

/// One language's translation as typed; both fields empty means "no translation".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TranslationInput {
    pub locale: String,
    pub short_description: String,
    pub description: String,
}

/// A checked translation, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub locale: &'static str,
    pub short_description: String,
    pub description: String,
}

impl Translation {
    pub fn is_empty(&self) -> bool {
        self.short_description.is_empty() && self.description.is_empty()
    }
}

/// What is wrong with one field of one language, as a code the interface words in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationProblem {
    pub locale: String,
    /// `short_description` or `description`.
    pub field: &'static str,
    pub error: TranslationError,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranslationError {
    #[error("{0} is not a language a profile can be translated into")]
    UnknownLocale(String),
    #[error(transparent)]
    Text(#[from] TextError),
}

impl TranslationProblem {
    /// The form field the problem belongs to, such as `short_description_fr`.
    pub fn form_field(&self) -> String {
        format!("{}_{}", self.field, self.locale)
    }
}

/// Checks every language at once, so a form can show every problem; an empty language is kept as empty
/// (the caller removes its translation).
pub fn validate(inputs: &[TranslationInput]) -> Result<Vec<Translation>, Vec<TranslationProblem>> {
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for input in inputs {
        let Some(locale) = LOCALES.iter().copied().find(|l| *l == input.locale.trim()) else {
            problems.push(TranslationProblem {
                locale: input.locale.clone(),
                field: "short_description",
                error: TranslationError::UnknownLocale(input.locale.clone()),
            });
            continue;
        };
        let short_description = input.short_description.trim().to_owned();
        let description = input.description.trim().to_owned();
        let mut too_long = |field: &'static str, label: &'static str, text: &str, max: usize| {
            if text.chars().count() > max {
                problems.push(TranslationProblem {
                    locale: locale.to_owned(),
                    field,
                    error: TextError::TooLong { field: label, max }.into(),
                });
            }
        };
        too_long("short_description", "Short description", &short_description, SHORT_MAX);
        too_long("description", "Description", &description, DESCRIPTION_MAX);
        if checked.iter().any(|t: &Translation| t.locale == locale) {
            continue;
        }
        checked.push(Translation { locale, short_description, description });
    }
    if problems.is_empty() { Ok(checked) } else { Err(problems) }
}

/// Which text to show a reader of `locale`: the translation when it has one, else the original, with
/// the language of what is shown (for the `lang` attribute when it differs from the page's).
pub fn pick<'a>(original: &'a str, translated: Option<&'a str>, locale: &str) -> (&'a str, &'static str) {
    match translated.filter(|t| !t.trim().is_empty()) {
        Some(text) => (text, LOCALES.iter().copied().find(|l| *l == locale).unwrap_or(ORIGINAL)),
        None => (original, ORIGINAL),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(locale: &str, short: &str, description: &str) -> TranslationInput {
        TranslationInput {
            locale: locale.to_owned(),
            short_description: short.to_owned(),
            description: description.to_owned(),
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_language_and_field() {
        let long = "x".repeat(SHORT_MAX + 1);
        let problems = validate(&[input("fr", &long, "ok"), input("de", "a", ""), input("es", "bien", "")])
            .expect_err("too long and unknown");
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].form_field(), "short_description_fr");
        assert_eq!(
            problems[0].error,
            TranslationError::Text(TextError::TooLong { field: "Short description", max: 300 })
        );
        assert_eq!(problems[1].error, TranslationError::UnknownLocale("de".to_owned()));
    }

    #[test]
    fn text_is_trimmed_and_an_empty_language_stays_empty() {
        let checked = validate(&[input("pt", "  Olá  ", ""), input("es", " ", " ")]).expect("valid");
        assert_eq!(checked[0].short_description, "Olá");
        assert!(checked[1].is_empty());
    }

    #[test]
    fn the_translation_wins_and_the_original_says_it_is_english() {
        assert_eq!(pick("Hello", Some("Bonjour"), "fr"), ("Bonjour", "fr"));
        assert_eq!(pick("Hello", None, "es"), ("Hello", "en"));
        assert_eq!(pick("Hello", Some("  "), "es"), ("Hello", "en"));
    }
}
