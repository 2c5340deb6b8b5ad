//! The public expression-of-interest form, with spam protection that needs no outside service: a
//! hidden field people leave empty, a minimum time to fill the form, and a rate limit per address.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::session::{ClientInfo, MaybeSession};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use opo_app::Actor;
use opo_domain::applications::interest::InterestInput;
use opo_domain::partners::FieldError;
use serde::Deserialize;

const FORM: &str = "interest";

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct InterestForm {
    #[serde(default)]
    organization: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    desired_role: String,
    #[serde(default)]
    message: String,
    /// The hidden field: people never see it, form-filling scripts fill it.
    #[serde(default)]
    fax: String,
    #[serde(default)]
    stamp: String,
}

impl InterestForm {
    fn input(&self) -> InterestInput {
        InterestInput {
            organization: self.organization.clone(),
            website: self.website.clone(),
            contact_name: self.contact_name.clone(),
            contact_email: self.contact_email.clone(),
            country: self.country.clone(),
            desired_role: self.desired_role.clone(),
            message: self.message.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "applying/interest.html")]
struct InterestPage {
    layout: Layout,
    form: InterestForm,
    stamp: String,
    errors: Vec<FieldError>,
    notice: Option<String>,
    roles: Vec<(String, String)>,
    countries: Vec<(&'static str, &'static str)>,
}

impl InterestPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
}

#[derive(Template)]
#[template(path = "applying/interest_sent.html")]
struct SentPage {
    layout: Layout,
    organization: String,
    email: String,
}

async fn render(
    state: &AppState,
    visitor: &MaybeSession,
    form: InterestForm,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<Html<String>, WebError> {
    let (capabilities, _) = opo_app::applications::choices(&state.app).await?;
    let page = InterestPage {
        layout: Layout::new(
            state,
            crate::i18n::Tr::current().get("interest-title"),
            "Tell the secretariat your organization would like to join the partner program.",
            "/interest",
        )
        .in_section("partners")
        .for_visitor(visitor),
        stamp: opo_app::form_stamps::issue(&state.app, FORM).await?,
        form,
        errors,
        notice,
        roles: capabilities.into_iter().map(|t| (t.key, t.label)).collect(),
        countries: opo_domain::countries::COUNTRIES.iter().map(|c| (c.code, c.name)).collect(),
    };
    Ok(Html(page.render()?))
}

pub(crate) async fn page(State(state): State<AppState>, visitor: MaybeSession) -> Result<Html<String>, WebError> {
    render(&state, &visitor, InterestForm::default(), Vec::new(), None).await
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    visitor: MaybeSession,
    ClientInfo(client): ClientInfo,
    Form(form): Form<InterestForm>,
) -> Result<Response, WebError> {
    let sent = |organization: String, email: String| -> Result<Response, WebError> {
        let layout = Layout::new(&state, crate::i18n::Tr::current().get("interest-thanks"), "", "/interest")
            .in_section("partners")
            .for_visitor(&visitor);
        Ok(Html(SentPage { layout, organization, email }.render()?).into_response())
    };
    opo_app::rate_limits::check(&state.app, &[(opo_app::rate_limits::INTEREST_PER_IP, client.ip.as_str())]).await?;
    if !form.fax.trim().is_empty() {
        // A script filled the hidden field: it is told what a person would be, and nothing is stored.
        tracing::info!(ip = %client.ip, "expression of interest with the hidden field filled; dropped");
        return sent(form.organization.clone(), form.contact_email.clone());
    }
    let min = state.app.settings.interest_min_fill;
    let fast = match opo_app::form_stamps::age(&state.app, FORM, &form.stamp).await? {
        Some(age) => age < min,
        None => true,
    };
    if fast {
        let notice = crate::i18n::Tr::current().get("interest-check-again");
        let html = render(&state, &visitor, form, Vec::new(), Some(notice)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    }
    let actor = Actor { user_id: None, label: form.contact_email.trim().to_owned(), ip: client.ip.clone() };
    let locale = crate::i18n::Tr::current().code();
    match opo_app::applications::express_interest_in(&state.app, &form.input(), locale, &actor).await {
        Ok(received) => sent(received.organization, form.contact_email.trim().to_owned()),
        Err(err) => super::redrawn(err, |errors, notice| render(&state, &visitor, form, errors, notice)).await,
    }
}
