//! What every page's frame needs: title, description, canonical address, asset links.

use crate::i18n::{Locale, Tr};
use crate::session::{MaybeSession, Session};
use crate::{AppState, assets};

/// The signed-in person as the page frame shows them.
pub(crate) struct NavUser {
    pub name: String,
    pub home: &'static str,
}

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
    pub user: Option<NavUser>,
    /// The translator for the page's language.
    pub t: Tr,
    /// The page's own address, for the language switcher to come back to.
    pub path: String,
    pub languages: Vec<(&'static str, &'static str)>,
}

impl Layout {
    pub(crate) fn new(state: &AppState, title: impl Into<String>, description: impl Into<String>, path: &str) -> Self {
        let community = state.app.settings.community_name.clone();
        Self {
            title: title.into(),
            description: description.into(),
            canonical: Some(format!("{}{path}", state.app.settings.base_url)),
            site_name: format!("{community} Partner Organizations"),
            community,
            secretariat_email: state.app.settings.secretariat_email.clone(),
            css: assets::url("site.css"),
            favicon: assets::url("favicon.svg"),
            section: "",
            user: None,
            t: Tr::default(),
            path: path.to_owned(),
            languages: languages(),
        }
        .in_language(Tr::current())
    }

    /// Draws the page in the visitor's language; the site name follows it.
    pub(crate) fn in_language(mut self, t: Tr) -> Self {
        self.site_name = t.community("site-name", &self.community);
        self.t = t;
        self
    }

    /// Shows who is signed in, with a link home and a way to sign out.
    pub(crate) fn for_session(mut self, session: Option<&Session>) -> Self {
        self.user =
            session.map(|s| NavUser { name: s.user.display_name.clone(), home: opo_domain::policy::home(s.user.role) });
        self
    }

    pub(crate) fn for_visitor(self, visitor: &MaybeSession) -> Self {
        self.for_session(visitor.0.as_ref())
    }

    /// The frame of an error page, which is drawn without the site's settings at hand.
    pub(crate) fn plain(title: &str) -> Self {
        let t = Tr::current();
        Self {
            title: title.to_owned(),
            description: String::new(),
            canonical: None,
            site_name: t.community("site-name", "").trim().to_owned(),
            community: String::new(),
            secretariat_email: String::new(),
            css: assets::url("site.css"),
            favicon: assets::url("favicon.svg"),
            section: "",
            user: None,
            t,
            path: "/".to_owned(),
            languages: languages(),
        }
    }

    pub(crate) fn in_section(mut self, section: &'static str) -> Self {
        self.section = section;
        self
    }
}

fn languages() -> Vec<(&'static str, &'static str)> {
    Locale::ALL.iter().map(|l| (l.code(), l.name())).collect()
}
