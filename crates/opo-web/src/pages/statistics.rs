//! `/statistics`: the program in numbers, as charts drawn on the server.

use super::layout::Layout;
use crate::error::WebError;
use crate::session::MaybeSession;
use crate::{AppState, charts};
use askama::Template;
use axum::extract::State;
use axum::response::Html;

pub(crate) struct Chart {
    pub heading: &'static str,
    pub svg: String,
    pub rows: Vec<(String, i64)>,
}

#[derive(Template)]
#[template(path = "statistics.html")]
struct StatisticsPage {
    layout: Layout,
    charts: Vec<Chart>,
}

pub(crate) async fn page(State(state): State<AppState>, visitor: MaybeSession) -> Result<Html<String>, WebError> {
    let stats = opo_app::statistics::overview(&state.app).await?;
    let chart = |id: &str, heading: &'static str, rows: Vec<(String, i64)>, over_time: bool| Chart {
        heading,
        svg: if over_time { charts::columns(id, heading, &rows) } else { charts::bars(id, heading, &rows) },
        rows,
    };
    let page = StatisticsPage {
        layout: Layout::new(
            &state,
            format!("Statistics — {} Partner Organizations", state.app.settings.community_name),
            "How many partners the program has, where they work and what they do.",
            "/statistics",
        )
        .in_section("statistics")
        .for_visitor(&visitor),
        charts: vec![
            chart("growth", "Partners over time (listed partners by the end of each year)", stats.growth, true),
            chart("regions", "Partners working in each region", stats.regions, false),
            chart("capabilities", "Partners by capability", stats.capabilities, false),
            chart("types", "Partners by kind of organization", stats.org_types, false),
        ],
    };
    Ok(Html(page.render()?))
}
