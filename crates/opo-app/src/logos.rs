//! The logo upload pipeline: it turns the bytes an organization uploads into a logo that is safe to store and
//! to serve from our own domain. Rasters (PNG, JPEG, WebP) are decoded within memory limits, scaled down and
//! re-encoded as PNG; SVG files are sanitized, checked for what they would cost to draw, and rendered to a PNG
//! fallback. Everything happens in memory: nothing here reads files or the network.

use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};
use resvg::tiny_skia::{self, Transform};
use resvg::usvg::{self, roxmltree};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::sync::Arc;
use svg_hush::data_url_filter::{DataUrl, DataUrlFilterResult};

/// The largest upload accepted, checked before anything is parsed.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// Decoding limits: a 4096 × 4096 RGBA image is exactly 64 MiB, so a larger image, or one that declares a
/// bigger pixel format, is refused before its pixels are inflated.
const MAX_DECODE_SIDE: u32 = 4096;
const MAX_DECODE_ALLOC: u64 = 64 * 1024 * 1024;
/// Longest side of a stored raster logo: larger than any place the portal shows a logo.
const MAX_RASTER_SIDE: u32 = 1024;
/// Longest side of the PNG rendering of an SVG logo.
const FALLBACK_SIDE: u32 = 512;
/// Raster images embedded in one SVG (each is decoded, checked and re-encoded like an upload), and the
/// largest the SVG may grow to once they are re-encoded.
const MAX_EMBEDDED_IMAGES: u32 = 4;
const MAX_SVG_OUTPUT: usize = 2 * MAX_BYTES;

/// SVG structure limits. Real logos stay far below them; hostile files that multiply work through nesting,
/// `<use>` or references to patterns, masks and filters do not.
const MAX_SVG_ELEMENTS: usize = 10_000;
const MAX_SVG_DEPTH: usize = 48;
/// Elements once every `<use>` and every reference is expanded, as the SVG library does when it reads the file.
const MAX_SVG_EXPANDED: u64 = 250_000;
/// Layers (groups with opacity, filters, masks…) open at once while drawing, each up to 25 times the canvas.
const MAX_SVG_LAYERS: u32 = 12;
/// The estimated work of drawing the fallback (see `RenderCost`): about a second and a half.
const MAX_RENDER_COST: f64 = 1_500_000_000.0;
/// A declared size beyond this is a mistake or an attack, not a logo.
const MAX_SVG_SIDE: f32 = 100_000.0;
/// A wider (or taller) logo would render to a sliver a few pixels high.
const MAX_SVG_ASPECT: f32 = 50.0;

const MAX_NAME_CHARS: usize = 80;
const SVG_NS: &str = "http://www.w3.org/2000/svg";
const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
const PNG_DATA_URL: &str = "data:image/png;base64,";

/// A logo ready to be stored.
#[derive(Debug, Clone)]
pub struct ProcessedLogo {
    /// "image/png" or "image/svg+xml" (rasters are always re-encoded to PNG)
    pub content_type: &'static str,
    /// The re-encoded PNG, or the sanitized SVG text.
    pub data: Vec<u8>,
    /// For SVG: a PNG rendering (longest side 512 px); None for rasters.
    pub fallback_png: Option<Vec<u8>>,
    /// Of `data` (for SVG: the rendered size).
    pub width: u32,
    pub height: u32,
    /// Lowercase hex of `data`.
    pub sha256: String,
}

/// Why an upload was refused. Each message is shown to the person who uploaded the file.
#[derive(Debug, thiserror::Error)]
pub enum LogoError {
    #[error("{name} is empty. Please choose the logo file again.")]
    Empty { name: String },
    #[error("{name} is {} MB; the limit is 2 MB. Please upload a smaller file.", megabytes(*.size))]
    TooLarge { name: String, size: usize },
    #[error(
        "{name} is {found}. Logos must be PNG, JPEG, WebP or SVG files: please upload the logo in one of these formats."
    )]
    UnsupportedFormat { name: String, found: &'static str },
    #[error("{name} is {width} × {height} pixels; the limit is 4096 × 4096. Please upload a smaller image.")]
    DimensionsTooLarge { name: String, width: u32, height: u32 },
    #[error(
        "{name} is too large to open safely (larger than 4096 × 4096 pixels, or more than 64 MB once decompressed). \
         Please upload a smaller image."
    )]
    TooMuchMemory { name: String },
    #[error(
        "{name} looks like a {format} image but cannot be read; it may be damaged or incomplete. \
         Please export it again and upload the new file."
    )]
    Unreadable { name: String, format: &'static str },
    #[error("{name} is not a valid SVG file ({reason}). Please export it again from your design tool.")]
    InvalidSvg { name: String, reason: String },
    #[error(
        "{name} declares its own XML entities or DTD, which are not accepted for security reasons. \
         Please save it again as a plain SVG, without a DOCTYPE section."
    )]
    SvgEntities { name: String },
    #[error(
        "{name} has nothing left to draw once unsafe content is removed. Please upload a plain SVG drawing \
         (with xmlns=\"http://www.w3.org/2000/svg\" on its svg element), or a PNG."
    )]
    SvgEmpty { name: String },
    #[error("{name} has an unusable size: {detail}. Please give the SVG a sensible width and height, or a viewBox.")]
    SvgSize { name: String, detail: String },
    #[error("{name} is too complex to display safely ({detail}). Please simplify it, or upload a PNG instead.")]
    SvgTooComplex { name: String, detail: &'static str },
    #[error("{name} could not be converted. Please try again, or upload the logo in another format.")]
    Processing { name: String },
}

/// Checks and converts an uploaded logo. `file_name` only names the file in messages.
pub fn process(bytes: &[u8], file_name: &str) -> Result<ProcessedLogo, LogoError> {
    let name = display_name(file_name);
    if bytes.is_empty() {
        return Err(LogoError::Empty { name });
    }
    if bytes.len() > MAX_BYTES {
        return Err(LogoError::TooLarge { name, size: bytes.len() });
    }
    // The decoders and the SVG renderer are large third-party code fed hostile input; a bug in them must
    // become a refused upload, not a crashed request.
    match catch_unwind(AssertUnwindSafe(|| process_checked(bytes, &name))) {
        Ok(result) => result,
        Err(_) => Err(LogoError::Processing { name }),
    }
}

fn process_checked(bytes: &[u8], name: &str) -> Result<ProcessedLogo, LogoError> {
    match sniff(bytes) {
        Sniffed::Raster(kind) => {
            let image = decode_raster(bytes, kind).map_err(|problem| problem.into_error(name, kind))?;
            let (width, height) = (image.width(), image.height());
            let data = encode_png(&image).ok_or_else(|| LogoError::Processing { name: name.to_owned() })?;
            Ok(ProcessedLogo {
                content_type: "image/png",
                sha256: sha256_hex(&data),
                data,
                fallback_png: None,
                width,
                height,
            })
        }
        Sniffed::Svg { text, root_at, internal_subset } => process_svg(text, root_at, internal_subset, name),
        Sniffed::Other(found) => Err(LogoError::UnsupportedFormat { name: name.to_owned(), found }),
    }
}

/// The name shown in messages: its last path component, without control or direction-changing characters
/// (which could make "gpj.exe" read as "exe.jpg"), shortened, in quotes.
fn display_name(file_name: &str) -> String {
    let last = file_name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        return "The file".to_owned();
    }
    let mut shown: String = cleaned.chars().take(MAX_NAME_CHARS).collect();
    if cleaned.chars().nth(MAX_NAME_CHARS).is_some() {
        shown.push('…');
    }
    format!("“{shown}”")
}

fn megabytes(size: usize) -> String {
    // Rounded up, so a file just over the limit never reads as "2.0 MB".
    let tenths = (size as u64 * 10).div_ceil(1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn sha256_hex(data: &[u8]) -> String {
    let digest = Sha256::digest(data);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RasterKind {
    Png,
    Jpeg,
    WebP,
}

impl RasterKind {
    fn label(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Jpeg => "JPEG",
            Self::WebP => "WebP",
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            Self::Png => ImageFormat::Png,
            Self::Jpeg => ImageFormat::Jpeg,
            Self::WebP => ImageFormat::WebP,
        }
    }
}

enum Sniffed<'a> {
    Raster(RasterKind),
    /// `root_at` is where the `<svg` root element starts, after the XML declaration, comments and DOCTYPE.
    Svg {
        text: &'a str,
        root_at: usize,
        internal_subset: bool,
    },
    Other(&'static str),
}

/// Decides the format from the content alone; a file's extension says nothing about what it holds.
fn sniff(bytes: &[u8]) -> Sniffed<'_> {
    if let Some(kind) = raster_kind(bytes) {
        return Sniffed::Raster(kind);
    }
    let binary: &[(&[u8], &'static str)] = &[
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"%!PS", "a PostScript or EPS file"),
        (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
        (b"PK\x05\x06", "a ZIP archive"),
        (b"BM", "a BMP image"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
        (b"\0\0\x01\0", "an icon (ICO) file"),
        (b"\x1f\x8b", "a compressed file (for example SVGZ; SVG files must be uploaded uncompressed)"),
        (b"\xff\xfe", "a text file in UTF-16 (SVG files must be saved as UTF-8)"),
        (b"\xfe\xff", "a text file in UTF-16 (SVG files must be saved as UTF-8)"),
    ];
    for (magic, found) in binary {
        if bytes.starts_with(magic) {
            return Sniffed::Other(found);
        }
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        return Sniffed::Other("a HEIC, AVIF or video file");
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Sniffed::Other("not an image in a format we recognise");
    };
    sniff_text(text)
}

fn raster_kind(bytes: &[u8]) -> Option<RasterKind> {
    if bytes.starts_with(PNG_MAGIC) {
        Some(RasterKind::Png)
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some(RasterKind::Jpeg)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(RasterKind::WebP)
    } else {
        None
    }
}

fn sniff_text(text: &str) -> Sniffed<'_> {
    let mut at = text.strip_prefix('\u{feff}').map_or(0, |_| '\u{feff}'.len_utf8());
    let mut internal_subset = false;
    loop {
        let rest = text.get(at..).unwrap_or_default();
        let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        at += rest.len() - trimmed.len();
        let skip = if trimmed.starts_with("<?") {
            trimmed.find("?>").map(|end| end + 2)
        } else if trimmed.starts_with("<!--") {
            trimmed.find("-->").map(|end| end + 3)
        } else if starts_with_ignore_case(trimmed, "<!DOCTYPE") {
            match (trimmed.find('['), trimmed.find('>')) {
                (Some(open), Some(close)) if open < close => {
                    internal_subset = true;
                    trimmed.find("]>").or_else(|| trimmed.find(']')).and_then(|end| {
                        trimmed.get(end..).and_then(|after| after.find('>')).map(|close| end + close + 1)
                    })
                }
                (_, close) => close.map(|close| close + 1),
            }
        } else {
            break;
        };
        match skip {
            Some(len) => at += len,
            None => return Sniffed::Other("an XML document that is not an SVG image"),
        }
    }
    let body = text.get(at..).unwrap_or_default();
    let is_svg_root =
        body.strip_prefix("<svg").is_some_and(|after| after.starts_with([' ', '\t', '\r', '\n', '>', '/']));
    if is_svg_root {
        return Sniffed::Svg { text, root_at: at, internal_subset };
    }
    let head: String = body.chars().take(4096).collect::<String>().to_ascii_lowercase();
    if ["<!doctype html", "<html", "<head", "<body", "<script", "<iframe"].iter().any(|tag| head.contains(tag)) {
        Sniffed::Other("an HTML page")
    } else if body.starts_with('<') {
        Sniffed::Other("an XML document that is not an SVG image")
    } else {
        Sniffed::Other("not an image in a format we recognise")
    }
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

fn contains_ignore_case(text: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    text.as_bytes().windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle))
}

// ---------------------------------------------------------------------------------------------------------
// Rasters

enum RasterProblem {
    Dimensions(u32, u32),
    Memory,
    Unreadable,
}

impl RasterProblem {
    fn into_error(self, name: &str, kind: RasterKind) -> LogoError {
        let name = name.to_owned();
        match self {
            Self::Dimensions(width, height) => LogoError::DimensionsTooLarge { name, width, height },
            Self::Memory => LogoError::TooMuchMemory { name },
            Self::Unreadable => LogoError::Unreadable { name, format: kind.label() },
        }
    }
}

impl From<ImageError> for RasterProblem {
    fn from(error: ImageError) -> Self {
        match error {
            ImageError::Limits(_) => Self::Memory,
            _ => Self::Unreadable,
        }
    }
}

fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODE_SIDE);
    limits.max_image_height = Some(MAX_DECODE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    limits
}

/// Decodes within the limits, turns the image upright (the EXIF orientation is lost on re-encoding) and scales
/// it down to at most `MAX_RASTER_SIDE`.
fn decode_raster(bytes: &[u8], kind: RasterKind) -> Result<DynamicImage, RasterProblem> {
    // The header is read first without the size limits, only to name the size in the message.
    let mut header = ImageReader::with_format(Cursor::new(bytes), kind.format());
    let mut memory_only = decode_limits();
    memory_only.max_image_width = None;
    memory_only.max_image_height = None;
    header.limits(memory_only);
    let (width, height) = header.into_dimensions()?;
    if width > MAX_DECODE_SIDE || height > MAX_DECODE_SIDE {
        return Err(RasterProblem::Dimensions(width, height));
    }
    if width == 0 || height == 0 {
        return Err(RasterProblem::Unreadable);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    reader.limits(decode_limits());
    let mut decoder = reader.into_decoder()?;
    decode_limits().reserve(decoder.total_bytes())?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    // Eight bits per channel is plenty for a logo, and one of the few layouts every PNG reader handles.
    let image = match image.color() {
        image::ColorType::L8 | image::ColorType::L16 => DynamicImage::ImageLuma8(image.to_luma8()),
        image::ColorType::La8 | image::ColorType::La16 => DynamicImage::ImageLumaA8(image.to_luma_alpha8()),
        color if color.has_alpha() => DynamicImage::ImageRgba8(image.to_rgba8()),
        _ => DynamicImage::ImageRgb8(image.to_rgb8()),
    };
    let (new_width, new_height) = fit_within(image.width(), image.height(), MAX_RASTER_SIDE);
    if (new_width, new_height) == (image.width(), image.height()) {
        Ok(image)
    } else {
        Ok(image.resize_exact(new_width, new_height, FilterType::Lanczos3))
    }
}

/// The size that keeps the aspect ratio with the longest side at most `max`, never below one pixel.
fn fit_within(width: u32, height: u32, max: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= max || longest == 0 {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled = (u64::from(side) * u64::from(max) + u64::from(longest) / 2) / u64::from(longest);
        u32::try_from(scaled).unwrap_or(max).clamp(1, max)
    };
    (scale(width), scale(height))
}

fn encode_png(image: &DynamicImage) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let encoder = PngEncoder::new_with_quality(&mut out, CompressionType::Best, PngFilter::Adaptive);
    image.write_with_encoder(encoder).ok()?;
    Some(out)
}

/// A raster embedded in an SVG as a `data:` URL goes through the same checks as an upload and is replaced by
/// its re-encoded PNG, so neither the stored SVG nor the renderer ever sees the original bytes.
fn reencode_embedded(bytes: &[u8]) -> Option<Vec<u8>> {
    let kind = raster_kind(bytes)?;
    let image = decode_raster(bytes, kind).ok()?;
    encode_png(&image)
}

// ---------------------------------------------------------------------------------------------------------
// SVG

fn process_svg(text: &str, root_at: usize, internal_subset: bool, name: &str) -> Result<ProcessedLogo, LogoError> {
    let err_name = || name.to_owned();
    // Entities are how XML files expand to gigabytes (or pull in local files). No logo needs them, so a file
    // that declares any is refused before an XML parser sees it.
    if internal_subset || contains_ignore_case(text, "<!ENTITY") {
        return Err(LogoError::SvgEntities { name: err_name() });
    }
    // What precedes the root (XML declaration, comments, an external DOCTYPE) carries nothing we keep; the
    // declaration could also claim an encoding other than the UTF-8 the bytes were checked to be.
    let body = text.get(root_at..).unwrap_or_default();
    let line_offset = text.get(..root_at).unwrap_or_default().matches('\n').count();

    let structure_problem = |problem| match problem {
        CleanProblem::Empty => LogoError::SvgEmpty { name: err_name() },
        CleanProblem::Invalid(reason) => LogoError::InvalidSvg { name: err_name(), reason },
        CleanProblem::TooComplex(detail) => LogoError::SvgTooComplex { name: err_name(), detail },
    };
    check_structure(body, line_offset).map_err(structure_problem)?;
    let hushed = hush(body).map_err(|problem| match problem {
        HushProblem::Empty => LogoError::SvgEmpty { name: err_name() },
        HushProblem::Xml(detail) => {
            LogoError::InvalidSvg { name: err_name(), reason: xml_reason(&detail, line_offset) }
        }
    })?;
    let cleaned = clean(&hushed).map_err(structure_problem)?;
    if cleaned.len() > MAX_SVG_OUTPUT {
        return Err(LogoError::SvgTooComplex { name: err_name(), detail: "its embedded images are too large" });
    }
    let (png, width, height) = render(&cleaned, name)?;
    let data = cleaned.into_bytes();
    Ok(ProcessedLogo {
        content_type: "image/svg+xml",
        sha256: sha256_hex(&data),
        data,
        fallback_png: Some(png),
        width,
        height,
    })
}

/// Checks the uploaded XML before svg-hush reads it: svg-hush indents its output by nesting depth, so a file
/// of a few hundred thousand nested elements would grow to gigabytes there.
fn check_structure(body: &str, line_offset: usize) -> Result<(), CleanProblem> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: u32::try_from(MAX_SVG_ELEMENTS * 20).unwrap_or(u32::MAX),
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(body, options).map_err(|error| match error {
        roxmltree::Error::NodesLimitReached => CleanProblem::TooComplex("too many elements"),
        other => {
            CleanProblem::Invalid(format!("the XML is broken near line {}", other.pos().row as usize + line_offset))
        }
    })?;
    // Nodes come in document order, so a parent's depth is known before its children's.
    let mut depths: HashMap<roxmltree::NodeId, usize> = HashMap::new();
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let depth = node.parent_element().and_then(|parent| depths.get(&parent.id())).map_or(1, |depth| depth + 1);
        if depth > MAX_SVG_DEPTH + 1 {
            return Err(CleanProblem::TooComplex("elements nested too deeply"));
        }
        depths.insert(node.id(), depth);
    }
    Ok(())
}

enum HushProblem {
    Empty,
    Xml(String),
}

/// svg-hush keeps SVG elements and attributes from an allowlist (no scripts, handlers, foreignObject…) and
/// strips hosts from URLs; embedded rasters are re-encoded, every other `data:` URL is dropped.
fn hush(body: &str) -> Result<String, HushProblem> {
    let mut filter = svg_hush::Filter::new();
    let budget = Rc::new(Cell::new(MAX_EMBEDDED_IMAGES));
    filter.set_data_url_filter(move |url: &DataUrl| {
        let remaining = budget.get();
        if remaining == 0 {
            return DataUrlFilterResult::Drop;
        }
        budget.set(remaining - 1);
        match url.decode_to_vec().ok().and_then(|(bytes, _)| reencode_embedded(&bytes)) {
            Some(png) => DataUrlFilterResult::Rewrite { mime_type: "image/png".to_owned(), data: png },
            None => DataUrlFilterResult::Drop,
        }
    });
    let mut out = Vec::with_capacity(body.len());
    match filter.filter(body.as_bytes(), &mut out) {
        Ok(()) => String::from_utf8(out).map_err(|_| HushProblem::Xml("it is not UTF-8 text".to_owned())),
        Err(svg_hush::FError::Reader(error)) => Err(HushProblem::Xml(error.to_string())),
        // The writer fails only when nothing acceptable was found to write.
        Err(svg_hush::FError::Writer(_)) => Err(HushProblem::Empty),
    }
}

/// Turns "3:14 Unexpected token" into plain words with the line number in the uploaded file.
fn xml_reason(detail: &str, line_offset: usize) -> String {
    let line = detail.split_once(':').and_then(|(row, _)| row.trim().parse::<usize>().ok());
    match line {
        Some(line) => format!("the XML is broken near line {}", line + line_offset),
        None => "the XML is broken".to_owned(),
    }
}

enum CleanProblem {
    Empty,
    Invalid(String),
    TooComplex(&'static str),
}

impl From<roxmltree::Error> for CleanProblem {
    fn from(error: roxmltree::Error) -> Self {
        match error {
            roxmltree::Error::NodesLimitReached => Self::TooComplex("too many elements"),
            _ => Self::Invalid("the XML is broken".to_owned()),
        }
    }
}

/// Elements dropped on top of svg-hush: animations can set attributes (`<set attributeName="href"
/// to="javascript:…">`), and markers multiply their content at every vertex of a path.
const DROPPED_ELEMENTS: &[&str] =
    &["animate", "animateColor", "animateMotion", "animateTransform", "set", "mpath", "mPath", "marker", "script"];

/// A second pass over svg-hush's output. svg-hush turns `http://evil.example/x.png` into the same-origin path
/// `/x.png`; served from our domain that would still make every viewer's browser request paths of our site,
/// so only in-document references (`#id`) and the re-encoded PNGs survive. It also bounds the work the file
/// can cause, and writes the result out again as plain, namespace-free SVG.
fn clean(hushed: &str) -> Result<String, CleanProblem> {
    let doc = roxmltree::Document::parse_with_options(hushed, xml_options())?;
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(SVG_NS) || root.tag_name().name() != "svg" {
        return Err(CleanProblem::Empty);
    }
    let mut writer = SvgWriter { out: String::with_capacity(hushed.len()), elements: 0, ids: HashSet::new() };
    writer.element(root, 0)?;
    let cleaned = writer.out;

    let doc = roxmltree::Document::parse_with_options(&cleaned, xml_options())?;
    if expanded_size(&doc)? > MAX_SVG_EXPANDED {
        return Err(CleanProblem::TooComplex("too many repeated or referenced parts"));
    }
    Ok(cleaned)
}

/// No DTD (so no entities), and a bound on nodes so a flood of tiny elements stops the parser early.
fn xml_options<'input>() -> roxmltree::ParsingOptions<'input> {
    roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: u32::try_from(MAX_SVG_ELEMENTS * 4).unwrap_or(u32::MAX),
        ..roxmltree::ParsingOptions::default()
    }
}

struct SvgWriter {
    out: String,
    elements: usize,
    /// The ids written so far. A later element with an id already used loses it: renderers and the cost
    /// estimate would each pick their own of the two, and a fan-out of `<use>` hidden behind the one
    /// the estimate did not pick was drawn in full (a fuzzing finding).
    ids: HashSet<String>,
}

impl SvgWriter {
    fn element(&mut self, node: roxmltree::Node, depth: usize) -> Result<(), CleanProblem> {
        if depth > MAX_SVG_DEPTH {
            return Err(CleanProblem::TooComplex("elements nested too deeply"));
        }
        self.elements += 1;
        if self.elements > MAX_SVG_ELEMENTS {
            return Err(CleanProblem::TooComplex("too many elements"));
        }
        let tag = node.tag_name();
        let name = tag.name();
        if tag.namespace() != Some(SVG_NS) || DROPPED_ELEMENTS.contains(&name) || !is_plain_name(name) {
            return Ok(());
        }
        self.out.push('<');
        self.out.push_str(name);
        if depth == 0 {
            let _ = write!(self.out, " xmlns=\"{SVG_NS}\"");
        }
        for attribute in node.attributes() {
            if attribute.namespace().is_some() || !is_plain_name(attribute.name()) {
                continue;
            }
            if attribute.name() == "id" && !self.ids.insert(attribute.value().to_owned()) {
                continue;
            }
            if let Some(value) = clean_attribute(name, attribute.name(), attribute.value()) {
                let _ = write!(self.out, " {}=\"", attribute.name());
                escape_into(&mut self.out, &value, true);
                self.out.push('"');
            }
        }
        if !node.has_children() {
            self.out.push_str("/>");
            return Ok(());
        }
        self.out.push('>');
        if name == "style" {
            // A style sheet is text only. Elements inside it would split the CSS into pieces scrubbed one
            // by one, while a browser reads the pieces joined, so a rule cut in two would slip through.
            let css: String = node.children().filter_map(|child| child.text()).collect();
            escape_into(&mut self.out, &scrub_css(&css), false);
        } else {
            for child in node.children() {
                if child.is_element() {
                    self.element(child, depth + 1)?;
                } else if let Some(text) = child.text() {
                    escape_into(&mut self.out, text, false);
                }
            }
        }
        let _ = write!(self.out, "</{name}>");
        Ok(())
    }
}

/// XML names as SVG uses them; anything else is not written out rather than escaped.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

fn clean_attribute<'a>(element: &str, attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    let trimmed = value.trim();
    match attribute {
        "href" => {
            let local = trimmed.strip_prefix('#').is_some_and(is_fragment_id);
            let embedded = matches!(element, "image" | "feImage") && trimmed.starts_with(PNG_DATA_URL);
            return (local || embedded).then_some(Cow::Borrowed(trimmed));
        }
        "base" | "arcrole" | "color-profile" | "xmlns" => return None,
        "role" => {
            return trimmed
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-')
                .then_some(Cow::Borrowed(value));
        }
        _ => {}
    }
    // svg-hush lets free-form values through (`values`, `to`, `d`…); none of them has a reason to name a
    // script or a data URL.
    let squeezed: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    if squeezed.contains("script:") || squeezed.contains("data:") {
        return None;
    }
    if attribute == "style" { Some(scrub_css(value)) } else { Some(neutralize_urls(value)) }
}

/// CSS after svg-hush can still hold the remains of what it cut, such as the address of a removed `@import`
/// (`http://…);`). Those remains are inert, but a declaration or selector with `//` or an escape has no
/// place in a logo, so it goes.
fn scrub_css(css: &str) -> Cow<'_, str> {
    let neutralized = neutralize_urls(css);
    if !neutralized.contains("//") && !neutralized.contains('\\') {
        return neutralized;
    }
    let mut out = String::with_capacity(neutralized.len());
    for piece in neutralized.split_inclusive([';', '{', '}']) {
        if piece.contains("//") || piece.contains('\\') {
            // The brace it ends with stays, so the rules around remain balanced.
            if let Some(brace @ ('{' | '}')) = piece.chars().last() {
                out.push(brace);
            }
        } else {
            out.push_str(piece);
        }
    }
    Cow::Owned(out)
}

/// An element id as XML names are written (letters, digits, `-`, `_`, `.`; no `:`, so no scheme).
/// Anything else in a `#…` reference points at no element, and keeping it would only carry text such
/// as `@import` into a style sheet.
fn is_fragment_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Rewrites every CSS `url(…)` that is not an in-document `#id` to `url(#)`, svg-hush's own placeholder,
/// which keeps the syntax valid and points at nothing.
fn neutralize_urls(css: &str) -> Cow<'_, str> {
    if !contains_ignore_case(css, "url(") {
        return Cow::Borrowed(css);
    }
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = find_ignore_case(rest, "url(") {
        let Some((before, from_url)) = rest.split_at_checked(start) else { break };
        let Some((keyword, inner)) = from_url.split_at_checked(4) else { break };
        out.push_str(before);
        out.push_str(keyword);
        let (target, after) = match inner.find(')') {
            Some(end) => (inner.get(..end).unwrap_or_default(), inner.get(end + 1..).unwrap_or_default()),
            None => (inner, ""),
        };
        let target = target.trim().trim_matches(['"', '\'']).trim();
        match target.strip_prefix('#') {
            Some(id) if is_fragment_id(id) => out.push_str(target),
            _ => out.push('#'),
        }
        out.push(')');
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn find_ignore_case(text: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    text.as_bytes().windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle))
}

/// In-document references (`#id` in `href`, `url(#id)` in attributes and style sheets).
fn references<'a>(value: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let href = value.trim().strip_prefix('#').filter(|id| is_fragment_id(id));
    let urls = value.split("url(#").skip(1).filter_map(|after| after.split(')').next()).map(str::trim);
    href.into_iter().chain(urls)
}

/// How many elements the document becomes once every `<use>` and every reference to a pattern, mask, clip
/// path, filter or gradient is expanded: the SVG library copies the referenced content at each use.
fn expanded_size(doc: &roxmltree::Document) -> Result<u64, CleanProblem> {
    let elements: Vec<roxmltree::Node> = doc.descendants().filter(roxmltree::Node::is_element).collect();
    let ids: HashMap<&str, roxmltree::Node> =
        elements.iter().filter_map(|node| node.attribute("id").map(|id| (id, *node))).collect();
    let mut sizes = Sizes { ids, known: HashMap::new(), open: HashSet::new() };
    let mut total = sizes.of(doc.root_element(), 0)?;
    // A style sheet rule may apply to every element, so each of its references counts that many times.
    let count = elements.len() as u64;
    for style in elements.iter().filter(|node| node.tag_name().name() == "style") {
        let text: String = style.children().filter_map(|child| child.text()).collect();
        for id in references(&text) {
            if let Some(target) = sizes.ids.get(id).copied() {
                total = total.saturating_add(sizes.of(target, 0)?.saturating_mul(count));
            }
        }
    }
    Ok(total)
}

struct Sizes<'a, 'input> {
    ids: HashMap<&'a str, roxmltree::Node<'a, 'input>>,
    known: HashMap<roxmltree::NodeId, u64>,
    open: HashSet<roxmltree::NodeId>,
}

impl<'a, 'input> Sizes<'a, 'input> {
    fn of(&mut self, node: roxmltree::Node<'a, 'input>, depth: usize) -> Result<u64, CleanProblem> {
        // Nesting is bounded by the writer; chains of references are bounded here.
        if depth > 4 * MAX_SVG_DEPTH {
            return Err(CleanProblem::TooComplex("references nested too deeply"));
        }
        if let Some(size) = self.known.get(&node.id()) {
            return Ok(*size);
        }
        // A reference cycle is dropped by the SVG library; it adds nothing.
        if !self.open.insert(node.id()) {
            return Ok(0);
        }
        let mut size: u64 = 1;
        for attribute in node.attributes() {
            for id in references(attribute.value()) {
                if let Some(target) = self.ids.get(id).copied() {
                    size = size.saturating_add(self.of(target, depth + 1)?);
                }
            }
        }
        for child in node.children().filter(roxmltree::Node::is_element) {
            size = size.saturating_add(self.of(child, depth + 1)?);
        }
        if size > MAX_SVG_EXPANDED {
            return Err(CleanProblem::TooComplex("too many repeated or referenced parts"));
        }
        self.open.remove(&node.id());
        self.known.insert(node.id(), size);
        Ok(size)
    }
}

/// Reads the cleaned SVG with no access to files or the network, and draws it with its longest side at
/// `FALLBACK_SIDE` pixels.
fn render(cleaned: &str, name: &str) -> Result<(Vec<u8>, u32, u32), LogoError> {
    let err_name = || name.to_owned();
    let doc = roxmltree::Document::parse_with_options(cleaned, xml_options()).map_err(|error| match error {
        roxmltree::Error::DtdDetected | roxmltree::Error::EntityReferenceLoop(_) => {
            LogoError::SvgEntities { name: err_name() }
        }
        other => LogoError::InvalidSvg { name: err_name(), reason: other.to_string() },
    })?;
    let options = usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|mime, data, _| embedded_png(mime, data)),
            // Anything that is not a data URL would be a file path or a URL: never followed.
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_xmltree(&doc, &options).map_err(|error| match error {
        usvg::Error::ElementsLimitReached => LogoError::SvgTooComplex { name: err_name(), detail: "too many elements" },
        usvg::Error::InvalidSize => {
            LogoError::SvgSize { name: err_name(), detail: "it has no width, height or viewBox".to_owned() }
        }
        usvg::Error::ParsingFailed(roxmltree::Error::DtdDetected) => LogoError::SvgEntities { name: err_name() },
        other => LogoError::InvalidSvg { name: err_name(), reason: other.to_string() },
    })?;

    let size = tree.size();
    let (width, height) = (size.width(), size.height());
    let size_error = |detail: String| LogoError::SvgSize { name: err_name(), detail };
    if !(width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0) {
        return Err(size_error("its width or height is not a positive number".to_owned()));
    }
    if width.max(height) > MAX_SVG_SIDE {
        return Err(size_error(format!("{width} × {height} is larger than {MAX_SVG_SIDE} on a side")));
    }
    let aspect = width.max(height) / width.min(height);
    if aspect > MAX_SVG_ASPECT {
        return Err(size_error(format!("one side is {aspect:.0} times the other, the limit is {MAX_SVG_ASPECT}")));
    }
    let scale = FALLBACK_SIDE as f32 / width.max(height);
    let side = |length: f32| ((length * scale).round() as u32).clamp(1, FALLBACK_SIDE);
    let (pixel_width, pixel_height) = (side(width), side(height));
    let transform = Transform::from_scale(pixel_width as f32 / width, pixel_height as f32 / height);

    let canvas = f64::from(pixel_width) * f64::from(pixel_height);
    let mut cost = RenderCost { canvas, spent: 0.0, visits: 0 };
    cost.group(tree.root(), transform, 0, 0).map_err(|detail| LogoError::SvgTooComplex { name: err_name(), detail })?;

    let mut pixmap =
        tiny_skia::Pixmap::new(pixel_width, pixel_height).ok_or_else(|| LogoError::Processing { name: err_name() })?;
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    let png = pixmap.encode_png().map_err(|_| LogoError::Processing { name: err_name() })?;
    Ok((png, pixel_width, pixel_height))
}

/// Only the PNGs written by `reencode_embedded` are drawn; an SVG inside an SVG, or any other type, is not.
fn embedded_png(mime: &str, data: Arc<Vec<u8>>) -> Option<usvg::ImageKind> {
    if mime != "image/png" || !data.starts_with(PNG_MAGIC) {
        return None;
    }
    let mut reader = ImageReader::with_format(Cursor::new(data.as_slice()), ImageFormat::Png);
    let mut limits = decode_limits();
    limits.max_image_width = Some(MAX_RASTER_SIDE);
    limits.max_image_height = Some(MAX_RASTER_SIDE);
    reader.limits(limits);
    reader.into_dimensions().ok()?;
    Some(usvg::ImageKind::PNG(data))
}

/// A walk over the parsed SVG that estimates, like the renderer will proceed, the work of drawing it: layers,
/// filters (with their kernels), masks, clip paths, pattern tiles, long outlines and dashes. It refuses before
/// drawing what would take minutes or gigabytes. The unit is roughly a nanosecond of an optimized build of
/// resvg 0.49, and the weights follow its relative speeds.
struct RenderCost {
    canvas: f64,
    spent: f64,
    visits: u32,
}

impl RenderCost {
    fn spend(&mut self, cost: f64) -> Result<(), &'static str> {
        self.spent += if cost.is_finite() { cost.max(0.0) } else { f64::INFINITY };
        if self.spent > MAX_RENDER_COST { Err("it would take too long to draw") } else { Ok(()) }
    }

    /// Pixels covered by `rect`; the renderer keeps layers within 5 × 5 canvases around the canvas.
    fn area(&self, rect: Option<tiny_skia::Rect>) -> f64 {
        let most = 25.0 * self.canvas;
        let area = rect.map_or(0.0, |rect| f64::from(rect.width()) * f64::from(rect.height()));
        if area.is_finite() { area.min(most) } else { most }
    }

    fn group(
        &mut self,
        group: &usvg::Group,
        transform: Transform,
        depth: u32,
        layers: u32,
    ) -> Result<(), &'static str> {
        self.visits += 1;
        if self.visits > 1_000_000 {
            return Err("too many elements");
        }
        if depth > 128 {
            return Err("elements nested too deeply");
        }
        let transform = transform.pre_concat(group.transform());
        let mut layers = layers;
        if group.should_isolate() {
            layers += 1;
            if layers > MAX_SVG_LAYERS {
                return Err("too many nested layers");
            }
            let area = self.area(group.layer_bounding_box().transform(transform).map(|rect| rect.to_rect()));
            self.spend(8.0 * area)?;
            for filter in group.filters() {
                for primitive in filter.primitives() {
                    self.spend(area * primitive_cost(primitive.kind(), transform, self.canvas))?;
                    if let usvg::filter::Kind::Image(image) = primitive.kind() {
                        self.group(image.root(), transform, depth + 1, layers)?;
                    }
                }
            }
            let mut clip_path = group.clip_path();
            while let Some(clip) = clip_path {
                self.spend(8.0 * area)?;
                self.group(clip.root(), transform.pre_concat(clip.transform()), depth + 1, layers)?;
                clip_path = clip.clip_path();
            }
            let mut mask = group.mask();
            while let Some(current) = mask {
                self.spend(10.0 * area)?;
                self.group(current.root(), transform, depth + 1, layers)?;
                mask = current.mask();
            }
        }
        for child in group.children() {
            match child {
                usvg::Node::Group(child) => self.group(child, transform, depth + 1, layers)?,
                usvg::Node::Path(path) => self.path(path, transform, depth, layers)?,
                usvg::Node::Image(image) => {
                    let area = self.area(image.bounding_box().transform(transform));
                    self.spend(10.0 * area + 10.0 * f64::from(MAX_RASTER_SIDE * MAX_RASTER_SIDE))?;
                }
                usvg::Node::Text(text) => self.group(text.flattened(), transform, depth + 1, layers)?,
            }
        }
        Ok(())
    }

    fn path(&mut self, path: &usvg::Path, transform: Transform, depth: u32, layers: u32) -> Result<(), &'static str> {
        let area = self.area(path.stroke_bounding_box().transform(transform));
        let (sx, sy) = transform.get_scale();
        let scale = f64::from(sx.max(sy));
        let points = path.data().points();
        let length = scale
            * points
                .windows(2)
                .map(|pair| pair.first().zip(pair.get(1)).map_or(0.0, |(a, b)| f64::from(a.distance(*b))))
                .sum::<f64>();
        self.spend(50.0 * points.len() as f64)?;
        if let Some(fill) = path.fill() {
            self.spend(10.0 * length + paint_cost(fill.paint()) * area)?;
            self.paint(fill.paint(), transform, depth, layers)?;
        }
        if let Some(stroke) = path.stroke() {
            self.spend(100.0 * length + paint_cost(stroke.paint()) * area)?;
            if let Some(dashes) = stroke.dasharray() {
                let period = scale * dashes.iter().map(|dash| f64::from(dash.abs())).sum::<f64>();
                self.spend(1000.0 * length / period.max(1e-9))?;
            }
            self.paint(stroke.paint(), transform, depth, layers)?;
        }
        Ok(())
    }

    fn paint(
        &mut self,
        paint: &usvg::Paint,
        transform: Transform,
        depth: u32,
        layers: u32,
    ) -> Result<(), &'static str> {
        match paint {
            usvg::Paint::Pattern(pattern) => self.pattern(pattern, transform, depth, layers),
            _ => Ok(()),
        }
    }

    /// The renderer draws a pattern's tile into its own pixmap, at the scale it is used, for every shape it fills.
    fn pattern(
        &mut self,
        pattern: &usvg::Pattern,
        transform: Transform,
        depth: u32,
        layers: u32,
    ) -> Result<(), &'static str> {
        let (sx, sy) = transform.pre_concat(pattern.transform()).get_scale();
        let rect = pattern.rect();
        let tile = f64::from(rect.width() * sx) * f64::from(rect.height() * sy);
        if !tile.is_finite() || tile > f64::from(MAX_DECODE_SIDE) * f64::from(MAX_DECODE_SIDE) {
            return Err("a pattern tile is too large");
        }
        self.spend(8.0 * tile)?;
        self.group(pattern.root(), Transform::from_scale(sx, sy), depth + 1, layers)
    }
}

/// Work per covered pixel of a paint: plain colors are cheap, gradients and patterns are computed per pixel.
fn paint_cost(paint: &usvg::Paint) -> f64 {
    match paint {
        usvg::Paint::Color(_) => 0.5,
        _ => 10.0,
    }
}

/// Work per pixel of the filter region for one filter primitive.
fn primitive_cost(kind: &usvg::filter::Kind, transform: Transform, canvas: f64) -> f64 {
    use usvg::filter::Kind;
    let (sx, sy) = transform.get_scale();
    // The renderer limits a radius to the size of the region, itself within 5 × 5 canvases.
    let widest = 5.0 * canvas.sqrt();
    let radius = |radius: f32, scale: f32| f64::from(radius * scale).round().clamp(0.0, widest);
    match kind {
        Kind::Morphology(morphology) => {
            let (rx, ry) = (radius(morphology.radius_x().get(), sx), radius(morphology.radius_y().get(), sy));
            10.0 * (2.0 * rx + 1.0) * (2.0 * ry + 1.0)
        }
        Kind::ConvolveMatrix(convolve) => {
            10.0 + 5.0 * f64::from(convolve.matrix().columns()) * f64::from(convolve.matrix().rows())
        }
        Kind::Turbulence(turbulence) => 80.0 * f64::from(turbulence.num_octaves().max(1)),
        Kind::GaussianBlur(_) => 220.0,
        Kind::DropShadow(_) => 300.0,
        Kind::DiffuseLighting(_) | Kind::SpecularLighting(_) => 60.0,
        Kind::Merge(_) | Kind::ComponentTransfer(_) => 40.0,
        Kind::Offset(_) | Kind::Flood(_) => 10.0,
        _ => 25.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};
    use std::io::Write as _;

    // --- inputs made here -----------------------------------------------------------------------------

    fn gradient(width: u32, height: u32) -> RgbaImage {
        RgbaImage::from_fn(width, height, |x, y| Rgba([(x % 256) as u8, (y % 256) as u8, 128, 255]))
    }

    fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).expect("test image encodes");
        out.into_inner()
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        encode(&DynamicImage::ImageRgba8(gradient(width, height)), ImageFormat::Png)
    }

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let rgb = RgbImage::from_fn(width, height, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 60]));
        encode(&DynamicImage::ImageRgb8(rgb), ImageFormat::Jpeg)
    }

    fn webp(width: u32, height: u32) -> Vec<u8> {
        encode(&DynamicImage::ImageRgba8(gradient(width, height)), ImageFormat::WebP)
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffff_u32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut covered = kind.to_vec();
        covered.extend_from_slice(data);
        out.extend_from_slice(&crc32(&covered).to_be_bytes());
        out
    }

    /// A PNG whose header declares `width` × `height` RGBA pixels, with a tiny (and far too short) IDAT.
    fn png_with_header(width: u32, height: u32) -> Vec<u8> {
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        let mut out = PNG_MAGIC.to_vec();
        out.extend(chunk(b"IHDR", &ihdr));
        // zlib of one empty stored block.
        out.extend(chunk(b"IDAT", &[0x78, 0x01, 0x01, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01]));
        out.extend(chunk(b"IEND", &[]));
        out
    }

    /// A real PNG of `width` × `height` zero pixels, written row by row so the test never holds the pixels.
    fn zero_png(width: u32, height: u32, color: png::ColorType, depth: png::BitDepth) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(color);
        encoder.set_depth(depth);
        encoder.set_compression(png::Compression::Balanced);
        let mut writer = encoder.write_header().expect("header");
        let row_bytes = width as usize * color.samples() * if depth == png::BitDepth::Sixteen { 2 } else { 1 };
        let row = vec![0u8; row_bytes];
        let mut stream = writer.stream_writer().expect("stream");
        for _ in 0..height {
            stream.write_all(&row).expect("row");
        }
        stream.finish().expect("finish");
        writer.finish().expect("end");
        out
    }

    const SVG_OPEN: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50" viewBox="0 0 100 50">"#;

    /// A 100 × 50 SVG with a red rectangle and `inner` on top.
    fn svg(inner: &str) -> String {
        format!(r##"{SVG_OPEN}<rect id="r" width="100" height="50" fill="#c00"/>{inner}</svg>"##)
    }

    fn refused(bytes: &[u8], name: &str) -> LogoError {
        match process(bytes, name) {
            Ok(logo) => panic!("{name} was accepted as {} ({} × {})", logo.content_type, logo.width, logo.height),
            Err(error) => error,
        }
    }

    fn accepted(bytes: &[u8], name: &str) -> ProcessedLogo {
        match process(bytes, name) {
            Ok(logo) => logo,
            Err(error) => panic!("{name} was refused: {error}"),
        }
    }

    fn decode_png(bytes: &[u8]) -> DynamicImage {
        assert!(bytes.starts_with(PNG_MAGIC), "not a PNG");
        image::load_from_memory_with_format(bytes, ImageFormat::Png).expect("output decodes as PNG")
    }

    /// A neutralized SVG: accepted, with nothing that could run, link out or load anything, and a fallback that
    /// decodes to the expected size.
    fn assert_neutralized(logo: &ProcessedLogo, fallback: (u32, u32)) -> String {
        assert_eq!(logo.content_type, "image/svg+xml");
        assert_eq!(logo.sha256, sha256_hex(&logo.data));
        let text = String::from_utf8(logo.data.clone()).expect("stored SVG is UTF-8");
        let lower = text.to_ascii_lowercase().replace(&format!("xmlns=\"{SVG_NS}\""), "");
        for banned in
            ["script", "javascript:", "foreignobject", "http:", "https:", "file:", "evil", "passwd", "alert", "iframe"]
        {
            assert!(!lower.contains(banned), "{banned:?} survived in {text}");
        }
        let bytes = lower.as_bytes();
        for (at, _) in lower.match_indices(" on") {
            let name: Vec<u8> = bytes[at + 3..].iter().copied().take_while(u8::is_ascii_alphabetic).collect();
            let next = bytes.get(at + 3 + name.len()).copied();
            assert!(name.is_empty() || next != Some(b'='), "an event handler survived in {text}");
        }
        let png = decode_png(logo.fallback_png.as_deref().expect("SVG has a fallback PNG"));
        assert_eq!((png.width(), png.height()), fallback);
        assert_eq!((logo.width, logo.height), fallback);
        // The stored text goes through the pipeline again unchanged: what is stored is what was checked.
        let again = accepted(&logo.data, "again.svg");
        assert_eq!(again.data, logo.data);
        text
    }

    fn assert_svg_refused(svg: &str, check: impl Fn(&LogoError) -> bool) {
        let error = refused(svg.as_bytes(), "logo.svg");
        assert!(check(&error), "unexpected error: {error:?}");
    }

    // --- rasters ---------------------------------------------------------------------------------------

    #[test]
    fn a_small_png_is_reencoded_at_its_size() {
        let logo = accepted(&png(40, 20), "logo.png");
        assert_eq!(logo.content_type, "image/png");
        assert_eq!((logo.width, logo.height), (40, 20));
        assert!(logo.fallback_png.is_none());
        assert_eq!(logo.sha256, sha256_hex(&logo.data));
        assert_eq!(logo.sha256.len(), 64);
        assert!(logo.sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        let decoded = decode_png(&logo.data).to_rgba8();
        assert_eq!(decoded.get_pixel(7, 3), gradient(40, 20).get_pixel(7, 3));
    }

    #[test]
    fn a_wide_png_is_scaled_down_keeping_its_aspect_ratio() {
        let logo = accepted(&png(2000, 1000), "wide.png");
        assert_eq!((logo.width, logo.height), (1024, 512));
        let decoded = decode_png(&logo.data);
        assert_eq!((decoded.width(), decoded.height()), (1024, 512));
    }

    #[test]
    fn a_tall_jpeg_is_scaled_down_keeping_its_aspect_ratio() {
        let logo = accepted(&jpeg(600, 1800), "tall.jpg");
        assert_eq!(logo.content_type, "image/png");
        // 600 × 1024 / 1800 = 341.3
        assert_eq!((logo.width, logo.height), (341, 1024));
        let decoded = decode_png(&logo.data);
        assert_eq!((decoded.width(), decoded.height()), (341, 1024));
    }

    #[test]
    fn a_webp_is_accepted_and_becomes_a_png() {
        let logo = accepted(&webp(300, 200), "logo.webp");
        assert_eq!(logo.content_type, "image/png");
        assert_eq!((logo.width, logo.height), (300, 200));
        assert_eq!(decode_png(&logo.data).to_rgba8().get_pixel(10, 20), gradient(300, 200).get_pixel(10, 20));
    }

    #[test]
    fn metadata_is_dropped_on_reencoding() {
        let original = png(16, 16);
        // A tEXt chunk right after IHDR (8 bytes of signature, 25 of IHDR).
        let mut with_text = original[..33].to_vec();
        with_text.extend(chunk(b"tEXt", b"Comment\0secret-gps-48.85,2.35"));
        with_text.extend_from_slice(&original[33..]);
        assert!(process(&original, "a.png").is_ok());
        let logo = accepted(&with_text, "with-text.png");
        assert!(!logo.data.windows(6).any(|w| w == b"secret"));
    }

    #[test]
    fn the_file_name_does_not_decide_the_format() {
        let logo = accepted(&png(32, 32), "logo.svg");
        assert_eq!(logo.content_type, "image/png");
        let logo = accepted(svg("").as_bytes(), "logo.png");
        assert_eq!(logo.content_type, "image/svg+xml");
        let logo = accepted(&jpeg(10, 10), "");
        assert_eq!(logo.content_type, "image/png");
    }

    #[test]
    fn fit_within_keeps_the_ratio_and_never_reaches_zero() {
        assert_eq!(fit_within(100, 50, 1024), (100, 50));
        assert_eq!(fit_within(4096, 4096, 1024), (1024, 1024));
        assert_eq!(fit_within(4096, 1, 1024), (1024, 1));
        assert_eq!(fit_within(3000, 2000, 1024), (1024, 683));
        assert_eq!(fit_within(1, 4000, 1024), (1, 1024));
    }

    // --- hostile rasters and files -------------------------------------------------------------------

    #[test]
    fn empty_input_is_refused() {
        let error = refused(b"", "logo.png");
        assert!(matches!(error, LogoError::Empty { .. }));
        assert_eq!(error.to_string(), "“logo.png” is empty. Please choose the logo file again.");
    }

    #[test]
    fn oversize_input_is_refused_before_parsing() {
        // Valid PNG bytes followed by padding: refused for its size alone.
        let mut big = png(8, 8);
        big.resize(MAX_BYTES + 1, 0);
        assert!(matches!(refused(&big, "big.png"), LogoError::TooLarge { size, .. } if size == MAX_BYTES + 1));
        let error = refused(&vec![b'x'; 6_501_171], "huge.png");
        assert_eq!(error.to_string(), "“huge.png” is 6.2 MB; the limit is 2 MB. Please upload a smaller file.");
        assert!(
            process(&vec![b' '; MAX_BYTES], "exactly.txt").is_err_and(|e| !matches!(e, LogoError::TooLarge { .. }))
        );
    }

    #[test]
    fn a_png_declaring_huge_dimensions_is_refused() {
        let error = refused(&png_with_header(100_000, 100_000), "huge.png");
        assert!(matches!(error, LogoError::DimensionsTooLarge { width: 100_000, height: 100_000, .. }), "{error:?}");
        assert!(error.to_string().contains("100000 × 100000 pixels; the limit is 4096 × 4096"));
        // One side too long is enough.
        let error = refused(&png_with_header(5000, 10), "strip.png");
        assert!(matches!(error, LogoError::DimensionsTooLarge { width: 5000, height: 10, .. }), "{error:?}");
    }

    #[test]
    fn a_png_decompression_bomb_is_refused() {
        let bomb = zero_png(20_000, 20_000, png::ColorType::Grayscale, png::BitDepth::Eight);
        assert!(bomb.len() < MAX_BYTES, "the bomb is {} bytes", bomb.len());
        let error = refused(&bomb, "bomb.png");
        assert!(matches!(error, LogoError::DimensionsTooLarge { width: 20_000, height: 20_000, .. }), "{error:?}");
    }

    #[test]
    fn a_png_within_the_dimensions_but_too_big_to_hold_is_refused() {
        // 4096 × 4096 at 16-bit RGBA is 128 MiB once decoded.
        let bomb = zero_png(4096, 4096, png::ColorType::Rgba, png::BitDepth::Sixteen);
        assert!(bomb.len() < MAX_BYTES, "the bomb is {} bytes", bomb.len());
        let error = refused(&bomb, "deep.png");
        assert!(matches!(error, LogoError::TooMuchMemory { .. }), "{error:?}");
    }

    #[test]
    fn a_truncated_png_is_refused() {
        let whole = png(64, 64);
        let error = refused(&whole[..whole.len() / 2], "cut.png");
        assert!(matches!(error, LogoError::Unreadable { format: "PNG", .. }), "{error:?}");
        assert!(error.to_string().contains("damaged or incomplete"));
        assert!(matches!(refused(&whole[..12], "cut.png"), LogoError::Unreadable { .. }));
    }

    #[test]
    fn a_jpeg_with_garbage_after_soi_is_refused() {
        let mut bytes = vec![0xff, 0xd8, 0xff];
        bytes.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
        let error = refused(&bytes, "photo.jpg");
        assert!(matches!(error, LogoError::Unreadable { format: "JPEG", .. }), "{error:?}");
    }

    #[test]
    fn other_formats_are_refused_naming_the_accepted_ones() {
        let cases: &[(&[u8], &str)] = &[
            (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;", "a GIF image"),
            (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "a PDF document"),
            (b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>", "an HTML page"),
            (b"PK\x03\x04\x14\x00\x00\x00\x08\x00logo.svg", "a ZIP archive (or an Office document)"),
            // A GIF/JavaScript polyglot.
            (b"GIF89a/*\x00\x00*/=1;alert(document.cookie);//<script>alert(1)</script>", "a GIF image"),
            (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "a compressed file (for example SVGZ; SVG files must be uploaded uncompressed)"),
            (b"\x00\x01\x02\x03 binary", "not an image in a format we recognise"),
            (b"\xff\xfe<\x00s\x00v\x00g\x00", "a text file in UTF-16 (SVG files must be saved as UTF-8)"),
            (b"just some text", "not an image in a format we recognise"),
            (b"<?xml version=\"1.0\"?><rss><channel/></rss>", "an XML document that is not an SVG image"),
            (b"<html><body><svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg></body></html>", "an HTML page"),
        ];
        for (bytes, found) in cases {
            let error = refused(bytes, "upload.png");
            match &error {
                LogoError::UnsupportedFormat { found: actual, .. } => assert_eq!(actual, found),
                other => panic!("{found}: unexpected {other:?}"),
            }
            assert!(error.to_string().contains("Logos must be PNG, JPEG, WebP or SVG files"), "{error}");
        }
    }

    #[test]
    fn a_png_with_something_appended_keeps_only_the_image() {
        let mut polyglot = png(20, 10);
        polyglot.extend_from_slice(b"<html><script>alert(1)</script></html>PK\x05\x06");
        let logo = accepted(&polyglot, "polyglot.png");
        assert_eq!((logo.width, logo.height), (20, 10));
        assert!(!logo.data.windows(6).any(|w| w == b"script"));
        assert!(!logo.data.ends_with(b"PK\x05\x06"));
    }

    #[test]
    fn the_file_name_is_never_a_path_and_is_kept_short() {
        assert_eq!(display_name("../../etc/passwd.png"), "“passwd.png”");
        assert_eq!(display_name("C:\\Users\\me\\logo.png"), "“logo.png”");
        assert_eq!(display_name("dir/"), "The file");
        assert_eq!(display_name(".."), "The file");
        assert_eq!(display_name(""), "The file");
        assert_eq!(display_name("evil\u{202e}gnp.exe"), "“evilgnp.exe”");
        assert_eq!(display_name("a\nb\u{0}c.png"), "“abc.png”");
        let long = format!("{}.png", "é".repeat(500));
        let shown = display_name(&long);
        assert_eq!(shown.chars().count(), MAX_NAME_CHARS + 3);
        assert!(shown.ends_with("…”"));
    }

    // --- SVG -------------------------------------------------------------------------------------------

    #[test]
    fn a_plain_svg_logo_is_kept_and_rendered() {
        let logo = r##"<?xml version="1.0" encoding="UTF-8"?>
<!-- Generator: a design tool -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">
  <title>Example Org</title>
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1d4ed8"/><stop offset="1" stop-color="#0ea5e9"/></linearGradient></defs>
  <style>.name { fill: #334155; font-family: Helvetica, Arial, sans-serif; }</style>
  <rect x="6" y="6" width="108" height="108" rx="18" fill="url(#g)"/>
  <text x="60" y="72" text-anchor="middle" fill="#fff" font-size="40">EO</text>
  <text class="name" x="126" y="68" font-size="20">Example Org</text>
</svg>"##;
        let processed = accepted(logo.as_bytes(), "example.svg");
        let text = assert_neutralized(&processed, (512, 256));
        assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{text}");
        assert!(text.contains("linearGradient") && text.contains("url(#g)") && text.contains("Example Org"));
        assert!(!text.contains("DOCTYPE") && !text.contains("w3.org/Graphics"));
        // The gradient square is drawn: the fallback has opaque blue pixels where it is.
        let fallback = decode_png(processed.fallback_png.as_deref().unwrap_or_default()).to_rgba8();
        let pixel = fallback.get_pixel(120, 128);
        assert_eq!(pixel[3], 255);
        assert!(pixel[2] > pixel[0], "{pixel:?}");
        // Outside the drawing the fallback stays transparent.
        assert_eq!(fallback.get_pixel(2, 2)[3], 0);
    }

    #[test]
    fn svg_script_elements_are_removed() {
        let logo = accepted(
            svg(r#"<script>alert(1)</script><script type="text/javascript"><![CDATA[alert(2)]]></script>"#).as_bytes(),
            "logo.svg",
        );
        assert_neutralized(&logo, (512, 256));
    }

    #[test]
    fn svg_event_handlers_are_removed() {
        let source = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" onload="alert(1)" ONerror="alert(2)">
<rect width="100" height="50" onclick="alert(3)" onmouseover = "alert(4)" fill="red"/></svg>"#;
        let logo = accepted(source.as_bytes(), "logo.svg");
        assert_neutralized(&logo, (512, 256));
    }

    #[test]
    fn svg_javascript_links_are_removed() {
        let logo = accepted(
            svg(r#"<a href="javascript:alert(1)"><circle cx="5" cy="5" r="4"/></a>
                   <a xlink:href="javascript:alert(document.domain)"><circle cx="15" cy="5" r="4"/></a>
                   <a href="  JaVaScRiPt:alert(2)"><circle cx="25" cy="5" r="4"/></a>
                   <a href="&#106;avascript:alert(3)"><circle cx="35" cy="5" r="4"/></a>"#)
            .as_bytes(),
            "logo.svg",
        );
        let text = assert_neutralized(&logo, (512, 256));
        assert_eq!(text.matches("<circle").count(), 4, "{text}");
    }

    #[test]
    fn svg_animations_cannot_set_a_link() {
        let logo = accepted(
            svg(r#"<a><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="xlink:href" values="javascript:alert(2)"/><circle r="5"/></a>"#)
                .as_bytes(),
            "logo.svg",
        );
        let text = assert_neutralized(&logo, (512, 256));
        assert!(!text.contains("<set") && !text.contains("<animate"), "{text}");
    }

    #[test]
    fn svg_external_use_is_removed() {
        let logo = accepted(
            svg(r##"<use href="http://evil.example/sprite.svg#icon"/><use xlink:href="//evil.example/x.svg#a"/><use href="/etc/passwd#x"/><use href="#r" x="10"/>"##)
                .as_bytes(),
            "logo.svg",
        );
        let text = assert_neutralized(&logo, (512, 256));
        assert!(text.contains("href=\"#r\""), "local references stay: {text}");
        assert_eq!(text.matches("href=").count(), 1, "{text}");
    }

    #[test]
    fn svg_external_images_are_removed() {
        let logo = accepted(
            svg(r#"<image href="file:///etc/passwd" width="10" height="10"/>
                   <image xlink:href="http://evil.example/track.png" width="10" height="10"/>
                   <image href="../../etc/passwd" width="10" height="10"/>
                   <feImage href="https://evil.example/a.png"/>"#)
            .as_bytes(),
            "logo.svg",
        );
        let text = assert_neutralized(&logo, (512, 256));
        assert!(!text.contains("href"), "{text}");
    }

    #[test]
    fn svg_non_raster_data_urls_are_removed() {
        let inner_svg = "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=";
        let logo = accepted(
            svg(&format!(
                r#"<image href="data:image/svg+xml;base64,{inner_svg}" width="10" height="10"/>
                   <image href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;" width="10" height="10"/>
                   <image href="data:image/png;base64,bm90IGEgcG5n" width="10" height="10"/>"#
            ))
            .as_bytes(),
            "logo.svg",
        );
        let text = assert_neutralized(&logo, (512, 256));
        assert!(!text.contains("data:"), "{text}");
    }

    #[test]
    fn svg_embedded_rasters_are_reencoded_and_drawn() {
        use base64_encode as b64;
        let jpeg_bytes = jpeg(40, 20);
        let logo = accepted(
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><image href="data:image/jpeg;base64,{}" width="100" height="50"/></svg>"#,
                b64(&jpeg_bytes)
            )
            .as_bytes(),
            "photo-in-svg.svg",
        );
        let text = assert_neutralized(&logo, (512, 256));
        assert!(text.contains(PNG_DATA_URL), "the JPEG became a PNG: {}", &text[..text.len().min(200)]);
        let fallback = decode_png(logo.fallback_png.as_deref().unwrap_or_default()).to_rgba8();
        assert_eq!(fallback.get_pixel(256, 128)[3], 255, "the embedded image is drawn");
    }

    #[test]
    fn svg_foreign_object_is_removed() {
        let logo = accepted(
            svg(r#"<foreignObject width="100" height="50"><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script><iframe src="https://evil.example/"></iframe><form action="https://evil.example/login"><input name="password"/></form></body></foreignObject>"#)
                .as_bytes(),
            "logo.svg",
        );
        let text = assert_neutralized(&logo, (512, 256));
        assert!(!text.contains("password") && !text.contains("<body"), "{text}");
    }

    #[test]
    fn svg_css_urls_and_imports_are_neutralized() {
        let logo = accepted(
            svg(r#"<style>@import url(http://evil.example/x.css); rect { fill: url(http://evil.example/track.png); } circle { fill: url( '//evil.example/y' ) }</style>
                   <circle r="3" style="fill: url(https://evil.example/z.png); stroke: URL(/etc/passwd)"/>
                   <rect width="1" height="1" fill="url(http://evil.example/p#x)" filter="url(#f)"/>"#)
            .as_bytes(),
            "logo.svg",
        );
        let text = assert_neutralized(&logo, (512, 256));
        assert!(!text.contains("@import"), "{text}");
        assert!(text.contains("url(#f)"), "in-document references stay: {text}");
    }

    #[test]
    fn svg_entities_are_refused() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&lol9;</text></svg>"#;
        let error = refused(laughs.as_bytes(), "laughs.svg");
        assert!(matches!(error, LogoError::SvgEntities { .. }), "{error:?}");
        assert!(error.to_string().contains("without a DOCTYPE section"));
        let external = r#"<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&xxe;</text></svg>"#;
        assert_svg_refused(external, |e| matches!(e, LogoError::SvgEntities { .. }));
        let parameter = r#"<!DOCTYPE svg [<!ENTITY % dtd SYSTEM "http://evil.example/x.dtd"> %dtd;]><svg xmlns="http://www.w3.org/2000/svg"/>"#;
        assert_svg_refused(parameter, |e| matches!(e, LogoError::SvgEntities { .. }));
        // An entity that was never declared is an XML error, not a lookup.
        let undeclared = svg("<text>&nbsp;</text>");
        assert_svg_refused(&undeclared, |e| matches!(e, LogoError::InvalidSvg { .. }));
    }

    #[test]
    fn an_external_dtd_is_never_fetched_and_disappears() {
        let source = format!(
            r#"<?xml version="1.0" encoding="ISO-8859-1" standalone="no"?><!DOCTYPE svg SYSTEM "http://evil.example/x.dtd">{}"#,
            svg("")
        );
        let logo = accepted(source.as_bytes(), "logo.svg");
        let text = assert_neutralized(&logo, (512, 256));
        assert!(!text.contains("<?xml") && !text.contains("DOCTYPE"), "{text}");
    }

    #[test]
    fn svg_use_fan_out_is_refused() {
        let mut defs = String::from(r#"<g id="l0"><rect width="1" height="1"/></g>"#);
        for level in 1..=8 {
            let uses: String = (0..10).map(|_| format!(r##"<use href="#l{}"/>"##, level - 1)).collect();
            defs.push_str(&format!(r#"<g id="l{level}">{uses}</g>"#));
        }
        let source = svg(&format!(r##"<defs>{defs}</defs><use href="#l8"/>"##));
        assert_svg_refused(&source, |e| matches!(e, LogoError::SvgTooComplex { .. }));
    }

    #[test]
    fn svg_deep_nesting_is_refused() {
        let source = svg(&format!("{}<rect width=\"1\" height=\"1\"/>{}", "<g>".repeat(2000), "</g>".repeat(2000)));
        assert_svg_refused(&source, |e| {
            matches!(e, LogoError::SvgTooComplex { detail: "elements nested too deeply", .. })
        });
        // As deep as fits in the size limit, on a test thread's small stack: refused, not a stack overflow.
        let source = svg(&format!("{}{}", "<g>".repeat(250_000), "</g>".repeat(250_000)));
        assert!(source.len() < MAX_BYTES);
        assert_svg_refused(&source, |e| matches!(e, LogoError::SvgTooComplex { .. }));
    }

    #[test]
    fn svg_with_a_byte_order_mark_and_comments_first_is_accepted() {
        let source = format!(
            "\u{feff}\n  <!-- made by hand -->\n<?xml-stylesheet href=\"http://evil.example/a.css\"?>{}",
            svg("")
        );
        let logo = accepted(source.as_bytes(), "bom.svg");
        assert_neutralized(&logo, (512, 256));
    }

    #[test]
    fn svg_expensive_filters_are_refused() {
        let morphology = svg(
            r#"<filter id="m"><feMorphology operator="dilate" radius="400"/></filter><rect width="100" height="50" filter="url(#m)"/>"#,
        );
        assert_svg_refused(&morphology, |e| matches!(e, LogoError::SvgTooComplex { .. }));
        let turbulence = svg(
            r#"<filter id="t"><feTurbulence baseFrequency="0.05" numOctaves="1000000000"/></filter><rect width="100" height="50" filter="url(#t)"/>"#,
        );
        assert_svg_refused(&turbulence, |e| matches!(e, LogoError::SvgTooComplex { .. }));
        // A drop shadow is ordinary and drawn.
        let shadow = svg(
            r#"<filter id="s"><feGaussianBlur stdDeviation="2"/><feOffset dx="1" dy="1"/></filter><circle cx="50" cy="25" r="20" filter="url(#s)"/>"#,
        );
        assert_neutralized(&accepted(shadow.as_bytes(), "shadow.svg"), (512, 256));
    }

    #[test]
    fn svg_expensive_drawing_is_refused() {
        let blurs = "<feGaussianBlur stdDeviation=\"3\"/>".repeat(40);
        let wide_blur = svg(&format!(
            r#"<filter id="b" x="-200%" y="-200%" width="500%" height="500%">{blurs}</filter><rect width="100" height="50" filter="url(#b)"/>"#
        ));
        assert_svg_refused(&wide_blur, |e| matches!(e, LogoError::SvgTooComplex { .. }));
        let dashes = svg(r#"<path d="M0 0 L100 50" stroke="black" stroke-dasharray="0.000001 0.000001"/>"#);
        assert_svg_refused(&dashes, |e| matches!(e, LogoError::SvgTooComplex { .. }));
        let fills: String =
            (0..3000).map(|i| format!(r#"<rect width="100" height="50" x="{}" fill="url(#g)"/>"#, i % 3)).collect();
        let gradients = svg(&format!(
            r#"<radialGradient id="g"><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/></radialGradient>{fills}"#
        ));
        assert_svg_refused(&gradients, |e| matches!(e, LogoError::SvgTooComplex { .. }));
        let masks: String = (0..14)
            .map(|i| {
                format!(r#"<mask id="m{i}"><rect width="100" height="50" fill="white"/></mask><g mask="url(#m{i})">"#)
            })
            .collect();
        let layers = svg(&format!("{masks}<rect width=\"100\" height=\"50\"/>{}", "</g>".repeat(14)));
        assert_svg_refused(&layers, |e| matches!(e, LogoError::SvgTooComplex { detail: "too many nested layers", .. }));
    }

    #[test]
    fn svg_embedded_images_are_limited() {
        let tiny = base64_encode(&png(4, 4));
        let images: String = (0..6)
            .map(|i| format!(r#"<image href="data:image/png;base64,{tiny}" x="{}" width="10" height="10"/>"#, i * 10))
            .collect();
        let logo = accepted(svg(&images).as_bytes(), "many-images.svg");
        let text = assert_neutralized(&logo, (512, 256));
        assert_eq!(text.matches(PNG_DATA_URL).count(), MAX_EMBEDDED_IMAGES as usize, "{text}");
        // An embedded image goes through the raster checks: a bomb inside an SVG is dropped, not decoded.
        let bomb = base64_encode(&png_with_header(100_000, 100_000));
        let logo = accepted(
            svg(&format!(r#"<image href="data:image/png;base64,{bomb}" width="10" height="10"/>"#)).as_bytes(),
            "b.svg",
        );
        let text = assert_neutralized(&logo, (512, 256));
        assert!(!text.contains("<image href"), "{text}");
    }

    #[test]
    fn svg_huge_pattern_tiles_are_refused() {
        let source = svg(
            r#"<pattern id="p" width="100000" height="100000" patternUnits="userSpaceOnUse"><rect width="5" height="5"/></pattern><rect width="100" height="50" fill="url(#p)" transform="scale(50)"/>"#,
        );
        assert_svg_refused(&source, |e| matches!(e, LogoError::SvgTooComplex { .. }));
    }

    #[test]
    fn svg_absurd_sizes_are_refused() {
        let huge =
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="1e30" height="1e30"><rect width="1" height="1"/></svg>"#;
        assert_svg_refused(huge, |e| matches!(e, LogoError::SvgSize { .. }));
        let sliver =
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10000" height="1"><rect width="1" height="1"/></svg>"#;
        assert_svg_refused(sliver, |e| matches!(e, LogoError::SvgSize { .. }));
        let zero = r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"><rect width="1" height="1"/></svg>"#;
        assert_svg_refused(zero, |e| matches!(e, LogoError::SvgSize { .. }));
    }

    #[test]
    fn svg_without_anything_acceptable_is_refused() {
        let no_namespace = r#"<svg width="10" height="10"><rect width="10" height="10"/></svg>"#;
        let error = refused(no_namespace.as_bytes(), "bare.svg");
        assert!(matches!(error, LogoError::SvgEmpty { .. }), "{error:?}");
        assert!(error.to_string().contains("xmlns"));
        let broken = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect>\n</svg>";
        let error = refused(broken.as_bytes(), "broken.svg");
        assert!(matches!(&error, LogoError::InvalidSvg { reason, .. } if reason.contains("line 3")), "{error:?}");
    }

    #[test]
    fn an_svg_with_a_path_for_a_name_is_shown_by_its_last_component() {
        let logo = accepted(svg("").as_bytes(), "../../etc/passwd.png");
        assert_eq!(logo.content_type, "image/svg+xml");
        let error = refused(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><g>", "../../etc/passwd.png");
        let message = error.to_string();
        assert!(message.starts_with("“passwd.png” is not a valid SVG file"), "{message}");
        assert!(!message.contains("..") && !message.contains("/etc"), "{message}");
    }

    #[test]
    fn text_that_is_not_utf8_is_refused() {
        let mut latin1 = svg("<text>caf").into_bytes();
        latin1.extend_from_slice(b"\xe9</text>");
        assert!(matches!(refused(&latin1, "latin1.svg"), LogoError::UnsupportedFormat { .. }));
    }

    #[test]
    fn neutralize_urls_keeps_only_fragments() {
        assert_eq!(neutralize_urls("fill:url(#a)"), "fill:url(#a)");
        assert_eq!(neutralize_urls("fill:URL( '#a' )"), "fill:URL(#a)");
        assert_eq!(neutralize_urls("fill:url(/x.png) red"), "fill:url(#) red");
        assert_eq!(neutralize_urls("a:url(http://x/y);b:url(#c)"), "a:url(#);b:url(#c)");
        assert_eq!(neutralize_urls("a:url(unclosed"), "a:url(#)");
        assert_eq!(neutralize_urls("no urls"), "no urls");
        // A reference that cannot name an element goes, with whatever text it carried.
        assert_eq!(neutralize_urls(".a{fill:url(#g@import)}"), ".a{fill:url(#)}");
        assert_eq!(neutralize_urls("fill:url(#grad-1_a.b)"), "fill:url(#grad-1_a.b)");
    }

    fn base64_encode(bytes: &[u8]) -> String {
        const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for group in bytes.chunks(3) {
            let n = group.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
            for i in 0..4 {
                if i <= group.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    #[test]
    fn no_input_makes_it_panic() {
        let seeds: Vec<Vec<u8>> = vec![png(30, 30), jpeg(30, 30), webp(30, 30), svg("<circle r=\"4\"/>").into_bytes()];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for seed in &seeds {
            for round in 0..40 {
                let mut bytes = seed.clone();
                for _ in 0..(1 + round % 8) {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    let at = (state % bytes.len() as u64) as usize;
                    if let Some(byte) = bytes.get_mut(at) {
                        *byte = (state >> 32) as u8;
                    }
                }
                if round % 5 == 0 {
                    bytes.truncate(bytes.len() * 3 / 4);
                }
                let _ = process(&bytes, "fuzz");
            }
        }
        // Inputs that make the renderer itself fail end as an error or a logo, never as a panic here.
        for hostile in [
            svg(r#"<path d="M0 0 L100 100" stroke="black" stroke-width="1e9"/>"#),
            svg(r#"<path d="M0 0 L1e38 1e38 L-1e38 1e38 Z"/>"#),
            svg(r#"<g transform="scale(1e-30)"><rect width="1e30" height="1e30" opacity="0.5"/></g>"#),
            svg(r#"<rect width="NaN" height="inf"/>"#),
            svg(
                r##"<linearGradient id="a" href="#b"/><linearGradient id="b" href="#a"/><rect width="9" height="9" fill="url(#a)"/>"##,
            ),
            svg(
                r##"<clipPath id="c" clip-path="url(#c)"><use href="#r"/></clipPath><g clip-path="url(#c)"><use href="#r"/></g>"##,
            ),
        ] {
            let _ = process(hostile.as_bytes(), "hostile.svg");
        }
    }
}
