//! Markdown written by partners and staff, turned into HTML that can be shown safely.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown and keeps only harmless HTML: no scripts, no event handlers, no `javascript:` links;
/// links get `rel="noopener noreferrer nofollow"`.
pub(crate) fn render(source: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
