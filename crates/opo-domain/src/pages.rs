//! Partner pages under review: the content of one version of a partner's public page, and the plain
//! text both sides compare when they look at two versions.

use crate::partners::FieldError;
use crate::text::{self, TextError, WebUrl};
use serde::{Deserialize, Serialize};

/// One version of a partner page, as proposed by the secretariat or the partner.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageContent {
    pub name: String,
    pub website: String,
    pub short_description: String,
    /// Markdown.
    pub description: String,
    pub capabilities: Vec<String>,
    pub components: Vec<String>,
    pub countries: Vec<String>,
    pub links: Vec<String>,
}

impl PageContent {
    /// Checks what the public page needs; the vocabularies and countries come from an application that
    /// was checked already, so only the free text is checked here.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Err(e) = text::line("Name", &self.name, 200) {
            errors.push(FieldError::text("name", &e));
        }
        if !self.website.trim().is_empty()
            && let Err(e) = WebUrl::parse(&self.website)
        {
            errors.push(FieldError::text("website", &e));
        }
        if let Err(e) = text::line("Short description", &self.short_description, 300) {
            errors.push(FieldError::text("short_description", &e));
        }
        if self.description.chars().count() > 20_000 {
            let e = TextError::TooLong { field: "Description", max: 20_000 };
            errors.push(FieldError::text("description", &e));
        }
        for link in &self.links {
            if let Err(e) = WebUrl::parse(link) {
                errors.push(FieldError::text("links", &e));
                break;
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The page as one Markdown text, field by field, so two versions compare line by line with labels
    /// a reader recognizes. `label` turns a vocabulary key or country code into its name.
    pub fn as_text(&self, label: impl Fn(&str) -> String) -> String {
        let list = |keys: &[String]| keys.iter().map(|k| label(k)).collect::<Vec<_>>().join(", ");
        let mut out = format!("# {}\n\n", self.name.trim());
        if !self.website.trim().is_empty() {
            out.push_str(&format!("Website: {}\n\n", self.website.trim()));
        }
        out.push_str(self.short_description.trim());
        out.push_str("\n\n");
        if !self.description.trim().is_empty() {
            out.push_str(self.description.trim());
            out.push_str("\n\n");
        }
        out.push_str(&format!("Roles: {}\n", list(&self.capabilities)));
        out.push_str(&format!("OpenHIE components: {}\n", list(&self.components)));
        out.push_str(&format!("Countries of work: {}\n", list(&self.countries)));
        for link in &self.links {
            out.push_str(&format!("Link: {link}\n"));
        }
        out
    }
}

/// The kind of a link, as the profile labels it: the site's name (`github` for
/// `https://www.github.com/…`), or `website` when the address cannot be read.
pub fn link_kind(url: &str) -> String {
    WebUrl::parse(url)
        .ok()
        .and_then(|u| u.host().trim_start_matches("www.").split('.').next().map(str::to_owned))
        .unwrap_or_else(|| "website".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> PageContent {
        PageContent {
            name: "Sahel Data Lab".into(),
            website: "https://sahel-data.example".into(),
            short_description: "District health data.".into(),
            description: "We build **registries**.".into(),
            capabilities: vec!["research".into()],
            components: vec![],
            countries: vec!["ML".into(), "SN".into()],
            links: vec!["https://github.com/sahel-data".into()],
        }
    }

    #[test]
    fn the_text_names_every_field_with_labels_resolved() {
        let text = page().as_text(|k| k.to_uppercase());
        assert!(text.starts_with("# Sahel Data Lab\n"));
        assert!(text.contains("Roles: RESEARCH\n"));
        assert!(text.contains("Countries of work: ML, SN\n"));
        assert!(text.contains("Link: https://github.com/sahel-data\n"));
    }

    #[test]
    fn a_link_is_named_after_its_site() {
        assert_eq!(link_kind("https://www.github.com/sahel-data"), "github");
        assert_eq!(link_kind("https://linkedin.com/company/x"), "linkedin");
        assert_eq!(link_kind("not a url"), "website");
    }

    #[test]
    fn a_page_needs_a_name_and_a_short_description_and_valid_addresses() {
        assert_eq!(page().validate(), Ok(()));
        let bad = PageContent { name: " ".into(), website: "nope".into(), links: vec!["ftp://x".into()], ..page() };
        let fields: Vec<_> = bad.validate().expect_err("invalid").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "website", "links"]);
    }
}
