//! The Markdown renderer partners' and staff's texts go through: whatever the source, the HTML it gives
//! has no script or other active element, no event-handler attribute, no image, and links only to web
//! and mail addresses (or relative ones), each with a safe `rel`.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// Elements that run code, load other documents or style the page.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "style", "iframe", "frame", "object", "embed", "form", "input", "img", "svg", "math", "link", "meta",
    "base",
];

fn decode_entities(value: &str) -> String {
    value.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The scheme of a URL, lower-cased, when it has one (a `:` before any `/`, `?` or `#`).
fn scheme(url: &str) -> Option<String> {
    // As the URL standard reads an address: C0 controls and spaces trimmed from both ends, tabs and
    // newlines removed anywhere; any other control character stays, and makes the scheme invalid.
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    // Without the syntax of a scheme (a letter, then letters, digits, `+`, `-`, `.`), browsers take the
    // URL as a relative path.
    let candidate = &cleaned[..end];
    let is_scheme = candidate.starts_with(|c: char| c.is_ascii_alphabetic())
        && candidate.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (cleaned.as_bytes()[end] == b':' && is_scheme).then(|| candidate.to_ascii_lowercase())
}

/// Checks every tag of `html`. Text is escaped by the sanitizer, so every `<` outside an attribute value
/// opens a tag; attribute values are always double-quoted, with `"` escaped (but `<` and `>` may stay).
fn check(html: &str) {
    let mut chars = html.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c != '<' {
            continue;
        }
        let mut name = String::new();
        while let Some(&(_, c)) = chars.peek() {
            if c.is_whitespace() || c == '>' || (c == '/' && !name.is_empty()) {
                break;
            }
            name.push(c);
            chars.next();
        }
        let name = name.trim_start_matches('/').to_ascii_lowercase();
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()), "<{name} in {html:?}");
        assert!(!FORBIDDEN_ELEMENTS.contains(&name.as_str()), "<{name}> in {html:?}");
        let mut attributes: Vec<(String, String)> = Vec::new();
        loop {
            let Some((_, c)) = chars.next() else { panic!("unclosed <{name}> in {html:?}") };
            if c == '>' {
                break;
            }
            if c.is_whitespace() || c == '/' {
                continue;
            }
            let mut attribute = c.to_string();
            for (_, c) in chars.by_ref() {
                if c == '=' {
                    break;
                }
                assert!(!c.is_whitespace() && c != '>', "attribute {attribute} without a value in {html:?}");
                attribute.push(c);
            }
            assert_eq!(chars.next().map(|(_, c)| c), Some('"'), "unquoted {attribute} in {html:?}");
            let mut value = String::new();
            for (_, c) in chars.by_ref() {
                if c == '"' {
                    break;
                }
                value.push(c);
            }
            attributes.push((attribute.to_ascii_lowercase(), decode_entities(&value)));
        }
        for (attribute, value) in &attributes {
            assert!(!attribute.starts_with("on"), "event handler {attribute} in {html:?}");
            let refused = ["style", "src", "srcset", "formaction", "action"];
            assert!(!refused.contains(&attribute.as_str()), "{attribute} in {html:?}");
            if attribute == "href" {
                if let Some(scheme) = scheme(value) {
                    assert!(["http", "https", "mailto"].contains(&scheme.as_str()), "{value:?} in {html:?}");
                }
                let rel = attributes.iter().find(|(a, _)| a == "rel").map(|(_, v)| v.as_str());
                assert_eq!(rel, Some("noopener noreferrer nofollow"), "link without a safe rel in {html:?}");
            }
        }
    }
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    check(&opo_web::render_markdown(source));
});
