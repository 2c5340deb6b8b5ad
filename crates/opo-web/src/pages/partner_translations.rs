//! A partner's short description and description in the site's other languages: the editor its
//! contacts and the secretariat use, and the choice of text (translation or original, with its `lang`)
//! that the public profile, the directory and the logo widget show.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::i18n::{Locale, Tr};
use crate::routes::Routes;
use crate::session::{ClientInfo, Session};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::partner_translations::StoredTranslation;
use opo_domain::partner_translations::{self as domain, TranslationError, TranslationInput, TranslationProblem};
use opo_domain::policy::{self, Action, Actor};
use serde::Deserialize;
use std::collections::HashMap;

/// The editor's routes, for the table in `routes.rs`.
pub(crate) fn routes(routes: Routes) -> Routes {
    routes.get("/portal/organizations/{slug}/translations", Action::TranslatePartnerProfile, page).post(
        "/portal/organizations/{slug}/translations",
        Action::TranslatePartnerProfile,
        save,
    )
}

/// Text as a visitor sees it, with the language to mark when it is not the page's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Shown {
    pub text: String,
    /// `Some("en")` when the original is shown on a page in another language.
    pub lang: Option<&'static str>,
}

impl Shown {
    pub(crate) fn of(original: &str, translated: Option<&str>, t: Tr) -> Self {
        let (text, lang) = domain::pick(original, translated, t.code());
        Self { text: text.to_owned(), lang: (lang != t.code()).then_some(lang) }
    }
}

/// The translations into the visitor's language of the partners with these slugs, by slug.
pub(crate) async fn for_visitor(
    state: &AppState,
    t: Tr,
    slugs: &[&str],
) -> Result<HashMap<String, StoredTranslation>, WebError> {
    Ok(opo_app::partner_translations::in_locale(&state.app, t.code(), slugs).await?)
}

/// One language's fields on the editor.
struct LanguageFields {
    code: &'static str,
    name: &'static str,
    short_description: String,
    description: String,
    changed: Option<String>,
    short_error: Option<String>,
    description_error: Option<String>,
}

#[derive(Template)]
#[template(path = "portal/translations.html")]
struct EditorPage {
    layout: Layout,
    slug: String,
    name: String,
    original_short: String,
    languages: Vec<LanguageFields>,
    has_errors: bool,
    saved: bool,
    short_max: usize,
    description_max: usize,
}

/// The organization's record, when the person may translate its profile.
async fn translatable(state: &AppState, session: &Session, slug: &str) -> Result<opo_app::partners::Record, WebError> {
    let record = opo_app::partners::record(&state.app, slug).await?;
    let actor = Actor::Signed(session.user.role);
    if policy::allows_on_organization(
        actor,
        &session.user.organizations,
        Action::TranslatePartnerProfile,
        record.id,
        record.card.status,
    ) {
        Ok(record)
    } else {
        Err(WebError::Forbidden("this is another organization's record".to_owned()))
    }
}

/// A problem in the reader's language, naming the field as the form does.
fn problem_text(problem: &TranslationProblem, t: Tr) -> String {
    match &problem.error {
        TranslationError::Text(error) => {
            let field = if problem.field == "description" { "translations-description" } else { "translations-short" };
            t.text_error(error, &t.get(field))
        }
        TranslationError::UnknownLocale(_) => problem.error.to_string(),
    }
}

async fn render(
    state: &AppState,
    session: &Session,
    record: &opo_app::partners::Record,
    typed: Option<&[TranslationInput]>,
    problems: &[TranslationProblem],
    saved: bool,
) -> Result<Html<String>, WebError> {
    let t = Tr::current();
    let stored = opo_app::partner_translations::of_organization(&state.app, record.id).await?;
    let slug = record.card.slug.clone();
    let error = |code: &str, field: &str| {
        problems.iter().find(|p| p.locale == code && p.field == field).map(|p| problem_text(p, t))
    };
    let languages = domain::LOCALES
        .iter()
        .filter_map(|code| Locale::parse(code))
        .map(|locale| {
            let code = locale.code();
            let saved_one = stored.iter().find(|s| s.locale == code);
            let (short_description, description) = match typed.and_then(|ts| ts.iter().find(|i| i.locale == code)) {
                Some(input) => (input.short_description.clone(), input.description.clone()),
                None => saved_one.map(|s| (s.short_description.clone(), s.description.clone())).unwrap_or_default(),
            };
            LanguageFields {
                code,
                name: locale.name(),
                short_description,
                description,
                changed: saved_one.map(|s| {
                    t.args(
                        "translations-changed",
                        &[("date", t.date(s.updated_at.date()).into()), ("name", s.updated_by.as_str().into())],
                    )
                }),
                short_error: error(code, "short_description"),
                description_error: error(code, "description"),
            }
        })
        .collect();
    let page = EditorPage {
        layout: Layout::new(
            state,
            format!("{} — {}", t.get("translations-title"), record.card.name),
            "",
            &format!("/portal/organizations/{slug}/translations"),
        )
        .for_session(Some(session)),
        slug,
        name: record.card.name.clone(),
        original_short: record.card.short_description.clone(),
        languages,
        has_errors: !problems.is_empty(),
        saved,
        short_max: domain::SHORT_MAX,
        description_max: domain::DESCRIPTION_MAX,
    };
    Ok(Html(page.render()?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct Done {
    saved: Option<String>,
}

/// `GET /portal/organizations/{slug}/translations`: the editor with what is saved.
pub(crate) async fn page(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let record = translatable(&state, &session, &slug).await?;
    render(&state, &session, &record, None, &[], done.saved.is_some()).await
}

/// `POST /portal/organizations/{slug}/translations`: saves every language at once; on a problem the
/// page comes back with what was typed and the problems next to their fields.
pub(crate) async fn save(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let record = translatable(&state, &session, &slug).await?;
    let inputs: Vec<TranslationInput> = domain::LOCALES
        .iter()
        .map(|code| TranslationInput {
            locale: (*code).to_owned(),
            short_description: fields.get(&format!("short_description_{code}")).cloned().unwrap_or_default(),
            description: fields.get(&format!("description_{code}")).cloned().unwrap_or_default(),
        })
        .collect();
    // The domain's checks give codes the page words in the reader's language; the use case checks again.
    if let Err(problems) = domain::validate(&inputs) {
        let mut answer = render(&state, &session, &record, Some(&inputs), &problems, false).await?.into_response();
        *answer.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(answer);
    }
    opo_app::partner_translations::save(&state.app, record.id, &inputs, &session.audit_actor(&client)).await?;
    Ok(Redirect::to(&format!("/portal/organizations/{slug}/translations?saved=1")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_original_is_marked_only_on_a_page_in_another_language() {
        let fr = Tr(Locale::Fr);
        assert_eq!(Shown::of("Hello", Some("Bonjour"), fr), Shown { text: "Bonjour".to_owned(), lang: None });
        assert_eq!(Shown::of("Hello", None, fr), Shown { text: "Hello".to_owned(), lang: Some("en") });
        assert_eq!(Shown::of("Hello", None, Tr(Locale::En)), Shown { text: "Hello".to_owned(), lang: None });
    }
}
