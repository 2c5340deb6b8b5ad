//! The open data set: the public fields of every partner as CSV and JSON at stable addresses, with
//! their schema and license on a page of their own.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::session::MaybeSession;
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use opo_app::partners::PublicRecord;

/// The license the data set is published under.
pub(crate) const LICENSE: (&str, &str) = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/");

/// The columns, in order, with what each holds: the schema shown on the page and used by both formats.
pub(crate) const FIELDS: &[(&str, &str)] = &[
    ("slug", "Stable identifier of the organization; its profile is at /partners/{slug}"),
    ("name", "Name of the organization"),
    ("status", "Where the partnership stands: active, renewal-due, in-grace or lapsed"),
    ("website", "Web address of the organization"),
    ("short_description", "One sentence on what the organization does"),
    (
        "organization_type",
        "Kind of organization: ngo, company, academic, government, multilateral, foundation, open-source-community",
    ),
    ("headquarters_country", "ISO 3166-1 alpha-2 code of the country of its headquarters"),
    ("countries_of_work", "ISO 3166-1 alpha-2 codes of the countries it works in, separated by semicolons"),
    ("capabilities", "Keys of its capability roles, separated by semicolons"),
    ("components", "Keys of the OpenHIE architecture components it works on, separated by semicolons"),
    ("joined_on", "Day the partnership started (YYYY-MM-DD)"),
    ("profile_url", "Address of its public profile"),
];

fn values(base: &str, r: &PublicRecord) -> Vec<String> {
    vec![
        r.card.slug.clone(),
        r.card.name.clone(),
        r.card.status.key().to_owned(),
        r.website.clone().unwrap_or_default(),
        r.card.short_description.clone(),
        r.card.org_type.map(|t| t.key().to_owned()).unwrap_or_default(),
        r.card.hq_country.map(|c| c.code.to_owned()).unwrap_or_default(),
        r.countries.iter().map(|c| c.code).collect::<Vec<_>>().join(";"),
        r.card.capabilities.iter().map(|t| t.key.as_str()).collect::<Vec<_>>().join(";"),
        r.components.iter().map(|t| t.key.as_str()).collect::<Vec<_>>().join(";"),
        r.card.joined_on.map(crate::format::iso_date).unwrap_or_default(),
        format!("{base}/partners/{}", r.card.slug),
    ]
}

/// One CSV field as RFC 4180 writes it; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a
/// spreadsheet never runs it as a formula.
pub(crate) fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

fn attachment(content_type: &'static str, file: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, file),
            (header::CACHE_CONTROL, "public, max-age=600"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        body,
    )
        .into_response()
}

pub(crate) async fn csv(State(state): State<AppState>) -> Result<Response, WebError> {
    let base = &state.app.settings.base_url;
    let mut out = FIELDS.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for record in opo_app::partners::public_records(&state.app).await? {
        out.push_str(&values(base, &record).iter().map(|v| csv_field(v)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    Ok(attachment("text/csv; charset=utf-8", "inline; filename=\"partners.csv\"", out))
}

pub(crate) async fn json(State(state): State<AppState>) -> Result<Response, WebError> {
    let base = &state.app.settings.base_url;
    let partners: Vec<serde_json::Value> = opo_app::partners::public_records(&state.app)
        .await?
        .iter()
        .map(|r| {
            let mut object = serde_json::Map::new();
            for ((name, _), value) in FIELDS.iter().zip(values(base, r)) {
                let value = match *name {
                    "countries_of_work" | "capabilities" | "components" => {
                        serde_json::json!(value.split(';').filter(|v| !v.is_empty()).collect::<Vec<_>>())
                    }
                    _ => serde_json::json!(value),
                };
                object.insert((*name).to_owned(), value);
            }
            serde_json::Value::Object(object)
        })
        .collect();
    let body = serde_json::json!({
        "license": { "name": LICENSE.0, "url": LICENSE.1 },
        "schema": format!("{base}/open-data"),
        "partners": partners,
    });
    Ok(attachment("application/json", "inline; filename=\"partners.json\"", body.to_string()))
}

#[derive(Template)]
#[template(path = "open_data.html")]
struct OpenDataPage {
    layout: Layout,
    fields: &'static [(&'static str, &'static str)],
    license: (&'static str, &'static str),
}

pub(crate) async fn page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Lang(t): Lang,
) -> Result<Html<String>, WebError> {
    let page = OpenDataPage {
        layout: Layout::new(
            &state,
            format!("{} — {}", t.get("open-data-title"), t.community("site-name", &state.app.settings.community_name)),
            t.get("open-data-description"),
            "/open-data",
        )
        .for_visitor(&visitor)
        .in_language(t),
        fields: FIELDS,
        license: LICENSE,
    };
    Ok(Html(page.render()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed_and_never_run_as_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
    }
}
