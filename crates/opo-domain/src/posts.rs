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
