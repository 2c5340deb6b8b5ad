//! What every page's frame needs: title, description, canonical address, asset links.

use crate::{AppState, assets};

pub(crate) struct Layout {
    pub title: String,
    pub description: String,
    pub canonical: Option<String>,
    pub site_name: String,
    pub community: String,
    pub secretariat_email: String,
    pub css: String,
    pub favicon: String,
    /// Which top navigation entry is current.
    pub section: &'static str,
}

impl Layout {
    pub(crate) fn new(state: &AppState, title: impl Into<String>, description: impl Into<String>, path: &str) -> Self {
        let community = state.config.community_name.clone();
        Self {
            title: title.into(),
            description: description.into(),
            canonical: Some(format!("{}{path}", state.config.base_url)),
            site_name: format!("{community} Partner Organizations"),
            community,
            secretariat_email: state.config.secretariat_email.clone(),
            css: assets::url("site.css"),
            favicon: assets::url("favicon.svg"),
            section: "",
        }
    }

    /// The frame of an error page, which is drawn without the site's settings at hand.
    pub(crate) fn plain(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            description: String::new(),
            canonical: None,
            site_name: "Partner Organizations".to_owned(),
            community: String::new(),
            secretariat_email: String::new(),
            css: assets::url("site.css"),
            favicon: assets::url("favicon.svg"),
            section: "",
        }
    }

    pub(crate) fn in_section(mut self, section: &'static str) -> Self {
        self.section = section;
        self
    }
}
