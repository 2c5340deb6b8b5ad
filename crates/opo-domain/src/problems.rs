//! Problems told to people, each with a stable code and the values its wording needs, so the interface
//! can say it in the reader's language; the English text stays for logs, the API and any gap.

use crate::text::TextError;

/// The values a problem's wording needs, by name: `("max", "200")`.
pub type Args = Vec<(&'static str, String)>;

/// One problem with one field of an input, for showing next to that field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    /// What is wrong, as a stable code such as `empty`, `too-long` or `bad-email`.
    pub code: &'static str,
    pub args: Args,
    /// The problem in English.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self { field, code, args: Vec::new(), message: message.into() }
    }

    /// Adds a value the wording needs.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// A refusal of the field's value, with the refusal's code and values.
    pub fn of(field: &'static str, refusal: &dyn Refusal) -> Self {
        Self { field, code: refusal.code(), args: refusal.args(), message: refusal.to_string() }
    }

    /// A refused piece of text; the field's English label travels along so it can be named.
    pub fn text(field: &'static str, error: &TextError) -> Self {
        Self::of(field, error)
    }

    /// The value named `name`, if the problem carries one.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

/// An error that says what is wrong with a value: a stable code, the values its wording needs, and
/// (as its `Display`) the English text.
pub trait Refusal: std::fmt::Display {
    fn code(&self) -> &'static str;
    fn args(&self) -> Args {
        Vec::new()
    }
}

/// A plain refusal: its code, its English text and the values its wording needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Said {
    pub code: &'static str,
    pub message: String,
    pub args: Args,
}

impl Said {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), args: Vec::new() }
    }

    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

impl Refusal for Said {
    fn code(&self) -> &'static str {
        self.code
    }

    fn args(&self) -> Args {
        self.args.clone()
    }
}

impl Refusal for TextError {
    fn code(&self) -> &'static str {
        match self {
            Self::Empty { .. } => "empty",
            Self::TooLong { .. } => "too-long",
            Self::BadSlug => "bad-slug",
            Self::BadEmail(_) => "bad-email",
            Self::BadUrl => "bad-url",
            Self::ControlCharacter { .. } => "control-character",
            Self::LineBreak { .. } => "line-break",
            Self::LookAlikeEmail(_) => "look-alike-email",
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::Empty { field } => vec![("label", (*field).to_owned())],
            Self::TooLong { field, max } => vec![("label", (*field).to_owned()), ("max", max.to_string())],
            Self::BadEmail(value) | Self::LookAlikeEmail(value) => vec![("value", value.clone())],
            Self::ControlCharacter { field } | Self::LineBreak { field } => vec![("label", (*field).to_owned())],
            Self::BadSlug | Self::BadUrl => Vec::new(),
        }
    }
}

impl Refusal for crate::countries::UnknownCountry {
    fn code(&self) -> &'static str {
        "unknown-country"
    }

    fn args(&self) -> Args {
        vec![("value", self.0.clone())]
    }
}

impl Refusal for crate::accounts::UnknownRole {
    fn code(&self) -> &'static str {
        "unknown-role"
    }

    fn args(&self) -> Args {
        vec![("value", self.0.clone())]
    }
}

impl Refusal for crate::webhooks::UrlError {
    fn code(&self) -> &'static str {
        match self {
            Self::Empty => "url-empty",
            Self::TooLong => "url-too-long",
            Self::NotHttps => "url-not-https",
            Self::Malformed => "url-malformed",
            Self::Credentials => "url-credentials",
            Self::Private(_) => "url-private",
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::Private(host) => vec![("value", host.clone())],
            _ => Vec::new(),
        }
    }
}

/// A change refused because of where things stand (a decision taken already, a stage that does not
/// allow it), with a stable code and the values its wording needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Clash {
    /// A stable code such as `not-awaiting-decision`.
    pub code: &'static str,
    pub args: Args,
    /// The refusal in English.
    pub message: String,
}

impl Clash {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, args: Vec::new(), message: message.into() }
    }

    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_problem_keeps_its_english_and_names_its_values() {
        let e = FieldError::text("message", &TextError::TooLong { field: "Message", max: 5000 });
        assert_eq!(e.code, "too-long");
        assert_eq!(e.arg("max"), Some("5000"));
        assert_eq!(e.arg("label"), Some("Message"));
        assert_eq!(e.message, "Message must be at most 5000 characters");
        let e = FieldError::text("contact_email", &TextError::BadEmail("nope".into()));
        assert_eq!((e.code, e.arg("value")), ("bad-email", Some("nope")));
    }
}
