//! Charts drawn on the server as SVG: no script, readable without styles, and each one with a title
//! and a description for screen readers (the page also shows the numbers as a table).

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const BAR: &str = "#0b5f73";
const INK: &str = "#14232b";
const MUTED: &str = "#52636c";

/// Horizontal bars, one per label, longest value scaled to the full width.
pub(crate) fn bars(id: &str, title: &str, data: &[(String, i64)]) -> String {
    let row = 28;
    let label_width = 230;
    let bar_width = 320;
    let height = row * data.len().max(1) + 8;
    let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {height}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" class="chart"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
        w = label_width + bar_width + 50,
        title = escape(title),
        desc = escape(&data.iter().map(|(l, v)| format!("{l}: {v}")).collect::<Vec<_>>().join("; ")),
    );
    for (i, (label, value)) in data.iter().enumerate() {
        let y = i * row + 4;
        let width = (*value as f64 / max as f64 * bar_width as f64).round().max(if *value > 0 { 2.0 } else { 0.0 });
        out.push_str(&format!(
            r#"<text x="{lx}" y="{ty}" text-anchor="end" font-size="13" fill="{INK}">{label}</text><rect x="{bx}" y="{y}" width="{width}" height="{bh}" rx="3" fill="{BAR}"/><text x="{vx}" y="{ty}" font-size="13" fill="{MUTED}">{value}</text>"#,
            lx = label_width - 8,
            ty = y + 15,
            label = escape(label),
            bx = label_width,
            bh = row - 8,
            vx = label_width as f64 + width + 6.0,
        ));
    }
    out.push_str("</svg>");
    out
}

/// Vertical columns along a time axis (years), with the value on top of each column.
pub(crate) fn columns(id: &str, title: &str, data: &[(String, i64)]) -> String {
    let column = 44;
    let plot_height = 180.0;
    let width = (column * data.len().max(1) + 20).max(200);
    let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 230" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" class="chart"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc><line x1="10" y1="200" x2="{x2}" y2="200" stroke="{MUTED}" stroke-width="1"/>"#,
        title = escape(title),
        desc = escape(&data.iter().map(|(l, v)| format!("{l}: {v}")).collect::<Vec<_>>().join("; ")),
        x2 = width - 10,
    );
    for (i, (label, value)) in data.iter().enumerate() {
        let h = *value as f64 / max as f64 * plot_height;
        let x = 14 + i * column;
        out.push_str(&format!(
            r#"<rect x="{x}" y="{y:.1}" width="{cw}" height="{h:.1}" rx="3" fill="{BAR}"/><text x="{cx}" y="{vy:.1}" text-anchor="middle" font-size="12" fill="{INK}">{value}</text><text x="{cx}" y="218" text-anchor="middle" font-size="12" fill="{MUTED}">{label}</text>"#,
            y = 200.0 - h,
            cw = column - 10,
            cx = x + (column - 10) / 2,
            vy = 200.0 - h - 5.0,
            label = escape(label),
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_escape_labels() {
        let svg = bars("c", "By region", &[("Africa & more".to_owned(), 10), ("Europe".to_owned(), 5)]);
        assert!(svg.contains(r#"width="320""#), "the largest bar takes the full width");
        assert!(svg.contains(r#"width="160""#), "half the value, half the width");
        assert!(svg.contains("Africa &amp; more"));
        assert!(svg.contains("<title id=\"c-title\">By region</title>"));
        assert!(!svg.contains("style="), "no inline styles under the site's policy");
    }

    #[test]
    fn an_empty_chart_is_still_a_whole_svg() {
        for svg in [bars("a", "Nothing", &[]), columns("b", "Nothing", &[])] {
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        }
    }

    #[test]
    fn columns_put_each_value_above_its_year() {
        let svg = columns("y", "Over time", &[("2024".to_owned(), 3), ("2025".to_owned(), 6)]);
        assert!(svg.contains(">2024</text>") && svg.contains(">6</text>"));
        assert!(svg.contains(r#"height="180.0""#), "the largest column is full height");
    }
}
