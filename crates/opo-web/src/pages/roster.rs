//! The staff's roster of organizations, `/secretariat/partners`: every organization by status, with its
//! agreement's expiry, its next check-in and who has it, and its contacts; filtered, searched, sorted and
//! paged, and downloadable as CSV with the same filters.

use super::layout::Layout;
use super::open_data::csv_field;
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::session::Session;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use opo_app::organizations::{Roster, RosterEntry};
use opo_domain::countries::Region;
use opo_domain::organizations::{RosterQuery, RosterSort};
use opo_domain::partners::PartnerStatus;

pub(crate) fn parse(raw: Option<&str>) -> Result<RosterQuery, WebError> {
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect();
    RosterQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(WebError::Invalid)
}

/// The query string of the roster with `query`'s filters and sort, for links that keep them.
fn query_string(query: &RosterQuery, page: u32) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    if let Some(status) = query.status {
        out.append_pair("status", status.key());
    }
    if let Some(region) = query.region {
        out.append_pair("region", region.key());
    }
    if let Some(assignee) = query.assignee {
        out.append_pair("assignee", &assignee.to_string());
    }
    if !query.search.is_empty() {
        out.append_pair("q", &query.search);
    }
    if query.sort != RosterSort::Name {
        out.append_pair("sort", query.sort.key());
    }
    if query.descending {
        out.append_pair("order", "desc");
    }
    if page > 1 {
        out.append_pair("page", &page.to_string());
    }
    out.finish()
}

pub(crate) struct Row {
    pub name: String,
    pub record: String,
    pub status: String,
    pub status_key: &'static str,
    pub expires: String,
    pub checkin: String,
    pub assignee: String,
    pub contacts: Vec<String>,
}

fn row(entry: &RosterEntry, t: crate::i18n::Tr) -> Row {
    Row {
        name: entry.row.name.clone(),
        record: format!("/portal/organizations/{}", entry.row.slug),
        status: t.partner_status(entry.row.status),
        status_key: entry.row.status.key(),
        expires: entry.row.expires_on.map(format::long_date).unwrap_or_default(),
        checkin: entry.next_checkin.map(format::long_date).unwrap_or_default(),
        assignee: entry.row.assignee.as_ref().map(|(_, n)| n.clone()).unwrap_or_default(),
        contacts: entry.contacts.iter().map(|c| format!("{} <{}>", c.name, c.email)).collect(),
    }
}

#[derive(Template)]
#[template(path = "staff/roster.html")]
struct RosterPage {
    layout: Layout,
    rows: Vec<Row>,
    total: i64,
    statuses: Vec<(&'static str, String, bool)>,
    regions: Vec<(&'static str, &'static str, bool)>,
    assignees: Vec<(i64, String, bool)>,
    sorts: Vec<(&'static str, String, bool)>,
    descending: bool,
    search: String,
    previous: Option<String>,
    next: Option<String>,
    page: u32,
    pages: i64,
    csv: String,
    filtered: bool,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    let query = parse(raw.as_deref())?;
    let roster: Roster = opo_app::organizations::roster(&state.app, &session.user, &query, false).await?;
    let t = crate::i18n::Tr::current();
    let staff = opo_app::checkins::staff(&state.app).await?;
    let pages = ((roster.total + i64::from(query.per_page) - 1) / i64::from(query.per_page)).max(1);
    let link = |page: u32| {
        let qs = query_string(&query, page);
        if qs.is_empty() { "/secretariat/partners".to_owned() } else { format!("/secretariat/partners?{qs}") }
    };
    let filtered =
        query.status.is_some() || query.region.is_some() || query.assignee.is_some() || !query.search.is_empty();
    let page = RosterPage {
        layout: Layout::new(&state, t.get("roster-title"), "", "/secretariat/partners").for_session(Some(&session)),
        rows: roster.entries.iter().map(|e| row(e, t)).collect(),
        total: roster.total,
        statuses: PartnerStatus::ALL
            .into_iter()
            .map(|s| (s.key(), t.partner_status(s), query.status == Some(s)))
            .collect(),
        regions: Region::ALL.into_iter().map(|r| (r.key(), r.label(), query.region == Some(r))).collect(),
        assignees: staff.into_iter().map(|u| (u.id, u.display_name.clone(), query.assignee == Some(u.id))).collect(),
        sorts: RosterSort::ALL
            .into_iter()
            .map(|s| (s.key(), t.get(&format!("roster-sort-{}", s.key())), query.sort == s))
            .collect(),
        descending: query.descending,
        search: query.search.clone(),
        previous: (query.page > 1).then(|| link(query.page - 1)),
        next: (i64::from(query.page) < pages).then(|| link(query.page + 1)),
        page: query.page,
        pages,
        csv: {
            let qs = query_string(&query, 1);
            if qs.is_empty() {
                "/secretariat/partners.csv".to_owned()
            } else {
                format!("/secretariat/partners.csv?{qs}")
            }
        },
        filtered,
    };
    Ok(Html(page.render()?))
}

/// Every organization matching the roster's filters, as CSV (one line per organization).
pub(crate) async fn csv(
    State(state): State<AppState>,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let query = parse(raw.as_deref())?;
    let roster = opo_app::organizations::roster(&state.app, &session.user, &query, true).await?;
    let mut out = String::from("name,slug,status,agreement_expires_on,next_check_in,check_in_assignee,contacts\r\n");
    for e in &roster.entries {
        let contacts: Vec<String> = e.contacts.iter().map(|c| format!("{} <{}>", c.name, c.email)).collect();
        let values = [
            e.row.name.clone(),
            e.row.slug.clone(),
            e.row.status.key().to_owned(),
            e.row.expires_on.map(|d| d.to_string()).unwrap_or_default(),
            e.next_checkin.map(|d| d.to_string()).unwrap_or_default(),
            e.row.assignee.as_ref().map(|(_, n)| n.clone()).unwrap_or_default(),
            contacts.join("; "),
        ];
        out.push_str(&values.iter().map(|v| csv_field(v)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"organizations.csv\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        out,
    )
        .into_response())
}
