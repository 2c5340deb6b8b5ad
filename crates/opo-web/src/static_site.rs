//! The public site as static files: every public page is asked of the same router `opo serve` runs, as
//! an anonymous visitor would ask it, and written under a folder, so the files are the served bytes.
//!
//! The addresses come from the data (every partner with a public profile and its logo, every published
//! post, the assets) and from the links of the pages themselves, which are followed until nothing new
//! turns up. Addresses with a query string cannot be files; a link with one is written under its path
//! alone (an asset's or a logo's `?v=` only changes how long it may be cached). Pages that only exist to
//! send a form to the service are left out: see [`NEEDS_SERVICE`].

use crate::build_app;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use opo_app::App;
use opo_app::posts::PostFilter;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use tower::ServiceExt;

/// Paths whose pages send a form to the running service (sign-in, expression of interest, the language
/// switcher): a static copy of them could do nothing, so they are not exported. A web server that serves
/// the export forwards them to `opo serve`, or they answer 404.
pub const NEEDS_SERVICE: &[&str] = &["/sign-in", "/interest", "/language"];

/// The largest response the export accepts: the open data set of 100,000 partners is over 32 MiB, and
/// a response is held whole before it is written.
const MAX_BODY: usize = 512 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("reading the data to export: {0}")]
    App(#[from] opo_app::AppError),
    #[error("{path}: the site answered {status}")]
    Status { path: String, status: StatusCode },
    #[error("{path}: {message}")]
    Render { path: String, message: String },
    #[error("writing {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{0} is both a file and a folder of the site; it cannot be written as static files")]
    Clash(String),
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    /// Each exported address with the file it was written to (relative to the export folder).
    pub files: BTreeMap<String, PathBuf>,
    pub bytes: u64,
    /// Links found in the pages that the site did not answer with a page (address, status).
    pub skipped: Vec<(String, StatusCode)>,
}

/// Where the page at `path` is written: `DIR/path/index.html` for an HTML page, `DIR/path` otherwise.
pub fn file_for(path: &str, html: bool) -> PathBuf {
    let trimmed = path.trim_matches('/');
    let mut file = PathBuf::new();
    for segment in trimmed.split('/').filter(|s| !s.is_empty()) {
        file.push(segment);
    }
    if html {
        file.push("index.html");
    }
    file
}

/// The path of a link of this site, without fragment or query; `None` for a link elsewhere, a
/// `mailto:`, a fragment of the same page, or a path that needs the service.
pub fn internal_path(link: &str, base_url: &str) -> Option<String> {
    let link = link.trim();
    let local =
        match link.strip_prefix(base_url) {
            Some(rest)
                if rest.is_empty() || rest.starts_with('/') || rest.starts_with('?') || rest.starts_with('#') =>
            {
                if rest.starts_with('/') { rest.to_owned() } else { format!("/{rest}") }
            }
            _ if link.starts_with('/') && !link.starts_with("//") => link.to_owned(),
            _ => return None,
        };
    let path = local.split(['#', '?']).next().unwrap_or("/");
    let path = if path.is_empty() { "/" } else { path };
    if NEEDS_SERVICE.iter().any(|p| path == *p || path.starts_with(&format!("{p}/"))) {
        return None;
    }
    Some(path.to_owned())
}

/// Every `href`, `src` and `action` value of an HTML or XML document, and every sitemap `<loc>`, with
/// the entities the templates write in attributes decoded.
pub fn links_in(document: &str) -> Vec<String> {
    let mut links = Vec::new();
    for marker in ["href=\"", "src=\"", "action=\"", "<loc>"] {
        let end = if marker == "<loc>" { "</loc>" } else { "\"" };
        let mut rest = document;
        while let Some(start) = rest.find(marker) {
            rest = &rest[start + marker.len()..];
            let Some(stop) = rest.find(end) else { break };
            links.push(decode_entities(&rest[..stop]));
            rest = &rest[stop..];
        }
    }
    links
}

fn decode_entities(text: &str) -> String {
    text.replace("&#38;", "&").replace("&amp;", "&").replace("&#34;", "\"").replace("&#39;", "'")
}

/// Answers one anonymous GET through the router: status, content type and body.
async fn fetch(router: &Router, path: &str) -> Result<(StatusCode, String, Vec<u8>), ExportError> {
    let request = Request::get(path)
        .body(Body::empty())
        .map_err(|e| ExportError::Render { path: path.to_owned(), message: e.to_string() })?;
    let response = router
        .clone()
        .oneshot(request)
        .await
        .map_err(|e| ExportError::Render { path: path.to_owned(), message: e.to_string() })?;
    let status = response.status();
    let content_type =
        response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let body = axum::body::to_bytes(response.into_body(), MAX_BODY)
        .await
        .map_err(|e| ExportError::Render { path: path.to_owned(), message: e.to_string() })?;
    Ok((status, content_type, body.to_vec()))
}

/// The bytes the site serves an anonymous visitor at `path` (the open data files, for instance).
pub async fn public_file(app: &App, path: &str) -> Result<Vec<u8>, ExportError> {
    let (status, _, body) = fetch(&build_app(app.clone()), path).await?;
    if status != StatusCode::OK {
        return Err(ExportError::Status { path: path.to_owned(), status });
    }
    Ok(body)
}

/// The addresses the data says the site has.
async fn seeds(app: &App) -> Result<Vec<String>, ExportError> {
    let mut paths: Vec<String> = [
        "/",
        "/partners",
        "/news",
        "/map",
        "/statistics",
        "/open-data",
        "/open-data/partners.csv",
        "/open-data/partners.json",
        "/sitemap.xml",
        "/robots.txt",
        "/feeds/news.atom",
        "/feeds/news.rss",
        "/feeds/news.json",
        "/events.ics",
        "/widget/logos",
        "/widget/logos.json",
    ]
    .map(str::to_owned)
    .to_vec();
    paths.extend(crate::assets::names().map(|name| format!("/assets/{name}")));
    for record in opo_app::partners::public_records(app).await? {
        paths.push(format!("/partners/{}", record.card.slug));
        if record.card.logo_version.is_some() {
            paths.push(format!("/partners/{}/logo", record.card.slug));
        }
    }
    let (posts, _) = opo_app::posts::published_list(app, &PostFilter::default(), 0, i64::from(i32::MAX)).await?;
    paths.extend(posts.into_iter().map(|p| format!("/news/{}", p.card.slug)));
    Ok(paths)
}

/// Writes the public site under `dir` (created when missing); files already there are replaced.
pub async fn export_site(app: &App, dir: &Path) -> Result<Exported, ExportError> {
    let router = build_app(app.clone());
    let base_url = app.settings.base_url.trim_end_matches('/').to_owned();
    let mut queue: VecDeque<String> = seeds(app).await?.into();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut exported = Exported::default();
    while let Some(path) = queue.pop_front() {
        let (status, content_type, body) = fetch(&router, &path).await?;
        if status != StatusCode::OK {
            exported.skipped.push((path, status));
            continue;
        }
        let html = content_type.starts_with("text/html");
        if html || content_type.contains("xml") {
            let text = String::from_utf8_lossy(&body);
            for link in links_in(&text) {
                if let Some(found) = internal_path(&link, &base_url)
                    && seen.insert(found.clone())
                {
                    queue.push_back(found);
                }
            }
        }
        let relative = file_for(&path, html);
        write(dir, &relative, &body, &path)?;
        exported.bytes += body.len() as u64;
        exported.files.insert(path, relative);
    }
    check_clashes(&exported.files)?;
    Ok(exported)
}

/// A non-HTML address whose path is also the folder of another (`/a/b` as a file and `/a/b/c`) cannot be
/// two things on disk.
fn check_clashes(files: &BTreeMap<String, PathBuf>) -> Result<(), ExportError> {
    let written: BTreeSet<&PathBuf> = files.values().collect();
    for file in &written {
        if file.ends_with("index.html") {
            continue;
        }
        if written.iter().any(|other| other != file && other.starts_with(file)) {
            return Err(ExportError::Clash(file.display().to_string()));
        }
    }
    Ok(())
}

fn write(dir: &Path, relative: &Path, body: &[u8], path: &str) -> Result<(), ExportError> {
    let target = dir.join(relative);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|source| ExportError::Write { path: parent.to_owned(), source })?;
    }
    if target.is_dir() {
        return Err(ExportError::Clash(path.to_owned()));
    }
    std::fs::write(&target, body).map_err(|source| ExportError::Write { path: target, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_index_files_and_other_files_keep_their_name() {
        assert_eq!(file_for("/", true), PathBuf::from("index.html"));
        assert_eq!(file_for("/partners/acme", true), PathBuf::from("partners/acme/index.html"));
        assert_eq!(file_for("/feeds/news.atom", false), PathBuf::from("feeds/news.atom"));
        assert_eq!(file_for("/partners/acme/logo", false), PathBuf::from("partners/acme/logo"));
    }

    #[test]
    fn only_links_of_this_site_are_followed_without_query_or_fragment() {
        let base = "https://portal.example.org";
        assert_eq!(internal_path("/partners?page=2", base).as_deref(), Some("/partners"));
        assert_eq!(internal_path("/assets/site.css?v=ab12", base).as_deref(), Some("/assets/site.css"));
        assert_eq!(internal_path("/#become-a-partner", base).as_deref(), Some("/"));
        assert_eq!(internal_path("https://portal.example.org/news/x", base).as_deref(), Some("/news/x"));
        assert_eq!(internal_path("https://portal.example.org", base).as_deref(), Some("/"));
        assert_eq!(internal_path("https://portal.example.org.evil/x", base), None);
        assert_eq!(internal_path("//elsewhere.example/x", base), None);
        assert_eq!(internal_path("mailto:a@b.example", base), None);
        assert_eq!(internal_path("#main", base), None);
        assert_eq!(internal_path("/sign-in", base), None);
        assert_eq!(internal_path("/interest?from=x", base), None);
    }

    #[test]
    fn links_are_read_from_attributes_and_sitemap_locations() {
        let links = links_in(
            "<a href=\"/a?x=1&#38;y=2\">a</a><img src=\"/b\"><form action=\"/c\"></form><loc>https://s/d</loc>",
        );
        assert_eq!(links, ["/a?x=1&y=2", "/b", "/c", "https://s/d"]);
    }
}
