//! The partner directory as read-only FHIR R4 `Organization` resources, so health-information-exchange
//! tools can read it as they read other registries: `/fhir/metadata`, `/fhir/Organization` (search by
//! `name`, `address-country`, `type`) and `/fhir/Organization/{id}`.

use crate::AppState;
use crate::error::WebError;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use opo_app::partners::PublicRecord;
use opo_domain::partners::OrgType;
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

const FHIR_JSON: &str = "application/fhir+json; charset=utf-8";
const TYPE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/organization-type";

fn fhir(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON));
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    response
}

/// An `OperationOutcome`, FHIR's way of saying what went wrong.
fn outcome(status: StatusCode, code: &str, text: &str) -> Response {
    fhir(
        status,
        &json!({
            "resourceType": "OperationOutcome",
            "issue": [{ "severity": "error", "code": code, "diagnostics": text }],
        }),
    )
}

/// The organization-type code of HL7's code system that fits each kind of organization best.
fn type_code(org_type: Option<OrgType>) -> (&'static str, &'static str) {
    match org_type {
        Some(OrgType::Government) => ("govt", "Government"),
        Some(OrgType::Academic) => ("edu", "Educational Institute"),
        Some(OrgType::Company) => ("bus", "Non-Healthcare Business or Corporation"),
        Some(OrgType::Ngo | OrgType::OpenSourceCommunity) => ("cg", "Community Group"),
        Some(OrgType::Foundation | OrgType::Multilateral) | None => ("other", "Other"),
    }
}

fn resource(base: &str, record: &PublicRecord) -> Value {
    let (code, display) = type_code(record.card.org_type);
    let mut telecom = Vec::new();
    if let Some(website) = &record.website {
        telecom.push(json!({ "system": "url", "value": website }));
    }
    let mut address = Vec::new();
    if let Some(hq) = record.card.hq_country {
        address.push(json!({ "country": hq.code, "text": hq.name }));
    }
    json!({
        "resourceType": "Organization",
        "id": record.id.to_string(),
        "meta": { "lastUpdated": record.updated_at.format(&Rfc3339).unwrap_or_default() },
        "identifier": [{ "system": format!("{base}/partners"), "value": record.card.slug }],
        "active": record.card.status.is_listed(),
        "type": [{
            "coding": [{ "system": TYPE_SYSTEM, "code": code, "display": display }],
            "text": record.card.org_type.map_or("Organization", OrgType::label),
        }],
        "name": record.card.name,
        "alias": record.card.capabilities.iter().map(|t| t.label.clone()).collect::<Vec<_>>(),
        "telecom": telecom,
        "address": address,
    })
}

/// FHIR string search: matches when a word of the value starts with the text, ignoring case.
fn starts_a_word(value: &str, text: &str) -> bool {
    let text = text.to_lowercase();
    value.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|word| word.starts_with(&text))
        || value.to_lowercase().starts_with(&text)
}

fn matches(record: &PublicRecord, key: &str, value: &str) -> Result<bool, String> {
    Ok(match key {
        "name" => starts_a_word(&record.card.name, value),
        "address-country" => {
            record.card.hq_country.is_some_and(|c| c.code.eq_ignore_ascii_case(value) || starts_a_word(c.name, value))
        }
        "type" => {
            let code = value.rsplit('|').next().unwrap_or(value);
            let system = value.split_once('|').map(|(s, _)| s);
            system.is_none_or(|s| s == TYPE_SYSTEM) && type_code(record.card.org_type).0 == code
        }
        "_id" => record.id.to_string() == value,
        "active" => record.card.status.is_listed().to_string() == value,
        // Parameters about the answer itself, not the match.
        "_format" | "_count" => true,
        other => return Err(format!("the search parameter \"{other}\" is not supported")),
    })
}

pub(crate) async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, WebError> {
    let base = state.app.settings.base_url.clone();
    let pairs: Vec<(String, String)> = match serde_urlencoded::from_str(raw.as_deref().unwrap_or_default()) {
        Ok(pairs) => pairs,
        Err(_) => return Ok(outcome(StatusCode::BAD_REQUEST, "invalid", "the query string cannot be read")),
    };
    let mut found = Vec::new();
    for record in opo_app::partners::public_records(&state.app).await? {
        let mut keep = true;
        for (key, value) in &pairs {
            match matches(&record, key, value) {
                Ok(true) => {}
                Ok(false) => keep = false,
                Err(problem) => return Ok(outcome(StatusCode::BAD_REQUEST, "not-supported", &problem)),
            }
        }
        if keep {
            found.push(record);
        }
    }
    let self_url = match raw.as_deref().filter(|q| !q.is_empty()) {
        Some(q) => format!("{base}/fhir/Organization?{q}"),
        None => format!("{base}/fhir/Organization"),
    };
    let entries: Vec<Value> = found
        .iter()
        .map(|r| {
            json!({
                "fullUrl": format!("{base}/fhir/Organization/{}", r.id),
                "resource": resource(&base, r),
                "search": { "mode": "match" },
            })
        })
        .collect();
    Ok(fhir(
        StatusCode::OK,
        &json!({
            "resourceType": "Bundle",
            "type": "searchset",
            "total": entries.len(),
            "link": [{ "relation": "self", "url": self_url }],
            "entry": entries,
        }),
    ))
}

pub(crate) async fn read(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    let base = state.app.settings.base_url.clone();
    let Ok(id) = id.parse::<i64>() else {
        return Ok(outcome(StatusCode::NOT_FOUND, "not-found", &format!("there is no Organization/{id}")));
    };
    let records = opo_app::partners::public_records(&state.app).await?;
    match records.iter().find(|r| r.id == id) {
        Some(record) => Ok(fhir(StatusCode::OK, &resource(&base, record))),
        None => Ok(outcome(StatusCode::NOT_FOUND, "not-found", &format!("there is no Organization/{id}"))),
    }
}

pub(crate) async fn metadata(State(state): State<AppState>) -> Response {
    let base = &state.app.settings.base_url;
    fhir(
        StatusCode::OK,
        &json!({
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": "2026-11-25",
            "publisher": format!("{} Partner Organizations", state.app.settings.community_name),
            "kind": "instance",
            "implementation": { "description": "Partner organization directory", "url": format!("{base}/fhir") },
            "fhirVersion": "4.0.1",
            "format": ["json"],
            "rest": [{
                "mode": "server",
                "resource": [{
                    "type": "Organization",
                    "interaction": [{ "code": "read" }, { "code": "search-type" }],
                    "searchParam": [
                        { "name": "name", "type": "string" },
                        { "name": "address-country", "type": "string" },
                        { "name": "type", "type": "token" },
                        { "name": "active", "type": "token" },
                        { "name": "_id", "type": "token" },
                    ],
                }],
            }],
        }),
    )
}
