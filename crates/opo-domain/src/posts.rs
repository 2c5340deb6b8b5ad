//! Showcase content: announcements, blogs, impact stories, thought pieces and webinars.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PostKind {
    Announcement,
    Blog,
    ImpactStory,
    ThoughtPiece,
    Webinar,
}

impl PostKind {
    pub const ALL: [PostKind; 5] =
        [Self::Announcement, Self::Blog, Self::ImpactStory, Self::ThoughtPiece, Self::Webinar];

    pub fn key(self) -> &'static str {
        match self {
            Self::Announcement => "announcement",
            Self::Blog => "blog",
            Self::ImpactStory => "impact-story",
            Self::ThoughtPiece => "thought-piece",
            Self::Webinar => "webinar",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Announcement => "Announcement",
            Self::Blog => "Blog",
            Self::ImpactStory => "Impact story",
            Self::ThoughtPiece => "Thought piece",
            Self::Webinar => "Webinar",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// Whether a post is visible to the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PostStatus {
    Draft,
    Published,
    Archived,
}

impl PostStatus {
    pub fn key(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Archived => "archived",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        [Self::Draft, Self::Published, Self::Archived].into_iter().find(|s| s.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_kinds_and_statuses_round_trip_through_their_keys() {
        for kind in PostKind::ALL {
            assert_eq!(PostKind::parse(kind.key()), Some(kind));
        }
        for status in [PostStatus::Draft, PostStatus::Published, PostStatus::Archived] {
            assert_eq!(PostStatus::parse(status.key()), Some(status));
        }
        assert_eq!(PostKind::parse("press-release"), None);
    }
}

/// What a partner agreed to be featured in: every kind of post, or one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentScope {
    All,
    Kind(PostKind),
}

impl ConsentScope {
    pub fn key(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Kind(kind) => kind.key(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::All => "Every kind of post",
            Self::Kind(kind) => kind.label(),
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        if key == "all" { Some(Self::All) } else { PostKind::parse(key).map(Self::Kind) }
    }

    pub fn covers(self, kind: PostKind) -> bool {
        self == Self::All || self == Self::Kind(kind)
    }
}

/// A recorded consent, as the rule needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Consent {
    pub scope: ConsentScope,
    pub given_at: time::OffsetDateTime,
    pub withdrawn_at: Option<time::OffsetDateTime>,
}

impl Consent {
    pub fn in_force(&self, now: time::OffsetDateTime) -> bool {
        self.given_at <= now && self.withdrawn_at.is_none_or(|w| w > now)
    }
}

/// Whether a post of this kind may feature a partner: announcements of a new partnership are part of
/// the program itself; every other kind needs the partner's consent in force.
pub fn may_feature(kind: PostKind, consents: &[Consent], now: time::OffsetDateTime) -> bool {
    kind == PostKind::Announcement || consents.iter().any(|c| c.scope.covers(kind) && c.in_force(now))
}

#[cfg(test)]
mod consent_tests {
    use super::*;
    use time::macros::datetime;

    const NOW: time::OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

    fn consent(scope: ConsentScope, withdrawn: Option<time::OffsetDateTime>) -> Consent {
        Consent { scope, given_at: datetime!(2026-01-01 00:00 UTC), withdrawn_at: withdrawn }
    }

    #[test]
    fn a_story_needs_consent_that_covers_its_kind() {
        assert!(!may_feature(PostKind::ImpactStory, &[], NOW));
        assert!(may_feature(PostKind::ImpactStory, &[consent(ConsentScope::All, None)], NOW));
        assert!(may_feature(PostKind::ImpactStory, &[consent(ConsentScope::Kind(PostKind::ImpactStory), None)], NOW));
        assert!(!may_feature(PostKind::ImpactStory, &[consent(ConsentScope::Kind(PostKind::Blog), None)], NOW));
    }

    #[test]
    fn withdrawn_consent_no_longer_counts() {
        let withdrawn = consent(ConsentScope::All, Some(datetime!(2026-06-01 00:00 UTC)));
        assert!(!may_feature(PostKind::Blog, &[withdrawn], NOW));
        assert!(may_feature(PostKind::Blog, &[withdrawn], datetime!(2026-03-01 00:00 UTC)), "it counted before");
    }

    #[test]
    fn an_announcement_needs_no_separate_consent() {
        assert!(may_feature(PostKind::Announcement, &[], NOW));
    }

    #[test]
    fn scopes_round_trip_through_their_keys() {
        for scope in [ConsentScope::All, ConsentScope::Kind(PostKind::Webinar)] {
            assert_eq!(ConsentScope::parse(scope.key()), Some(scope));
        }
        assert_eq!(ConsentScope::parse("everything"), None);
    }
}

/// A post as typed in a form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostInput {
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// For a webinar: the day (`2026-12-16`) and time in UTC (`14:00`) it starts, and where to join.
    pub event_date: String,
    pub event_time: String,
    pub join_url: String,
}

/// A post's content once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostContent {
    pub kind: PostKind,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub event_starts_at: Option<time::OffsetDateTime>,
    pub join_url: Option<crate::text::WebUrl>,
}

impl PostInput {
    /// Checks every field and reports every problem at once.
    pub fn validate(&self) -> Result<PostContent, Vec<crate::partners::FieldError>> {
        use crate::partners::FieldError;
        use crate::text;
        let mut errors = Vec::new();
        let mut note = |error: FieldError| errors.push(error);
        let kind = PostKind::parse(self.kind.trim());
        if kind.is_none() {
            note(FieldError::new("kind", "choose-post-kind", "choose the kind of post"));
        }
        let title = text::line("Title", &self.title, 200).map_err(|e| note(FieldError::text("title", &e))).ok();
        let summary = text::line("Summary", &self.summary, 300).map_err(|e| note(FieldError::text("summary", &e))).ok();
        let body = text::required("Text", &self.body, 20_000).map_err(|e| note(FieldError::text("body", &e))).ok();
        let mut event_starts_at = None;
        if kind == Some(PostKind::Webinar) {
            let date =
                time::Date::parse(self.event_date.trim(), time::macros::format_description!("[year]-[month]-[day]"));
            let at = time::Time::parse(self.event_time.trim(), time::macros::format_description!("[hour]:[minute]"));
            match (date, at) {
                (Ok(date), Ok(at)) => event_starts_at = Some(time::PrimitiveDateTime::new(date, at).assume_utc()),
                (Err(_), _) => {
                    note(FieldError::new("event_date", "webinar-date", "give the webinar's day, like 2026-12-16"))
                }
                (_, Err(_)) => note(FieldError::new(
                    "event_time",
                    "webinar-time",
                    "give the webinar's starting time in UTC, like 14:00",
                )),
            }
        }
        let join_url = match self.join_url.trim() {
            "" => None,
            raw => text::WebUrl::parse(raw).map_err(|e| note(FieldError::text("join_url", &e))).ok(),
        };
        match (kind, title, summary, body) {
            (Some(kind), Some(title), Some(summary), Some(body)) if errors.is_empty() => {
                Ok(PostContent { kind, title, summary, body, event_starts_at, join_url })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod input_tests {
    use super::*;

    #[test]
    fn a_webinar_needs_its_day_and_time() {
        let input = PostInput {
            kind: "webinar".into(),
            title: "Registries in practice".into(),
            summary: "A practical hour.".into(),
            body: "We will talk.".into(),
            event_date: "2026-12-16".into(),
            event_time: "14:00".into(),
            join_url: "https://meet.example/x".into(),
        };
        let post = input.validate().expect("valid");
        assert_eq!(post.event_starts_at, Some(time::macros::datetime!(2026-12-16 14:00 UTC)));
        let missing = PostInput { event_date: String::new(), ..input }.validate().expect_err("no day");
        assert_eq!(missing.iter().map(|e| e.field).collect::<Vec<_>>(), ["event_date"]);
    }

    #[test]
    fn every_problem_is_named() {
        let errors = PostInput { kind: "gossip".into(), join_url: "meet".into(), ..PostInput::default() }
            .validate()
            .expect_err("invalid");
        assert_eq!(
            errors.iter().map(|e| e.field).collect::<Vec<_>>(),
            ["kind", "title", "summary", "body", "join_url"]
        );
    }
}
