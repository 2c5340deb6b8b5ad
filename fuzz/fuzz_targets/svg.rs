//! The logo pipeline: whatever bytes are uploaded, a logo is either refused with a reason or stored in a
//! form that is safe to show. A stored SVG parses again and holds nothing active or external; its PNG
//! rendering and any re-encoded raster are real PNGs within the size limits; and uploading the stored
//! SVG again gives the same bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;
use opo_app::logos::{LogoError, process};

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "foreignObject",
    "iframe",
    "embed",
    "object",
    "animate",
    "animateMotion",
    "animateTransform",
    "set",
    "handler",
    "listener",
    "html",
    "body",
];

fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(PNG_MAGIC), "not a PNG");
    let width = u32::from_be_bytes(png[16..20].try_into().expect("IHDR width"));
    let height = u32::from_be_bytes(png[20..24].try_into().expect("IHDR height"));
    (width, height)
}

fn check_reference(value: &str, svg: &str) {
    let value = value.trim();
    assert!(value.starts_with('#') || value.starts_with("data:image/png;base64,"), "reference {value:?} in {svg}");
}

/// Every CSS `url(…)` in `value` points into the document.
fn check_urls(value: &str, svg: &str) {
    let mut rest = value;
    while let Some(at) = rest.find("url(") {
        let inner = rest[at + 4..].trim_start().trim_start_matches(['"', '\'']);
        assert!(inner.starts_with('#'), "url() leaving the document in {svg}");
        rest = &rest[at + 4..];
    }
}

fn check_svg(text: &str) {
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let document = roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("stored SVG does not parse ({e}): {text}"));
    assert_eq!(document.root_element().tag_name().name(), "svg");
    for node in document.descendants() {
        assert!(!node.is_pi(), "processing instruction in {text}");
        if !node.is_element() {
            if node.is_text() && node.parent().is_some_and(|p| p.tag_name().name() == "style") {
                let css = node.text().unwrap_or_default().to_ascii_lowercase();
                assert!(!css.contains("@import") && !css.contains("expression("), "{css}");
                check_urls(&css, text);
            }
            continue;
        }
        let name = node.tag_name().name();
        assert!(!FORBIDDEN_ELEMENTS.contains(&name), "<{name}> in {text}");
        for attribute in node.attributes() {
            let local = attribute.name();
            let value = attribute.value();
            let lower = value.to_ascii_lowercase();
            assert!(!local.to_ascii_lowercase().starts_with("on"), "{local} in {text}");
            let xml = Some("http://www.w3.org/XML/1998/namespace");
            assert!(!(local == "base" && attribute.namespace() == xml), "xml:base in {text}");
            assert!(!lower.contains("javascript:") && !lower.contains("vbscript:"), "{value:?} in {text}");
            if local == "href" || local == "src" {
                check_reference(value, text);
            }
            check_urls(&lower, text);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let logo = match process(data, "logo.svg") {
        Ok(logo) => logo,
        // A panic in a decoder is turned into this error; it is not a crash of the request, but it is
        // still a bug worth knowing about.
        Err(LogoError::Processing { .. }) => panic!("processing failed (a decoder panicked?)"),
        Err(_) => return,
    };
    match logo.content_type {
        "image/svg+xml" => {
            let text = std::str::from_utf8(&logo.data).expect("stored SVG is UTF-8");
            check_svg(text);
            let fallback = logo.fallback_png.as_deref().expect("an SVG has a PNG rendering");
            let (width, height) = png_size(fallback);
            assert!(width <= 512 && height <= 512 && width > 0 && height > 0, "{width} × {height}");
            let again = process(&logo.data, "logo.svg").expect("the stored SVG is accepted again");
            assert_eq!(again.data, logo.data, "sanitizing is not stable");
        }
        "image/png" => {
            let (width, height) = png_size(&logo.data);
            assert!(width <= 1024 && height <= 1024, "{width} × {height}");
            assert_eq!((width, height), (logo.width, logo.height));
        }
        other => panic!("unexpected content type {other}"),
    }
});
