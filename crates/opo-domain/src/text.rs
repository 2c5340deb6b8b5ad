//! Small validated text types shared by several capabilities: slugs, e-mail addresses, web addresses,
//! and the checks every piece of text typed by someone passes: no control characters, and no line
//! break in a single-line field (a name or a title goes into e-mail headers and subjects).

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

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
    #[error("{field} must not hold control characters")]
    ControlCharacter { field: &'static str },
    #[error("{field} must be on one line")]
    LineBreak { field: &'static str },
    #[error("\"{0}\" mixes alphabets or uses letters that look like others; type the address in one alphabet")]
    LookAlikeEmail(String),
}

/// Whether `c` may stand in text of several lines: a control character other than a tab or a line
/// break may not (a NUL ends a string in C and is refused by PostgreSQL), nor an invisible character
/// that reorders or hides text.
fn allowed_in_text(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || is_invisible(c))
}

/// Characters that change how text is shown without being seen: bidirectional overrides, zero-width
/// characters, the byte order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Checks text of any kind: no control character but tabs and line breaks, no invisible formatting.
pub fn check_text(field: &'static str, raw: &str) -> Result<(), TextError> {
    if raw.chars().all(allowed_in_text) { Ok(()) } else { Err(TextError::ControlCharacter { field }) }
}

/// Trims `raw` and checks it is present, not longer than `max` characters and free of control
/// characters (tabs and line breaks are kept: this is for text of several lines).
pub fn required(field: &'static str, raw: &str, max: usize) -> Result<String, TextError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(TextError::Empty { field });
    }
    if trimmed.chars().count() > max {
        return Err(TextError::TooLong { field, max });
    }
    check_text(field, trimmed)?;
    Ok(trimmed.to_owned())
}

/// [`required`] for a single-line field (a name, a title, a subject): a line break is refused too, so
/// the text can never start another header of an e-mail it is written into, and so is a tab.
pub fn line(field: &'static str, raw: &str, max: usize) -> Result<String, TextError> {
    let text = required(field, raw, max)?;
    if text.contains(['\r', '\n', '\u{85}', '\u{2028}', '\u{2029}']) {
        return Err(TextError::LineBreak { field });
    }
    if text.contains('\t') {
        return Err(TextError::ControlCharacter { field });
    }
    Ok(text)
}

/// Text with its accents taken off (`Santé Numérique` becomes `Sante Numerique`), for search: the
/// text indexed and the words searched for are folded the same way here, so both databases find the same
/// partners (SQLite's index folds by itself, PostgreSQL's `simple` configuration does not).
pub fn fold_diacritics(text: &str) -> String {
    text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).nfc().collect()
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

/// An e-mail address in its one canonical form: Unicode compatibility normalization (NFKC) and full case
/// folding of the whole address, computed here rather than by a database's `lower()` (which differs
/// between engines: PostgreSQL folds `İ`, SQLite only ASCII). Stored, looked up and counted by rate
/// limits in this form only, so one address has one account and one limit however it is typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

/// The canonical form of an address's text: NFKC, case folded, NFKC again (so that folding cannot leave
/// a form that normalization would change).
pub fn canonical_email(raw: &str) -> String {
    let normalized: String = raw.trim().nfkc().collect();
    caseless::default_case_fold_str(&normalized).nfkc().collect()
}

/// The writing system of a letter, coarsely: enough to tell an address that mixes alphabets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    /// Han, kana and Hangul, which Japanese and Korean text mixes by nature.
    EastAsian,
    /// Any other block, by its first code point's 256-block.
    Other(u32),
}

fn script_of(c: char) -> Script {
    match c as u32 {
        0x0000..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0530..=0x058F => Script::Armenian,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F => Script::Arabic,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF => {
            Script::EastAsian
        }
        other => Script::Other(other >> 8),
    }
}

impl EmailAddress {
    /// Reads an address in any form it may be typed in and gives its canonical form. For signing in,
    /// looking up and counting; a new account also passes [`EmailAddress::parse_new`].
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let trimmed = raw.trim();
        let bad = || TextError::BadEmail(trimmed.to_owned());
        if trimmed.len() > 254 || trimmed.chars().any(|c| c.is_whitespace() || c.is_control() || is_invisible(c)) {
            return Err(bad());
        }
        let canonical = canonical_email(trimmed);
        if canonical.len() > 254 || canonical.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = canonical.rsplit_once('@').ok_or_else(bad)?;
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
        Ok(Self(canonical))
    }

    /// [`EmailAddress::parse`] for the address of a new account, which must also be unambiguous to the
    /// eye: typed in its normal form (no full-width or other compatibility letters), without combining
    /// marks left over (`İ` folds to `i` and a combining dot), with accented Latin letters only on
    /// ASCII letters (no dotless `ı` or Latin alpha `ɑ`), and in one alphabet (no Cyrillic `а` among
    /// Latin letters).
    pub fn parse_new(raw: &str) -> Result<Self, TextError> {
        let address = Self::parse(raw)?;
        let trimmed = raw.trim();
        let look_alike = || TextError::LookAlikeEmail(trimmed.to_owned());
        let composed: String = trimmed.nfc().collect();
        if composed != trimmed.nfkc().collect::<String>() {
            return Err(look_alike());
        }
        let mut scripts = Vec::new();
        for c in address.0.chars() {
            if unicode_normalization::char::is_combining_mark(c) {
                return Err(look_alike());
            }
            if !c.is_alphabetic() {
                continue;
            }
            let script = script_of(c);
            if script == Script::Latin && !c.is_ascii() {
                let base = c.to_string().nfd().next().unwrap_or(c);
                if !base.is_ascii_alphabetic() {
                    return Err(look_alike());
                }
            }
            if !scripts.contains(&script) {
                scripts.push(script);
            }
        }
        if scripts.len() > 1 {
            return Err(look_alike());
        }
        Ok(address)
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
    fn an_email_address_is_stored_in_one_canonical_form() {
        assert_eq!(EmailAddress::parse("  Ada.L@Example.ORG ").map(String::from), Ok("ada.l@example.org".into()));
        assert_eq!(EmailAddress::parse("ＡＤＡ@example.org").map(String::from), Ok("ada@example.org".into()));
        assert_eq!(EmailAddress::parse("STRASSE@example.org"), EmailAddress::parse("straße@example.org"));
        assert_eq!(
            EmailAddress::parse("Rene\u{301}@example.org").map(String::from),
            Ok("ren\u{e9}@example.org".into()),
            "a decomposed accent is composed"
        );
    }

    #[test]
    fn a_dotted_capital_i_does_not_fold_onto_a_plain_i() {
        let admin = EmailAddress::parse("admin@portal.example").expect("plain");
        let dotted = EmailAddress::parse("adm\u{130}n@portal.example").expect("still an address to look up");
        assert_ne!(admin, dotted, "no lower() of one engine may make them the same account");
    }

    #[test]
    fn a_new_account_refuses_look_alike_and_mixed_script_addresses() {
        for bad in [
            "adm\u{130}n@portal.example",
            "adm\u{131}n@portal.example",
            "p\u{430}ypal@portal.example",
            "ＡＤＡ@example.org",
            "ada@ex\u{430}mple.org",
            "\u{251}da@example.org",
        ] {
            assert!(
                matches!(EmailAddress::parse_new(bad), Err(TextError::LookAlikeEmail(_))),
                "{bad:?}: {:?}",
                EmailAddress::parse_new(bad)
            );
        }
        for good in ["Ada.L@example.org", "rené@exemple.fr", "иван@пример.рф", "ada+news@example.org"] {
            assert!(EmailAddress::parse_new(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn an_email_address_with_a_control_or_invisible_character_is_refused() {
        for bad in ["a\0b@example.org", "a\u{200B}b@example.org", "ada@example.org\r\nBcc: x@y.org"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
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
    fn text_refuses_control_characters_and_a_line_refuses_line_breaks() {
        assert_eq!(required("Notes", "one\r\ntwo\tthree", 50), Ok("one\r\ntwo\tthree".into()));
        assert_eq!(required("Notes", "a\0b", 50), Err(TextError::ControlCharacter { field: "Notes" }));
        assert_eq!(required("Notes", "a\u{7f}b", 50), Err(TextError::ControlCharacter { field: "Notes" }));
        assert_eq!(required("Notes", "a\u{202E}b", 50), Err(TextError::ControlCharacter { field: "Notes" }));
        assert_eq!(line("Name", "Kijiji\r\nBcc: x@y.org", 50), Err(TextError::LineBreak { field: "Name" }));
        assert_eq!(line("Name", "Kijiji\tHealth", 50), Err(TextError::ControlCharacter { field: "Name" }));
        assert_eq!(line("Name", " Kijiji Health ", 50), Ok("Kijiji Health".into()));
    }

    #[test]
    fn accents_are_folded_for_search() {
        assert_eq!(fold_diacritics("Dáta Santé Numérique São Tomé Ærø"), "Data Sante Numerique Sao Tome Ærø");
    }

    #[test]
    fn required_text_is_trimmed_and_bounded() {
        assert_eq!(required("Name", "  Ada ", 10), Ok("Ada".into()));
        assert_eq!(required("Name", "   ", 10), Err(TextError::Empty { field: "Name" }));
        assert_eq!(required("Name", "abcdef", 5), Err(TextError::TooLong { field: "Name", max: 5 }));
    }
}
