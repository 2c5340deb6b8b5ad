//! `/statistics`: the program in numbers, as charts drawn on the server.

use super::layout::Layout;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::session::MaybeSession;
use crate::{AppState, charts};
use askama::Template;
use axum::extract::State;
use axum::response::Html;

pub(crate) struct Chart {
    pub heading: String,
    pub svg: String,
    pub rows: Vec<(String, i64)>,
}

#[derive(Template)]
#[template(path = "statistics.html")]
struct StatisticsPage {
    layout: Layout,
    charts: Vec<Chart>,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Lang(t): Lang,
) -> Result<Html<String>, WebError> {
    let stats = opo_app::statistics::overview(&state.app).await?;
    let chart = |id: &str, heading: String, rows: Vec<(String, i64)>, over_time: bool| Chart {
        svg: if over_time { charts::columns(id, &heading, &rows) } else { charts::bars(id, &heading, &rows) },
        heading,
        rows,
    };
    let bars = |bars: Vec<opo_app::statistics::Bar>, vocabulary: &str| -> Vec<(String, i64)> {
        bars.into_iter().map(|b| (t.label(&format!("{vocabulary}-{}", b.key), &b.label), b.count)).collect()
    };
    let page = StatisticsPage {
        layout: Layout::new(
            &state,
            format!("{} — {}", t.get("stats-title"), t.community("site-name", &state.app.settings.community_name)),
            t.get("stats-description"),
            "/statistics",
        )
        .in_section("statistics")
        .for_visitor(&visitor)
        .in_language(t),
        charts: vec![
            chart("growth", t.get("stats-growth"), stats.growth, true),
            chart("regions", t.get("stats-regions"), bars(stats.regions, "region"), false),
            chart("capabilities", t.get("stats-capabilities"), bars(stats.capabilities, "capability"), false),
            chart("types", t.get("stats-types"), bars(stats.org_types, "org-type"), false),
        ],
    };
    Ok(Html(page.render()?))
}
