//! The queue of forum topics on SQLite and PostgreSQL alike: a claimed post is leased, a failed one
//! waits for its next attempt, a sent one keeps its topic.

use opo_store::forum_posts::{self, ForumPostStatus, NewForumPost};
use opo_store::testing;
use time::Duration;
use time::macros::datetime;

fn post(title: &str) -> NewForumPost {
    NewForumPost { kind: "announcement".into(), title: title.into(), raw: "Welcome.".into(), category_id: 12 }
}

#[tokio::test]
async fn a_post_is_leased_retried_when_due_and_kept_with_its_topic() {
    let now = datetime!(2026-11-25 10:00 UTC);
    for t in testing::each_backend().await {
        let mut tx = t.db.begin().await.expect("begin");
        let first = forum_posts::enqueue(&mut tx, &post("First"), now).await.expect("enqueue");
        let second = forum_posts::enqueue(&mut tx, &post("Second"), now).await.expect("enqueue");
        tx.commit().await.expect("commit");

        let mut tx = t.db.begin().await.expect("begin");
        let claimed = forum_posts::claim_due(&mut tx, now, now + Duration::minutes(5), 10).await.expect("claim");
        assert_eq!(claimed.iter().map(|p| p.id).collect::<Vec<_>>(), [first, second], "{:?}", t.backend());
        assert_eq!((claimed[0].title.as_str(), claimed[0].category_id), ("First", 12));
        let again = forum_posts::claim_due(&mut tx, now + Duration::minutes(1), now + Duration::minutes(6), 10)
            .await
            .expect("claim");
        assert!(again.is_empty(), "leased posts are not claimed twice");

        let later = now + Duration::minutes(1);
        forum_posts::mark_sent(&mut tx, first, Some(71), Some("https://forum.example/t/first/71"), later)
            .await
            .expect("sent");
        forum_posts::mark_attempt_failed(
            &mut tx,
            second,
            "the forum answered 503",
            Some(now + Duration::hours(1)),
            later,
        )
        .await
        .expect("failed");
        let not_yet = forum_posts::claim_due(&mut tx, now + Duration::minutes(30), now + Duration::hours(1), 10)
            .await
            .expect("claim");
        assert!(not_yet.is_empty(), "a failed post waits for its next attempt");
        let due = forum_posts::claim_due(&mut tx, now + Duration::hours(1), now + Duration::hours(2), 10)
            .await
            .expect("claim");
        assert_eq!(due.iter().map(|p| (p.id, p.attempts)).collect::<Vec<_>>(), [(second, 1)]);
        forum_posts::mark_attempt_failed(&mut tx, second, "the forum answered 403", None, now + Duration::hours(1))
            .await
            .expect("given up");
        tx.commit().await.expect("commit");

        let mut conn = t.db.read().await.expect("read");
        let recent = forum_posts::recent(&mut conn, 10).await.expect("recent");
        assert_eq!(recent.iter().map(|p| p.id).collect::<Vec<_>>(), [second, first], "newest first");
        let (gave_up, sent) = (&recent[0], &recent[1]);
        assert_eq!((sent.status, sent.attempts, sent.topic_id), (ForumPostStatus::Sent, 1, Some(71)));
        assert_eq!(sent.topic_url.as_deref(), Some("https://forum.example/t/first/71"));
        assert_eq!(sent.sent_at, Some(later));
        assert_eq!((gave_up.status, gave_up.attempts), (ForumPostStatus::Failed, 2));
        assert_eq!(gave_up.last_error.as_deref(), Some("the forum answered 403"));
        let found = forum_posts::find(&mut conn, first).await.expect("find");
        assert_eq!(found.as_ref(), Some(sent));
        drop(conn);
        let mut tx = t.db.begin().await.expect("begin");
        let none = forum_posts::claim_due(&mut tx, now + Duration::days(9), now + Duration::days(10), 10)
            .await
            .expect("claim");
        assert!(none.is_empty(), "sent and failed posts are never claimed again");
        tx.commit().await.expect("commit");
    }
}
