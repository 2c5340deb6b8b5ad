//! `/map`: a world map drawn on the server, each country shaded by how many partners work there and
//! linked to the directory filtered to it.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::session::MaybeSession;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use opo_domain::countries::country;
use std::fmt::Write;
use std::sync::OnceLock;

const OUTLINES: &str = include_str!("../../assets/vendor/world-110m.tsv");

/// (alpha-2 code, SVG path) of every country the map draws.
fn outlines() -> &'static [(&'static str, &'static str)] {
    static PARSED: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    PARSED.get_or_init(|| OUTLINES.lines().filter_map(|line| line.split_once('\t')).collect())
}

/// Shades from no partner to many: the upper bound of each band and its fill.
const BANDS: &[(i64, &str, &str)] = &[
    (0, "#e3eaed", "none"),
    (1, "#b9dde3", "1"),
    (3, "#6fb6c2", "2–3"),
    (6, "#2a8797", "4–6"),
    (i64::MAX, "#0b4f5f", "7 or more"),
];

fn fill(count: i64) -> &'static str {
    BANDS.iter().find(|(upper, _, _)| count <= *upper).map_or("#0b4f5f", |(_, color, _)| color)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The map as an SVG element.
pub(crate) fn svg(counts: &[(String, i64)], t: Tr) -> String {
    let count_of = |code: &str| counts.iter().find(|(c, _)| c == code).map_or(0, |(_, n)| *n);
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 400" width="100%" overflow="hidden" class="world-map" role="group" aria-label="{}">"#,
        escape(&t.get("map-label"))
    );
    for (code, d) in outlines() {
        let n = count_of(code);
        let name = country(code).map_or_else(|| (*code).to_owned(), |c| t.country(c.code, c.name));
        let title = match n {
            0 => escape(&name),
            n => escape(&t.args("map-country-partners", &[("country", name.as_str().into()), ("count", n.into())])),
        };
        if n > 0 {
            let _ = write!(
                out,
                r##"<a href="/partners?country={code}" aria-label="{title}"><path d="{d}" fill="{}" stroke="#ffffff" stroke-width="0.5"><title>{title}</title></path></a>"##,
                fill(n)
            );
        } else {
            let _ = write!(
                out,
                r##"<path d="{d}" fill="{}" stroke="#ffffff" stroke-width="0.5"><title>{title}</title></path>"##,
                fill(0)
            );
        }
    }
    out.push_str("</svg>");
    out
}

pub(crate) struct CountryRow {
    pub code: String,
    pub name: String,
    pub count: i64,
}

#[derive(Template)]
#[template(path = "map.html")]
struct MapPage {
    layout: Layout,
    svg: String,
    legend: Vec<(&'static str, String)>,
    rows: Vec<CountryRow>,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Lang(t): Lang,
) -> Result<Html<String>, WebError> {
    let counts = opo_app::statistics::countries(&state.app).await?;
    let mut rows: Vec<CountryRow> = counts
        .iter()
        .filter_map(|(code, count)| {
            let found = country(code)?;
            Some(CountryRow { name: t.country(found.code, found.name), code: code.clone(), count: *count })
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    let page = MapPage {
        layout: Layout::new(
            &state,
            format!("{} — {}", t.get("map-title"), t.community("site-name", &state.app.settings.community_name)),
            t.get("map-description"),
            "/map",
        )
        .in_section("map")
        .for_visitor(&visitor)
        .in_language(t),
        svg: svg(&counts, t),
        legend: BANDS
            .iter()
            .map(|(_, color, label)| {
                let text = match *label {
                    "none" => t.get("map-none"),
                    "7 or more" => t.get("map-many"),
                    other => other.to_owned(),
                };
                (*color, text)
            })
            .collect(),
        rows,
    };
    Ok(Html(page.render()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outline_belongs_to_a_known_country() {
        assert!(outlines().len() > 150);
        for (code, d) in outlines() {
            assert!(country(code).is_some(), "{code}");
            assert!(d.starts_with('M') && d.ends_with('Z'), "{code}");
        }
    }

    #[test]
    fn countries_with_partners_link_to_the_filtered_directory() {
        let map = svg(&[("KE".to_owned(), 3), ("BR".to_owned(), 9)], Tr::default());
        assert!(map.contains(r#"<a href="/partners?country=KE" aria-label="Kenya: 3 partners"><path"#));
        assert!(map.contains("Kenya: 3 partners"));
        assert!(map.contains(&format!(r#"fill="{}""#, fill(9))));
        assert!(!map.contains("country=FR"), "a country without partners is not a link");
    }

    #[test]
    fn shades_darken_with_more_partners() {
        let shades: Vec<_> = [0, 1, 2, 5, 40].iter().map(|n| fill(*n)).collect();
        let mut unique = shades.clone();
        unique.dedup();
        assert_eq!(unique.len(), 5, "{shades:?}");
    }
}
