//! Logos for the demo organizations, drawn as small SVG files so the demo needs no image files.

use super::catalog::{DemoLogo, LogoShape};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn shape(kind: LogoShape, fill: &str) -> String {
    match kind {
        LogoShape::Circle => format!(r#"<circle cx="60" cy="60" r="50" fill="{fill}"/>"#),
        LogoShape::RoundedSquare => format!(r#"<rect x="12" y="12" width="96" height="96" rx="22" fill="{fill}"/>"#),
        LogoShape::Hexagon => format!(r#"<polygon points="60,8 105,34 105,86 60,112 15,86 15,34" fill="{fill}"/>"#),
        LogoShape::Diamond => format!(r#"<polygon points="60,6 114,60 60,114 6,60" fill="{fill}"/>"#),
        LogoShape::Leaf => format!(r#"<path d="M12 108 C12 50 50 12 108 12 C108 70 70 108 12 108 Z" fill="{fill}"/>"#),
    }
}

/// Splits a name into at most two lines near its middle.
fn lines(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if name.chars().count() <= 16 || words.len() < 2 {
        return vec![name.to_owned()];
    }
    let half = name.chars().count() / 2;
    let mut best = 1;
    let mut best_gap = usize::MAX;
    for cut in 1..words.len() {
        let len = words[..cut].join(" ").chars().count();
        let gap = len.abs_diff(half);
        if gap < best_gap {
            best = cut;
            best_gap = gap;
        }
    }
    vec![words[..best].join(" "), words[best..].join(" ")]
}

/// A self-contained SVG logo: a mark with the initials, and the name beside it.
pub fn svg_logo(logo: &DemoLogo, name: &str) -> String {
    let id: String = format!("g-{}-{}", logo.initials, &logo.primary[1..])
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let lines = lines(name);
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(1).max(1);
    // About 0.58 em per character fits 112 units of width.
    let size = (112.0 / (longest as f64 * 0.58)).clamp(9.0, 20.0);
    let top = if lines.len() == 1 { 60.0 + size * 0.35 } else { 60.0 - size * 0.25 };
    let text: String = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            format!(
                r#"<text x="124" y="{:.1}" font-family="Helvetica, Arial, sans-serif" font-size="{size:.1}" font-weight="700" fill="{}">{}</text>"#,
                top + i as f64 * size * 1.15,
                logo.primary,
                escape(line)
            )
        })
        .collect();
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 120" width="240" height="120" role="img"><title>{title}</title><defs><linearGradient id="{id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{p}"/><stop offset="1" stop-color="{s}"/></linearGradient></defs>{mark}<text x="60" y="70" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="30" font-weight="700" fill="#ffffff">{initials}</text>{text}</svg>"##,
        title = escape(name),
        p = logo.primary,
        s = logo.secondary,
        mark = shape(logo.shape, &format!("url(#{id})")),
        initials = escape(logo.initials),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logo(shape: LogoShape) -> DemoLogo {
        DemoLogo { initials: "KH", primary: "#0b7a75", secondary: "#14a39a", shape }
    }

    #[test]
    fn every_shape_makes_a_whole_svg_without_scripts_or_links() {
        for kind in
            [LogoShape::Circle, LogoShape::RoundedSquare, LogoShape::Hexagon, LogoShape::Diamond, LogoShape::Leaf]
        {
            let svg = svg_logo(&logo(kind), "Kijiji Health Systems");
            assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
            assert!(svg.contains("<title>Kijiji Health Systems</title>"));
            assert!(!svg.contains("<script") && !svg.contains("href"), "{svg}");
        }
    }

    #[test]
    fn names_are_escaped() {
        let svg = svg_logo(&logo(LogoShape::Circle), "Data & <Health>");
        assert!(svg.contains("Data &amp; &lt;Health&gt;"));
        assert!(!svg.contains("<Health>"));
    }

    #[test]
    fn a_long_name_is_set_on_two_lines() {
        assert_eq!(lines("Lagos Institute of Health Informatics").len(), 2);
        assert_eq!(lines("Kijiji Health"), ["Kijiji Health"]);
    }
}
