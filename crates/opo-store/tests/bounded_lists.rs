//! Lists over large tables: listing every row must not exceed what one statement may bind (SQLite
//! 32,766 values), and the lists a public page shows stay bounded whatever the number of rows.

use opo_domain::countries::CountryCode;
use opo_domain::partners::{NewOrganization, OrgType, PartnerStatus};
use opo_domain::text::Slug;
use opo_store::partners::Logo;
use opo_store::posts::{self, PostFilter};
use opo_store::scale::{self, PostRow};
use opo_store::testing::{self, TestDb};
use time::OffsetDateTime;
use time::macros::{date, datetime};

const NOW: OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

/// More posts than SQLite accepts values in one statement.
const POSTS: i64 = 33_000;

fn organization(name: &str) -> NewOrganization {
    NewOrganization {
        name: name.to_owned(),
        slug: Slug::from_name(name).expect("slug"),
        website: None,
        short_description: format!("{name} does digital health."),
        long_description: String::new(),
        org_type: OrgType::Ngo,
        hq_country: Some(CountryCode::parse("KE").expect("KE")),
        countries: vec![CountryCode::parse("KE").expect("KE")],
        status: PartnerStatus::Active,
        featured: false,
    }
}

async fn add_with_logo(tx: &mut opo_store::Conn, name: &str, featured: bool) {
    let org = NewOrganization { featured, ..organization(name) };
    let id = opo_store::partners::insert(tx, &org, Some(date!(2023 - 04 - 01)), NOW).await.expect("insert");
    let logo = Logo {
        content_type: "image/png".into(),
        data: vec![0x89, b'P', b'N', b'G', 0, 1, 2, 255],
        sha256: format!("{id:064}"),
        fallback_png: None,
    };
    opo_store::partners::set_logo(tx, id, &logo, NOW).await.expect("logo");
}

#[tokio::test]
async fn the_first_logos_of_the_wall_put_featured_partners_first_and_stop_at_the_limit() {
    for TestDb { db, .. } in testing::each_backend().await {
        let mut tx = db.begin().await.expect("begin");
        for name in ["Alpha", "Bravo", "Charlie", "Delta"] {
            add_with_logo(&mut tx, name, false).await;
        }
        add_with_logo(&mut tx, "Zulu", true).await;
        tx.commit().await.expect("commit");
        let mut conn = db.read().await.expect("conn");
        let first = opo_store::partners::logo_wall_first(&mut conn, 3).await.expect("wall");
        assert_eq!(first.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Zulu", "Alpha", "Bravo"]);
        assert_eq!(opo_store::partners::logo_wall(&mut conn).await.expect("wall").len(), 5);
    }
}

#[tokio::test]
async fn every_published_post_is_listed_with_its_partners_however_many_there_are() {
    for TestDb { db, .. } in testing::each_backend().await {
        let mut tx = db.begin().await.expect("begin");
        let org =
            opo_store::partners::insert(&mut tx, &organization("Kijiji Health"), Some(date!(2023 - 04 - 01)), NOW)
                .await
                .expect("organization");
        let rows: Vec<PostRow> = (1..=POSTS)
            .map(|id| PostRow {
                id,
                slug: format!("post-{id}"),
                kind: "announcement".to_owned(),
                status: "published".to_owned(),
                title: format!("Post {id}"),
                summary: String::new(),
                body: String::new(),
                event_starts_at: None,
                join_url: None,
                published_at: Some(NOW - time::Duration::minutes(id)),
                created_at: NOW - time::Duration::minutes(id),
            })
            .collect();
        for chunk in rows.chunks(1_000) {
            scale::insert_posts(&mut tx, chunk).await.expect("posts");
        }
        // The newest and the oldest post name the partner: both ends of the list get their partners.
        scale::insert_post_partners(&mut tx, &[(1, org), (POSTS, org)], NOW).await.expect("tags");
        tx.commit().await.expect("commit");

        let mut conn = db.read().await.expect("conn");
        let all = posts::published(&mut conn, &PostFilter::default(), NOW, 0, i64::from(i32::MAX))
            .await
            .expect("every post at once");
        assert_eq!(all.len(), usize::try_from(POSTS).expect("count"));
        let tagged: Vec<i64> = all.iter().filter(|p| !p.partners.is_empty()).map(|p| p.card.id).collect();
        assert_eq!(tagged, [1, POSTS]);
        assert_eq!(all[0].partners, [("kijiji-health".to_owned(), "Kijiji Health".to_owned())]);
    }
}
