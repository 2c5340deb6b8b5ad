//! Hostile logo uploads through the use case the upload form and the API call
//! (`applications::upload_logo`), on both backends. The corpus is in `tests/fixtures/hostile`, each file
//! with a one-line expectation in `EXPECTATIONS`; files that would be large are generated here. Every
//! upload is either refused with a typed error (and nothing is stored) or stored neutralized: the stored
//! SVG is parsed again and searched for anything that could run, link out or load something, and stored
//! rasters are decoded again and measured.

use image::{DynamicImage, ImageFormat, RgbaImage};
use opo_app::logos::{self, LogoError};
use opo_app::{Actor, App, AppError, accounts, applications};
use opo_domain::applications::interest::InterestInput;
use opo_store::accounts::User;
use resvg::usvg::roxmltree;
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

const BASELINE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120"><rect width="240" height="120" fill="#0b6e69"/></svg>"##;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    Refused(&'static str),
    Svg,
    Png,
}

struct Case {
    label: String,
    bytes: Vec<u8>,
    upload_name: String,
    expect: Expect,
}

fn variant(error: &LogoError) -> &'static str {
    match error {
        LogoError::Empty { .. } => "Empty",
        LogoError::TooLarge { .. } => "TooLarge",
        LogoError::UnsupportedFormat { .. } => "UnsupportedFormat",
        LogoError::DimensionsTooLarge { .. } => "DimensionsTooLarge",
        LogoError::TooMuchMemory { .. } => "TooMuchMemory",
        LogoError::Unreadable { .. } => "Unreadable",
        LogoError::InvalidSvg { .. } => "InvalidSvg",
        LogoError::SvgEntities { .. } => "SvgEntities",
        LogoError::SvgEmpty { .. } => "SvgEmpty",
        LogoError::SvgSize { .. } => "SvgSize",
        LogoError::SvgTooComplex { .. } => "SvgTooComplex",
        LogoError::Processing { .. } => "Processing",
    }
}

const VARIANTS: &[&str] = &[
    "Empty",
    "TooLarge",
    "UnsupportedFormat",
    "DimensionsTooLarge",
    "TooMuchMemory",
    "Unreadable",
    "InvalidSvg",
    "SvgEntities",
    "SvgEmpty",
    "SvgSize",
    "SvgTooComplex",
    "Processing",
];

/// `\0` and `\u{XXXX}` in a name of the manifest.
fn unescape(name: &str) -> String {
    let mut out = String::new();
    let mut rest = name;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('0') {
            out.push('\0');
            rest = tail;
        } else if let Some(tail) = after.strip_prefix("u{") {
            let end = tail.find('}').expect("closing brace");
            let code = u32::from_str_radix(&tail[..end], 16).expect("hex");
            out.push(char::from_u32(code).expect("a character"));
            rest = &tail[end + 1..];
        } else {
            out.push('\\');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn fixture_cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let manifest = std::fs::read_to_string(dir.join("EXPECTATIONS")).expect("the manifest");
    let mut cases = Vec::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let parts: Vec<&str> = line.splitn(4, " | ").collect();
        assert_eq!(parts.len(), 4, "a manifest line has four parts: {line}");
        let expect = match parts[2].split_whitespace().collect::<Vec<_>>().as_slice() {
            ["svg"] => Expect::Svg,
            ["png"] => Expect::Png,
            ["refused", name] => {
                Expect::Refused(VARIANTS.iter().find(|v| *v == name).unwrap_or_else(|| panic!("no variant {name}")))
            }
            other => panic!("unknown expectation {other:?}"),
        };
        let bytes = std::fs::read(dir.join(parts[0])).unwrap_or_else(|e| panic!("{}: {e}", parts[0]));
        cases.push(Case {
            label: format!("{} as {:?}", parts[0], parts[1]),
            bytes,
            upload_name: unescape(parts[1]),
            expect,
        });
    }
    cases
}

/// A real PNG of zero pixels, written row by row so the test never holds the decoded image.
fn zero_png(width: u32, height: u32, color: png::ColorType, depth: png::BitDepth) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(color);
    encoder.set_depth(depth);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().expect("header");
    let samples = color.samples() * if depth == png::BitDepth::Sixteen { 2 } else { 1 };
    let row = vec![0u8; width as usize * samples];
    let mut stream = writer.stream_writer().expect("stream");
    for _ in 0..height {
        stream.write_all(&row).expect("row");
    }
    stream.finish().expect("finish");
    writer.finish().expect("end");
    out
}

fn encoded(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, format).expect("encode");
    out.into_inner()
}

/// The uploads too large to keep in the repository, or easiest made with an encoder.
fn generated_cases() -> Vec<Case> {
    let picture = DynamicImage::ImageRgba8(RgbaImage::from_fn(96, 48, |x, y| {
        image::Rgba([(x * 2) as u8, (y * 5) as u8, 0x69, if x < 4 { 0 } else { 255 }])
    }));
    let jpeg = encoded(&DynamicImage::ImageRgb8(picture.to_rgb8()), ImageFormat::Jpeg);
    let mut jpeg_polyglot = jpeg.clone();
    jpeg_polyglot.extend_from_slice(b"<script>alert(document.cookie)</script>");
    let mut oversized = b"\x89PNG\r\n\x1a\n".to_vec();
    oversized.resize(logos::MAX_BYTES + 1, b'A');
    let big_svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><desc>{}</desc></svg>"#,
        "x".repeat(logos::MAX_BYTES)
    );
    let case = |label: &str, bytes: Vec<u8>, name: &str, expect| Case {
        label: label.to_owned(),
        bytes,
        upload_name: name.to_owned(),
        expect,
    };
    vec![
        case(
            "decompression bomb: 4096 × 4096 16-bit RGBA of zeros (128 MiB decoded)",
            zero_png(4096, 4096, png::ColorType::Rgba, png::BitDepth::Sixteen),
            "bomb.png",
            Expect::Refused("TooMuchMemory"),
        ),
        case(
            "decompression bomb: 20000 × 20000 grey zeros (400 MB decoded)",
            zero_png(20_000, 20_000, png::ColorType::Grayscale, png::BitDepth::Eight),
            "bomb.png",
            Expect::Refused("DimensionsTooLarge"),
        ),
        case("oversized: 2 MiB + 1 byte", oversized, "big.png", Expect::Refused("TooLarge")),
        case("oversized SVG", big_svg.into_bytes(), "big.svg", Expect::Refused("TooLarge")),
        case(
            "truncated JPEG (half of a real one)",
            jpeg[..jpeg.len() / 2].to_vec(),
            "half.jpg",
            Expect::Refused("Unreadable"),
        ),
        case("JPEG + HTML polyglot", jpeg_polyglot, "logo.jpg", Expect::Png),
        case("WebP (accepted, re-encoded as PNG)", encoded(&picture, ImageFormat::WebP), "logo.webp", Expect::Png),
        case(
            "a 5000-character file name",
            b"<html><script>alert(1)</script></html>".to_vec(),
            &format!("{}.png", "a".repeat(5000)),
            Expect::Refused("UnsupportedFormat"),
        ),
    ]
}

/// What the stored SVG must not hold once parsed again.
fn assert_svg_neutralized(label: &str, text: &str) {
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..roxmltree::ParsingOptions::default() };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("{label}: the stored SVG does not parse again ({e}): {text}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg", "{label}");
    let banned_elements = [
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "html",
        "body",
        "img",
        "animate",
        "set",
        "animatemotion",
        "animatetransform",
        "animatecolor",
        "handler",
        "listener",
    ];
    let css_safe = |css: &str, what: &str| {
        let lower: String = css.to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
        assert!(!lower.contains("@import"), "{label}: @import survived in {what}: {text}");
        assert!(!lower.contains("javascript:"), "{label}: javascript: survived in {what}: {text}");
        assert!(!lower.contains("expression("), "{label}: a CSS expression survived in {what}: {text}");
        for (at, _) in lower.match_indices("url(") {
            let target = lower[at + 4..].trim_start_matches(['"', '\'']);
            assert!(target.starts_with('#'), "{label}: an external url() survived in {what}: {text}");
        }
    };
    for node in doc.descendants() {
        if node.is_pi() {
            panic!("{label}: a processing instruction survived: {text}");
        }
        if let Some(css) = node.text().filter(|_| node.is_text()) {
            css_safe(css, "text");
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name().name().to_ascii_lowercase();
        assert!(!banned_elements.contains(&name.as_str()), "{label}: <{name}> survived: {text}");
        for attribute in node.attributes() {
            let key = attribute.name().to_ascii_lowercase();
            let value = attribute.value();
            assert!(!key.starts_with("on"), "{label}: the handler {key} survived: {text}");
            assert!(key != "base", "{label}: xml:base survived: {text}");
            let squeezed: String = value.to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
            assert!(!squeezed.contains("javascript:") && !squeezed.contains("vbscript:"), "{label}: {key}: {text}");
            if key == "href" || key == "src" {
                assert!(
                    value.starts_with('#') || value.starts_with("data:image/png;base64,"),
                    "{label}: an external reference {key}={value:?} survived: {text}"
                );
            }
            css_safe(value, &key);
        }
    }
    let lower = text.to_ascii_lowercase();
    for trace in ["evil.example", "passwd", "alert(", "cookie", "<!doctype", "<!entity"] {
        assert!(!lower.contains(trace), "{label}: {trace:?} survived: {text}");
    }
}

fn decode_png(label: &str, bytes: &[u8]) -> DynamicImage {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{label}: not a PNG");
    image::load_from_memory_with_format(bytes, ImageFormat::Png).unwrap_or_else(|e| panic!("{label}: {e}"))
}

/// The shown name of the file: no path, no control or direction-changing characters, short.
fn assert_clear_message(label: &str, message: &str, upload_name: &str) {
    assert!(message.to_lowercase().contains("please"), "{label}: the message says what to do: {message}");
    assert!(!message.contains('\0') && !message.contains('\u{202e}'), "{label}: {message:?}");
    if upload_name.contains(['/', '\\']) {
        assert!(!message.contains("..") && !message.contains("windows"), "{label}: a path in {message:?}");
    }
    let quoted = message.split('”').next().unwrap_or_default();
    assert!(quoted.chars().count() <= 84, "{label}: the name is kept short: {message}");
}

async fn applicant_with_application(app: &App) -> (i64, User) {
    let input = InterestInput {
        organization: "Sahel Data Lab".into(),
        website: "https://sahel-data.example".into(),
        contact_name: "Awa Traoré".into(),
        contact_email: "awa@sahel-data.example".into(),
        country: "ML".into(),
        desired_role: "implementation-support".into(),
        message: "District health information systems.".into(),
    };
    let id = applications::express_interest(app, &input, &Actor::system()).await.expect("interest").application_id;
    let start = app.clock.now() + time::Duration::days(2);
    applications::schedule_call(app, id, start, 30, &Actor::system()).await.expect("call");
    applications::invite(app, id, &Actor::system()).await.expect("invited");
    let application = applications::find(app, id).await.expect("application");
    let user = accounts::find(app, application.applicant_user_id.expect("account")).await.expect("applicant");
    (id, user)
}

struct Figures {
    refused: usize,
    neutralized_svg: usize,
    reencoded_png: usize,
    slowest: (Duration, String),
    total: Duration,
}

async fn run_corpus(app: &App, cases: &[Case]) -> Figures {
    let (id, awa) = applicant_with_application(app).await;
    let me = Actor::user(&awa, "198.51.100.9");
    applications::upload_logo(app, id, &awa, BASELINE.as_bytes(), "logo.svg", &me).await.expect("a plain logo");
    let baseline = applications::logo_of(app, id).await.expect("read").expect("stored").sha256;
    let mut figures = Figures {
        refused: 0,
        neutralized_svg: 0,
        reencoded_png: 0,
        slowest: (Duration::ZERO, String::new()),
        total: Duration::ZERO,
    };
    for case in cases {
        let label = &case.label;
        let started = Instant::now();
        let result = applications::upload_logo(app, id, &awa, &case.bytes, &case.upload_name, &me).await;
        let took = started.elapsed();
        figures.total += took;
        if took > figures.slowest.0 {
            figures.slowest = (took, label.clone());
        }
        let stored = applications::logo_of(app, id).await.expect("read").expect("a logo stays stored");
        match &case.expect {
            Expect::Refused(expected) => {
                let typed = logos::process(&case.bytes, &case.upload_name).map(|_| ()).expect_err(label);
                assert_eq!(variant(&typed), *expected, "{label}: {typed}");
                let message = match result {
                    Err(AppError::Invalid(errors)) => {
                        assert_eq!(errors.len(), 1, "{label}");
                        assert_eq!(errors[0].field, "logo", "{label}");
                        errors[0].message.clone()
                    }
                    other => panic!("{label}: expected a refusal on the logo field, got {other:?}"),
                };
                assert_eq!(message, typed.to_string(), "{label}: the form shows the typed error's message");
                assert_clear_message(label, &message, &case.upload_name);
                assert_eq!(stored.sha256, baseline, "{label}: a refused upload changes nothing");
                figures.refused += 1;
            }
            Expect::Svg => {
                result.unwrap_or_else(|e| panic!("{label}: refused: {e:?}"));
                assert_eq!(stored.content_type, "image/svg+xml", "{label}");
                let text = String::from_utf8(stored.data.clone()).expect("UTF-8");
                assert_svg_neutralized(label, &text);
                let fallback = decode_png(label, stored.fallback_png.as_deref().expect("a PNG fallback"));
                assert!(fallback.width().max(fallback.height()) <= 512, "{label}");
                // What is stored is a fixed point: uploading it again changes nothing.
                let again = logos::process(&stored.data, "again.svg").expect("the stored SVG is accepted again");
                assert_eq!(again.data, stored.data, "{label}");
                figures.neutralized_svg += 1;
            }
            Expect::Png => {
                result.unwrap_or_else(|e| panic!("{label}: refused: {e:?}"));
                assert_eq!(stored.content_type, "image/png", "{label}");
                let image = decode_png(label, &stored.data);
                assert!(image.width().max(image.height()) <= 1024, "{label}");
                assert!(stored.fallback_png.is_none(), "{label}");
                let lower = String::from_utf8_lossy(&stored.data).to_ascii_lowercase();
                assert!(!lower.contains("<script") && !lower.contains("<html"), "{label}: appended bytes survived");
                figures.reencoded_png += 1;
            }
        }
        // Whatever was uploaded last, the next case starts from the plain logo.
        if stored.sha256 != baseline {
            applications::upload_logo(app, id, &awa, BASELINE.as_bytes(), "logo.svg", &me).await.expect("reset");
        }
    }
    figures
}

#[tokio::test]
async fn every_hostile_upload_is_refused_or_stored_neutralized() {
    let mut cases = fixture_cases();
    cases.extend(generated_cases());
    assert!(cases.len() >= 30, "the corpus has {} uploads", cases.len());
    for demo in opo_app::testing::demo_apps().await {
        let backend = demo.db.backend();
        let figures = run_corpus(&demo.app, &cases).await;
        eprintln!(
            "hostile uploads on {backend:?}: {} cases, {} refused, {} SVG neutralized, {} PNG re-encoded; \
             total {:.2?}, slowest {:.2?} ({})",
            cases.len(),
            figures.refused,
            figures.neutralized_svg,
            figures.reencoded_png,
            figures.total,
            figures.slowest.0,
            figures.slowest.1,
        );
        assert_eq!(figures.refused + figures.neutralized_svg + figures.reencoded_png, cases.len());
    }
}
