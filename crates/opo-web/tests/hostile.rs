//! Cross-site scripting payloads stored in every field the public pages show (Markdown bodies, names,
//! titles, summaries, links), then fetched through the real router on both backends: the post page,
//! the partner profile and the directory card must show them as inert text. The pages are read as a
//! browser reads them (tags, attributes with entities decoded, raw-text elements) and every place where
//! markup could run something is checked.

mod support;

use axum::http::StatusCode;
use opo_domain::clock::Clock;
use opo_domain::posts::{PostKind, PostStatus};
use opo_store::activities::NewActivity;
use opo_store::posts::NewPost;
use support::{TestApp, each_app};

/// Classic payloads, each carrying a marker `xssN` so the test can tell it was rendered at all.
const PAYLOADS: &[&str] = &[
    "<script>alert('xss1')</script>",
    "<img src=x onerror=alert('xss2')>",
    "[click me xss3](javascript:alert('xss3'))",
    "<javascript:alert('xss4')>",
    "[open xss5](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzNScpPC9zY3JpcHQ+)",
    "<svg onload=alert('xss6')><circle r=5/></svg>",
    "\"><script>alert('xss7')</script>",
    "x' onmouseover='alert(\"xss8\")' y='",
    "<a href=\"javascript:alert('xss9')\">link xss9</a>",
    "[mixed case xss10](JaVaScRiPt:alert('xss10'))",
    "[entity xss11](java&#115;cript:alert('xss11'))",
    "<iframe src=\"javascript:alert('xss12')\"></iframe>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss13')>",
    "![xss14](x\" onerror=\"alert('xss14'))",
    "<a href=\"&#106;avascript:alert('xss15')\">entity link xss15</a>",
    "<details open ontoggle=alert('xss16')>xss16</details>",
    "[vb xss17](vbscript:msgbox('xss17'))",
    "<style>@import 'https://evil.example/xss18.css';</style>",
    "<form action=\"javascript:alert('xss19')\"><button>xss19</button></form>",
    "<object data=\"data:text/html,<script>alert('xss20')</script>\"></object>",
    "[reference xss21][r]\n\n[r]: javascript:alert('xss21')",
    "<base href=\"https://evil.example/xss22/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('xss23')\">",
    "<div hx-get=\"/admin/users\" hx-trigger=\"load\" hx-on:load=\"alert('xss24')\">xss24</div>",
    "<a href=\"  javascript:alert('xss25')\">spaced xss25</a>",
    "<p style=\"background:url(javascript:alert('xss26'))\">xss26</p>",
];

/// A name or title that tries to close the attribute or element it is written into.
const BREAKOUT: &str = "Acme\"><script>alert('xss-name')</script><img src=x onerror=alert('xss-name') x='";

fn body() -> String {
    PAYLOADS.join("\n\n")
}

/// A tag as a browser tokenizes it: lowercase name and attributes with entities decoded.
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
    /// The text of a raw-text element (script, style…), up to its closing tag.
    raw_text: Option<String>,
}

fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|end| {
            let entity = &after[..end];
            let code = if let Some(hex) = entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = entity.strip_prefix('#') {
                dec.parse().ok()
            } else {
                match entity {
                    "amp" => Some('&' as u32),
                    "lt" => Some('<' as u32),
                    "gt" => Some('>' as u32),
                    "quot" => Some('"' as u32),
                    "apos" => Some('\'' as u32),
                    "colon" => Some(':' as u32),
                    "Tab" => Some('\t' as u32),
                    "NewLine" => Some('\n' as u32),
                    _ => None,
                }
            };
            code.and_then(char::from_u32).map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The tags of a page, in order. Comments and doctypes are skipped; the content of raw-text elements is
/// not parsed as markup, as a browser does not.
fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        if html[i..].starts_with("<!") || html[i..].starts_with("</") || html[i..].starts_with("<?") {
            i = html[i..].find('>').map_or(bytes.len(), |e| i + e + 1);
            continue;
        }
        if !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' && bytes[j] != b'/' {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                j += 1;
                break;
            }
            let start = j;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            let key = html[start..j].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                match bytes.get(j) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let end = html[j + 1..].find(quote as char).map_or(bytes.len(), |e| j + 1 + e);
                        value = html[j + 1..end.min(bytes.len())].to_owned();
                        j = end + 1;
                    }
                    _ => {
                        let start = j;
                        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                            j += 1;
                        }
                        value = html[start..j].to_owned();
                    }
                }
            }
            if key.is_empty() {
                j += 1;
            } else {
                attributes.push((key, decode_entities(&value)));
            }
        }
        let mut raw_text = None;
        if matches!(name.as_str(), "script" | "style" | "textarea" | "title" | "xmp" | "noembed" | "noframes") {
            let close = format!("</{name}");
            let lower = html[j.min(bytes.len())..].to_ascii_lowercase();
            let end = lower.find(&close).map_or(bytes.len(), |e| j + e);
            raw_text = Some(html[j.min(bytes.len())..end].to_owned());
            j = end;
        }
        found.push(Tag { name, attributes, raw_text });
        i = j;
    }
    found
}

/// Everything on the page that a browser could run or that could send the visitor elsewhere, and was
/// not written by the site's own templates.
fn check_inert(html: &str) -> Result<(), String> {
    // Like `assert!`, but the checker's own test can see a failure without a panic.
    macro_rules! ensure {
        ($condition:expr, $($message:tt)+) => {
            if !$condition {
                return Err(format!($($message)+));
            }
        };
    }
    let dangerous_scheme = |value: &str| {
        let squeezed: String =
            value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
        ["javascript:", "vbscript:", "data:"].iter().any(|scheme| squeezed.starts_with(scheme))
    };
    for tag in tags(html) {
        let what = format!("{tag:?}");
        match tag.name.as_str() {
            "script" => {
                let src = tag.attributes.iter().find(|(k, _)| k == "src").map(|(_, v)| v.as_str());
                ensure!(src.is_some_and(|s| s.starts_with('/')), "a script that is not the site's own: {what}");
                ensure!(tag.raw_text.as_deref().unwrap_or_default().trim().is_empty(), "inline script: {what}");
            }
            "iframe" | "object" | "embed" | "base" | "frame" | "frameset" | "applet" | "svg" | "math" | "link"
                if tag.attributes.iter().any(|(_, v)| v.contains("xss") || v.contains("evil")) =>
            {
                return Err(format!("a payload element survived: {what}"));
            }
            "iframe" | "object" | "embed" | "base" | "svg" | "math" => {
                return Err(format!("an active element: {what}"));
            }
            "meta" => ensure!(
                !tag.attributes.iter().any(|(k, _)| k == "http-equiv"),
                "a refresh or other http-equiv meta from content: {what}"
            ),
            "style" => {
                let css = tag.raw_text.as_deref().unwrap_or_default();
                ensure!(!css.contains("xss") && !css.contains("evil"), "a payload stylesheet: {what}");
            }
            _ => {}
        }
        for (key, value) in &tag.attributes {
            ensure!(!key.starts_with("on"), "an event handler: {what}");
            ensure!(!key.starts_with("hx-on") && !key.starts_with("data-hx-on"), "an htmx handler: {what}");
            ensure!(key != "srcdoc" && key != "formaction", "{what}");
            if key.starts_with("hx-") || key.starts_with("data-hx-") {
                ensure!(!value.contains("xss") && !value.contains("/admin"), "an htmx attribute from content: {what}");
            }
            if matches!(key.as_str(), "href" | "src" | "action" | "data" | "xlink:href" | "poster" | "background") {
                ensure!(!dangerous_scheme(value), "a script or data URL in {key}: {what}");
            }
            if key == "style" {
                let lower = value.to_ascii_lowercase();
                ensure!(!lower.contains("javascript:") && !lower.contains("expression("), "{what}");
                ensure!(!lower.contains("url("), "a url() in inline style from content: {what}");
            }
        }
    }
    Ok(())
}

fn assert_inert(page: &str, html: &str) {
    if let Err(problem) = check_inert(html) {
        panic!("{page}: {problem}");
    }
}

/// How many payload markers the page shows (as text): proof that the content was rendered at all. Some
/// payloads leave nothing (a removed `<script>` takes its text with it); the link texts stay.
fn markers_shown(html: &str) -> usize {
    (1..=PAYLOADS.len()).filter(|n| html.contains(&format!("xss{n}"))).count()
}

async fn plant(t: &TestApp) -> (String, String) {
    let now = t.clock.now();
    let mut tx = t.app.db.begin().await.expect("begin");
    let (id, slug): (i64, String) =
        sqlx::query_as("select id, slug from organizations where status = 'active' order by id limit 1")
            .fetch_one(&mut *tx)
            .await
            .expect("a listed partner");
    // Straight into the database: the pages must be safe even for what a form would have refused.
    sqlx::query(
        "update organizations set name = $1, short_description = $2, long_description = $3, website = $4 where id = $5",
    )
    .bind(BREAKOUT)
    .bind(PAYLOADS[7])
    .bind(body())
    .bind("javascript:alert('xss-website')")
    .bind(id)
    .execute(&mut *tx)
    .await
    .expect("update");
    let activity = NewActivity {
        country: "KE".into(),
        title: BREAKOUT.into(),
        description: body(),
        url: Some("javascript:alert('xss-activity')".into()),
    };
    opo_store::activities::insert(&mut tx, id, &activity, now).await.expect("activity");
    let post = NewPost {
        slug: "hostile-webinar".into(),
        kind: PostKind::Webinar,
        status: PostStatus::Published,
        title: BREAKOUT.into(),
        summary: PAYLOADS[6].into(),
        body: body(),
        event_starts_at: Some(now + time::Duration::days(3)),
        event_timezone: Some("Africa/Nairobi".into()),
        join_url: Some("javascript:alert('xss-join')".into()),
        published_at: Some(now - time::Duration::hours(1)),
    };
    let post_id = opo_store::posts::insert(&mut tx, &post, now).await.expect("post");
    opo_store::posts::tag_partner(&mut tx, post_id, id, now).await.expect("tag");
    tx.commit().await.expect("commit");
    (slug, "/news/hostile-webinar".to_owned())
}

#[tokio::test]
async fn xss_payloads_render_inert_on_the_public_pages() {
    assert!(PAYLOADS.len() >= 15);
    for t in each_app().await {
        let (slug, post_url) = plant(&t).await;

        let post = t.get(&post_url, None).await;
        assert_eq!(post.status, StatusCode::OK, "{}", post.body);
        assert_inert("post", &post.body);
        assert!(post.body.contains("Acme&#34;&#62;&#60;script&#62;"), "the title is shown as text");
        let shown = markers_shown(&post.body);
        assert!(shown >= 8, "only {shown} payloads visible on the post page: the content was not rendered");

        let profile = t.get(&format!("/partners/{slug}"), None).await;
        assert_eq!(profile.status, StatusCode::OK, "{}", profile.body);
        assert_inert("profile", &profile.body);
        assert!(profile.body.contains("Acme&#34;&#62;&#60;script&#62;"), "the name is shown as text");
        let shown = markers_shown(&profile.body);
        assert!(shown >= 8, "only {shown} payloads visible on the profile: the content was not rendered");

        // The directory lists the card on one of its pages.
        let card_link = format!("href=\"/partners/{slug}\"");
        let mut found = false;
        for page in 1..=20 {
            let list = t.get(&format!("/partners?page={page}"), None).await;
            if list.status != StatusCode::OK {
                break;
            }
            assert_inert("directory", &list.body);
            if list.body.contains(&card_link) {
                assert!(list.body.contains("Acme&#34;&#62;&#60;script&#62;"), "the card shows the name as text");
                assert!(list.body.contains("xss8"), "the card shows the summary");
                found = true;
                break;
            }
        }
        assert!(found, "the card of {slug} is in the directory");

        let feed = t.get(&format!("/partners/{slug}/feed.atom"), None).await;
        if feed.status == StatusCode::OK {
            assert!(!feed.body.contains("<script"), "the feed escapes the post");
        }
    }
}

#[test]
fn the_checker_catches_what_it_looks_for() {
    let caught = |html: &str| check_inert(html).is_err();
    assert!(caught("<p><img src=x onerror=alert(1)></p>"));
    assert!(caught("<a href=\"&#106;avascript:alert(1)\">x</a>"));
    assert!(caught("<a href=\" data:text/html,x\">x</a>"));
    assert!(caught("<script>alert(1)</script>"));
    assert!(caught("<title>x</title><script src=\"https://evil.example/x.js\"></script>"));
    assert!(caught("<div hx-on:click=\"alert(1)\">x</div>"));
    assert!(!caught(
        "<p>&#60;script&#62;alert('xss1')&#60;/script&#62;</p><script src=\"/static/htmx.js\" defer></script>"
    ));
    assert!(!caught("<textarea><img src=x onerror=alert(1)></textarea>"));
}
