//! Logos for the demo organizations, drawn as small SVG files so the demo needs no image files.
//!
//! A logo is 240 × 120: on the left a mark (a shape filled with a gradient, the initials in white on it), on
//! the right the organization's name in its primary color, on one line or two. The output is plain SVG 1.1
//! with no scripts, styles, links or fonts from elsewhere.

use super::catalog::{DemoLogo, LogoShape};
use std::fmt::Write;

const FONT: &str = "Helvetica, Arial, sans-serif";
/// Where the name starts, and how wide it may be (to 6 units short of the right edge).
const NAME_X: f64 = 126.0;
const NAME_WIDTH: f64 = 108.0;
/// Font sizes of the name: the largest, the smallest, and the smallest a name with spaces gets on one line
/// before it is set on two.
const NAME_MAX: f64 = 22.0;
const NAME_MIN: f64 = 8.0;
const ONE_LINE_MIN: f64 = 17.0;
/// The height of a capital letter, in em, to center text vertically without `dominant-baseline`.
const CAP_HEIGHT: f64 = 0.72;
const LINE_HEIGHT: f64 = 1.18;
/// Used when a color is not `#rrggbb`.
const FALLBACK_COLOR: &str = "#334155";

/// A self-contained SVG logo: a mark with the initials, and the name beside it.
pub fn svg_logo(logo: &DemoLogo, name: &str) -> String {
    let primary = color(logo.primary);
    let secondary = color(logo.secondary);
    let id = gradient_id(logo.initials, primary, secondary);
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");

    let mut svg = String::with_capacity(1200);
    svg.push_str(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 120" width="240" height="120" role="img">"#,
    );
    let _ = write!(svg, "<title>{}</title>", escape(&name));
    let _ = write!(
        svg,
        r#"<defs><linearGradient id="{id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{primary}"/><stop offset="1" stop-color="{secondary}"/></linearGradient></defs>"#
    );
    svg.push_str(&mark(logo.shape, &format!("url(#{id})")));

    let initials = logo.initials.trim();
    if !initials.is_empty() {
        let size = (mark_width(logo.shape) / em_width(initials)).min(36.0);
        let _ = write!(
            svg,
            r##"<text x="60" y="{y:.1}" text-anchor="middle" font-family="{FONT}" font-size="{size:.1}" font-weight="bold" fill="#ffffff">{text}</text>"##,
            y = 60.0 + size * CAP_HEIGHT / 2.0,
            text = escape(initials),
        );
    }

    let (lines, size) = name_lines(&name);
    let block = size * CAP_HEIGHT + (lines.len() as f64 - 1.0) * size * LINE_HEIGHT;
    let first_baseline = 60.0 - block / 2.0 + size * CAP_HEIGHT;
    for (i, line) in lines.iter().enumerate() {
        // A word too long even at the smallest size is squeezed to fit rather than cut off.
        let squeeze = if em_width(line) * size > NAME_WIDTH + 0.5 {
            format!(r#" textLength="{NAME_WIDTH:.0}" lengthAdjust="spacingAndGlyphs""#)
        } else {
            String::new()
        };
        let _ = write!(
            svg,
            r#"<text x="{NAME_X:.0}" y="{y:.1}" font-family="{FONT}" font-size="{size:.1}" font-weight="bold" fill="{primary}"{squeeze}>{text}</text>"#,
            y = first_baseline + i as f64 * size * LINE_HEIGHT,
            text = escape(line),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The shape of the mark, centered on (60, 60) and about 100 units across.
fn mark(shape: LogoShape, fill: &str) -> String {
    match shape {
        LogoShape::Circle => format!(r#"<circle cx="60" cy="60" r="50" fill="{fill}"/>"#),
        LogoShape::RoundedSquare => {
            format!(r#"<rect x="13" y="13" width="94" height="94" rx="22" ry="22" fill="{fill}"/>"#)
        }
        LogoShape::Hexagon => format!(r#"<polygon points="60,8 105,34 105,86 60,112 15,86 15,34" fill="{fill}"/>"#),
        LogoShape::Diamond => format!(r#"<polygon points="60,6 114,60 60,114 6,60" fill="{fill}"/>"#),
        LogoShape::Leaf => format!(r#"<path d="M14 106 C14 48 48 14 106 14 C106 72 72 106 14 106 Z" fill="{fill}"/>"#),
    }
}

/// How wide the initials may be on each shape.
fn mark_width(shape: LogoShape) -> f64 {
    match shape {
        LogoShape::Circle | LogoShape::Hexagon => 64.0,
        LogoShape::RoundedSquare => 70.0,
        LogoShape::Diamond | LogoShape::Leaf => 54.0,
    }
}

/// The name on one line, or on two split at the space that balances them best, with the font size that fits.
fn name_lines(name: &str) -> (Vec<&str>, f64) {
    let fit = |width: f64| if width > 0.0 { (NAME_WIDTH / width).clamp(NAME_MIN, NAME_MAX) } else { NAME_MAX };
    let one_line = fit(em_width(name));
    if one_line >= ONE_LINE_MIN {
        return (vec![name], one_line);
    }
    let split = name
        .match_indices(' ')
        .map(|(at, _)| (&name[..at], &name[at + 1..]))
        .min_by(|a, b| em_width(a.0).max(em_width(a.1)).total_cmp(&em_width(b.0).max(em_width(b.1))));
    match split {
        Some((first, second)) => (vec![first, second], fit(em_width(first).max(em_width(second)))),
        None => (vec![name], one_line),
    }
}

/// The approximate width of a text in bold Helvetica, in em (advance widths of Helvetica-Bold).
fn em_width(text: &str) -> f64 {
    text.chars().map(char_width).sum::<f64>()
}

fn char_width(c: char) -> f64 {
    let base = match c {
        // Accented Latin letters are as wide as their base letter, near enough.
        'À'..='Å' | 'à'..='å' => {
            if c.is_uppercase() {
                'A'
            } else {
                'a'
            }
        }
        'È'..='Ë' | 'è'..='ë' => {
            if c.is_uppercase() {
                'E'
            } else {
                'e'
            }
        }
        'Ì'..='Ï' | 'ì'..='ï' => 'i',
        'Ò'..='Ö' | 'ò'..='ö' => {
            if c.is_uppercase() {
                'O'
            } else {
                'o'
            }
        }
        'Ù'..='Ü' | 'ù'..='ü' => {
            if c.is_uppercase() {
                'U'
            } else {
                'u'
            }
        }
        'Ç' => 'C',
        'ç' => 'c',
        'Ñ' => 'N',
        'ñ' => 'n',
        other => other,
    };
    let thousandths = match base {
        'i' | 'j' | 'l' | 'I' | ' ' | '.' | ',' | ':' | ';' | '!' | '\'' | '|' => 278,
        'f' | 't' | '-' | '(' | ')' | '[' | ']' | '/' => 333,
        'r' => 389,
        'z' => 500,
        'J' | 'a' | 'c' | 'e' | 'k' | 's' | 'v' | 'x' | 'y' | '0'..='9' | '?' => 556,
        'b' | 'd' | 'g' | 'h' | 'n' | 'o' | 'p' | 'q' | 'u' | 'F' | 'L' | 'T' | 'Z' => 611,
        'E' | 'P' | 'S' | 'V' | 'X' | 'Y' => 667,
        'A' | 'B' | 'C' | 'D' | 'H' | 'K' | 'N' | 'R' | 'U' | '&' => 722,
        'w' | 'G' | 'O' | 'Q' => 778,
        'M' | '@' => 833,
        'm' => 889,
        'W' => 944,
        c if c.is_ascii() => 600,
        // Wide scripts take about a full em; anything else is guessed generously.
        c if ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{AC00}'..='\u{D7AF}').contains(&c) => 1000,
        _ => 650,
    };
    f64::from(thousandths) / 1000.0
}

/// `#rrggbb`, or a neutral slate when the color is anything else (it goes into an attribute).
fn color(raw: &str) -> &str {
    let ok = raw.len() == 7 && raw.starts_with('#') && raw[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if ok { raw } else { FALLBACK_COLOR }
}

/// A gradient id from the initials and colors, so that two logos inlined in one page do not share one.
fn gradient_id(initials: &str, primary: &str, secondary: &str) -> String {
    let initials: String =
        initials.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    format!("logo-{initials}-{}-{}", &primary[1..], &secondary[1..]).to_ascii_lowercase()
}

/// Escapes text for XML content and attributes, and drops characters XML does not allow.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::catalog::ORGANIZATIONS;
    use super::*;

    const SHAPES: [LogoShape; 5] =
        [LogoShape::Circle, LogoShape::RoundedSquare, LogoShape::Hexagon, LogoShape::Diamond, LogoShape::Leaf];

    fn logo(shape: LogoShape) -> DemoLogo {
        DemoLogo { initials: "KH", primary: "#0b6e69", secondary: "#139a8f", shape }
    }

    /// Checks that start and end tags pair up and that every `&` starts an entity; returns the element names.
    fn well_formed(svg: &str) -> Result<Vec<String>, String> {
        let mut open: Vec<String> = Vec::new();
        let mut seen = Vec::new();
        let mut rest = svg;
        while let Some(start) = rest.find('<') {
            let text = &rest[..start];
            if text.contains('<') || text.contains('>') {
                return Err(format!("stray bracket in {text:?}"));
            }
            for (at, _) in text.match_indices('&') {
                let entity = &text[at..];
                if !["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| entity.starts_with(e)) {
                    return Err(format!("bare ampersand in {text:?}"));
                }
            }
            let end = rest[start..].find('>').ok_or("an unclosed tag")? + start;
            let tag = &rest[start + 1..end];
            let tag_name = |t: &str| t.split([' ', '/']).next().unwrap_or_default().to_owned();
            if let Some(closing) = tag.strip_prefix('/') {
                if open.pop().as_deref() != Some(closing) {
                    return Err(format!("</{closing}> closes nothing"));
                }
            } else if tag.ends_with('/') {
                seen.push(tag_name(tag));
            } else {
                seen.push(tag_name(tag));
                open.push(tag_name(tag));
            }
            if open.is_empty() && end + 1 < rest.len() {
                return Err("content after the root element".to_owned());
            }
            rest = &rest[end + 1..];
        }
        if open.is_empty() && rest.is_empty() { Ok(seen) } else { Err(format!("left open: {open:?}")) }
    }

    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split("font-size=\"").skip(1).filter_map(|s| s.split('"').next()?.parse().ok()).collect()
    }

    #[test]
    fn a_logo_is_one_whole_svg_document_titled_with_the_name() {
        let svg = svg_logo(&logo(LogoShape::Circle), "Kijiji Health Systems");
        assert!(svg.starts_with(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 120" width="240" height="120" role="img">"#
        ));
        assert!(svg.ends_with("</svg>"));
        assert_eq!((svg.matches("<svg").count(), svg.matches("</svg>").count()), (1, 1));
        assert!(svg.contains("<title>Kijiji Health Systems</title>"));
        let elements = well_formed(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        assert_eq!(elements[..2], ["svg", "title"]);
    }

    #[test]
    fn each_shape_draws_its_own_mark() {
        let expected = ["<circle ", "<rect ", "<polygon points=\"60,8 ", "<polygon points=\"60,6 ", "<path "];
        for (shape, element) in SHAPES.into_iter().zip(expected) {
            let svg = svg_logo(&logo(shape), "Kijiji Health Systems");
            assert!(svg.contains(element), "{element}: {svg}");
            assert!(well_formed(&svg).is_ok(), "{svg}");
            assert!(svg.contains(">KH</text>"), "initials on the mark: {svg}");
        }
    }

    #[test]
    fn nothing_runs_loads_or_links() {
        for shape in SHAPES {
            let svg = svg_logo(&logo(shape), "Kijiji Health Systems");
            for banned in ["<script", "href", "<style", "<image", "<foreignObject", "@import", "url(http", " on"] {
                assert!(!svg.contains(banned), "{banned}: {svg}");
            }
            assert!(svg.contains("font-family=\"Helvetica, Arial, sans-serif\""));
        }
    }

    #[test]
    fn a_name_with_an_ampersand_and_markup_is_escaped() {
        let svg = svg_logo(&logo(LogoShape::Hexagon), "Data & <Health> \"Labs\" O'Neil");
        assert!(svg.contains("<title>Data &amp; &lt;Health&gt; &quot;Labs&quot; O&#39;Neil</title>"), "{svg}");
        assert!(!svg.contains("<Health>") && !svg.contains("& "), "{svg}");
        assert!(well_formed(&svg).is_ok(), "{svg}");
        let initials = svg_logo(&DemoLogo { initials: "<&>", ..logo(LogoShape::Circle) }, "x");
        assert!(initials.contains(">&lt;&amp;&gt;</text>"), "{initials}");
    }

    #[test]
    fn gradient_ids_follow_the_initials_and_colors() {
        let a = svg_logo(&logo(LogoShape::Circle), "A");
        let b = svg_logo(&DemoLogo { primary: "#1d4ed8", ..logo(LogoShape::Circle) }, "A");
        let id =
            |svg: &str| svg.split("linearGradient id=\"").nth(1).and_then(|s| s.split('"').next()).map(str::to_owned);
        let (ida, idb) = (id(&a), id(&b));
        assert!(ida.is_some() && ida != idb, "{ida:?} {idb:?}");
        let ida = ida.unwrap_or_default();
        assert!(a.contains(&format!("fill=\"url(#{ida})\"")));
        assert!(ida.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'), "{ida}");
    }

    #[test]
    fn a_long_name_is_split_near_the_middle_and_a_short_one_is_not() {
        assert_eq!(name_lines("Kijiji Health").0, ["Kijiji Health"]);
        assert_eq!(name_lines("Lagos Institute of Health Informatics").0, ["Lagos Institute of", "Health Informatics"]);
        assert_eq!(name_lines("Salone Health Exchange Collaborative").0, ["Salone Health", "Exchange Collaborative"]);
        let svg = svg_logo(&logo(LogoShape::Leaf), "Lagos Institute of Health Informatics");
        assert_eq!(svg.matches("<text").count(), 3, "initials and two lines: {svg}");
    }

    #[test]
    fn a_long_word_shrinks_the_font_and_a_huge_one_is_squeezed_to_fit() {
        let short = name_lines("Kijiji").1;
        let long = name_lines("Interoperabilityworks").1;
        assert!(long < short && long >= NAME_MIN, "{long} < {short}");
        let svg = svg_logo(&logo(LogoShape::Circle), "Pneumonoultramicroscopicsilicovolcanoconiosis");
        assert!(svg.contains("textLength=\"108\""), "{svg}");
        assert!(font_sizes(&svg).iter().all(|s| *s >= NAME_MIN));
    }

    #[test]
    fn every_demo_logo_is_well_formed_and_its_name_fits_beside_the_mark() {
        for org in ORGANIZATIONS {
            let svg = svg_logo(&org.logo, org.name);
            assert!(well_formed(&svg).is_ok(), "{}: {svg}", org.slug);
            assert!(svg.contains(&format!("<title>{}</title>", escape(org.name))), "{}", org.slug);
            assert!(!svg.contains("textLength"), "{}: no demo name needs squeezing", org.slug);
            let (lines, size) = name_lines(org.name);
            assert!(lines.iter().all(|l| em_width(l) * size <= NAME_WIDTH + 0.01), "{}", org.slug);
            assert!(size >= 11.0, "{}: {size} is readable", org.slug);
        }
    }
}
