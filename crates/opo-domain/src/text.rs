//! Small validated text types shared by several capabilities: slugs, e-mail addresses, web addresses.

use serde::{Deserialize, Serialize};

/// Why a piece of text was refused; the message is shown to the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("{field} must be at most {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("a slug may hold only lower-case letters, digits and single hyphens between them")]
    BadSlug,
    #[error("\"{0}\" is not an e-mail address")]
    BadEmail(String),
    #[error("a web address must start with https:// or http:// and name a host")]
    BadUrl,
}

/// Trims `raw` and checks it is present and not longer than `max` characters.
pub fn required(field: &'static str, raw: &str, max: usize) -> Result<String, TextError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(TextError::Empty { field });
    }
    if trimmed.chars().count() > max {
        return Err(TextError::TooLong { field, max });
    }
    Ok(trimmed.to_owned())
}

/// The part of a public URL that names one thing, such as `kijiji-health`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 80;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let ok = !raw.is_empty()
            && raw.len() <= Self::MAX_LEN
            && raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !raw.starts_with('-')
            && !raw.ends_with('-')
            && !raw.contains("--");
        if ok { Ok(Self(raw.to_owned())) } else { Err(TextError::BadSlug) }
    }

    /// Makes a slug out of a name: "Kijiji Health (Kenya)" becomes `kijiji-health-kenya`.
    pub fn from_name(name: &str) -> Result<Self, TextError> {
        let mut out = String::with_capacity(name.len());
        for c in name.chars() {
            let c = fold_accent(c);
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let trimmed: String = out.trim_end_matches('-').chars().take(Self::MAX_LEN).collect();
        Self::parse(trimmed.trim_end_matches('-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        other => other,
    }
}

impl TryFrom<String> for Slug {
    type Error = TextError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> Self {
        value.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An e-mail address, trimmed and with its domain lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let trimmed = raw.trim();
        let bad = || TextError::BadEmail(trimmed.to_owned());
        if trimmed.len() > 254 || trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = trimmed.rsplit_once('@').ok_or_else(bad)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(bad());
        }
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = TextError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A public web address (http or https) with a host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(String);

impl WebUrl {
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let trimmed = raw.trim();
        let rest =
            trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://")).ok_or(TextError::BadUrl)?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host_ok = !host.is_empty()
            && host.contains('.')
            && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
        if !host_ok || trimmed.len() > 2048 || trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(TextError::BadUrl);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host name, for showing a link compactly (`www.kijiji-health.example`).
    pub fn host(&self) -> &str {
        let rest = self.0.split_once("://").map_or(self.0.as_str(), |(_, rest)| rest);
        rest.split(['/', '?', '#']).next().unwrap_or(rest)
    }
}

impl TryFrom<String> for WebUrl {
    type Error = TextError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<WebUrl> for String {
    fn from(value: WebUrl) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_accepts_lower_case_words_joined_by_hyphens() {
        assert_eq!(Slug::parse("kijiji-health-2").map(|s| s.to_string()), Ok("kijiji-health-2".into()));
    }

    #[test]
    fn a_slug_refuses_capitals_spaces_and_stray_hyphens() {
        for bad in ["", "Kijiji", "a b", "-a", "a-", "a--b", "a/b", "é"] {
            assert_eq!(Slug::parse(bad), Err(TextError::BadSlug), "{bad:?}");
        }
    }

    #[test]
    fn a_slug_is_derived_from_a_name_with_accents_folded() {
        assert_eq!(
            Slug::from_name("Santé Numérique (Sénégal)").map(|s| s.to_string()),
            Ok("sante-numerique-senegal".into())
        );
    }

    #[test]
    fn an_email_address_keeps_its_local_part_and_lowercases_its_domain() {
        assert_eq!(EmailAddress::parse("  Ada.L@Example.ORG ").map(String::from), Ok("Ada.L@example.org".into()));
    }

    #[test]
    fn an_email_address_without_at_or_domain_is_refused() {
        for bad in ["ada", "@example.org", "ada@", "ada@example", "a da@example.org", "ada@-x.org", "ada@x..org"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_web_address_needs_a_scheme_and_a_host() {
        assert!(WebUrl::parse("https://kijiji.example/about").is_ok());
        for bad in
            ["kijiji.example", "javascript:alert(1)", "https://", "https://local host.example", "ftp://x.example"]
        {
            assert_eq!(WebUrl::parse(bad), Err(TextError::BadUrl), "{bad:?}");
        }
    }

    #[test]
    fn a_web_address_shows_its_host() {
        assert_eq!(
            WebUrl::parse("https://www.kijiji.example/a?b").map(|u| u.host().to_owned()),
            Ok("www.kijiji.example".into())
        );
    }

    #[test]
    fn required_text_is_trimmed_and_bounded() {
        assert_eq!(required("Name", "  Ada ", 10), Ok("Ada".into()));
        assert_eq!(required("Name", "   ", 10), Err(TextError::Empty { field: "Name" }));
        assert_eq!(required("Name", "abcdef", 5), Err(TextError::TooLong { field: "Name", max: 5 }));
    }
}
