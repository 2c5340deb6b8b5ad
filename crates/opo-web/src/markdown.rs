//! Markdown written by partners and staff, turned into HTML that can be shown safely.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown and keeps only harmless HTML: no scripts, no event handlers, no `javascript:` links;
/// links get `rel="noopener noreferrer nofollow"`. Public (as `render_markdown`) for the fuzz targets.
pub fn render(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(source, options));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto"].into())
        .rm_tags(["img"])
        .clean(&unsafe_html)
        .to_string()
}

/// A link typed in a form field (a website, a meeting address) as it may go into an `href`: only web and
/// mail addresses. Anything else, a `javascript:` or `data:` URL that slipped past a form or came from an
/// import, is not linked at all.
pub(crate) fn safe_link(url: &str) -> Option<String> {
    let trimmed = url.trim();
    let scheme: String = trimmed
        .chars()
        .take_while(|c| *c != ':')
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let has_scheme = trimmed.contains(':') && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let allowed = has_scheme && ["http", "https", "mailto"].contains(&scheme.as_str());
    allowed.then(|| trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_go_into_an_href() {
        assert_eq!(safe_link(" https://meet.example/x ").as_deref(), Some("https://meet.example/x"));
        assert_eq!(safe_link("mailto:team@kijiji.example").as_deref(), Some("mailto:team@kijiji.example"));
        for bad in
            ["javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example", "x"]
        {
            assert_eq!(safe_link(bad), None, "{bad}");
        }
    }

    #[test]
    fn markdown_becomes_html() {
        assert_eq!(render("We build **registries**."), "<p>We build <strong>registries</strong>.</p>\n");
    }

    #[test]
    fn scripts_and_event_handlers_are_removed() {
        let html = render("<script>alert(1)</script><b onclick=\"alert(2)\">bold</b>");
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>bold</b>"), "{html}");
    }

    #[test]
    fn javascript_links_lose_their_target_and_others_get_a_safe_rel() {
        let html = render("[x](javascript:alert(1)) [y](https://kijiji.example)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("href=\"https://kijiji.example\" rel=\"noopener noreferrer nofollow\""), "{html}");
    }

    #[test]
    fn images_are_not_loaded_from_outside() {
        assert!(!render("![x](https://tracker.example/pixel.png)").contains("<img"));
    }
}
