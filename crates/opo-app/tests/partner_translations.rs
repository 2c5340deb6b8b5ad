//! Saving a partner's translations on both backends: one transaction with its audit entry, an emptied
//! language removed, unchanged text not audited again, and bad input refused with nothing written.

use opo_app::partner_translations::{in_locale, of_organization, save};
use opo_app::{Actor, App, AppError};
use opo_domain::partner_translations::TranslationInput;
use opo_store::testing::TestDb;

async fn each_app() -> Vec<(App, TestDb)> {
    opo_app::testing::demo_apps().await.into_iter().map(|d| (d.app, d.db)).collect()
}

async fn scalar(app: &App, sql: &str) -> String {
    let mut conn = app.db.read().await.expect("conn");
    sqlx::query_scalar(sql).fetch_one(&mut *conn).await.expect("scalar")
}

async fn audited(app: &App) -> Vec<(String, String)> {
    let mut conn = app.db.read().await.expect("conn");
    sqlx::query_as(
        "select coalesce(before_json, ''), coalesce(after_json, '') from audit_log \
         where action = 'partner.translations_saved' order by id",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("audit")
}

fn typed(locale: &str, short: &str, description: &str) -> TranslationInput {
    TranslationInput { locale: locale.into(), short_description: short.into(), description: description.into() }
}

#[tokio::test]
async fn translations_are_saved_audited_removed_and_refused_as_a_whole() {
    for (app, _db) in each_app().await {
        let slug = scalar(&app, "select slug from organizations where status = 'active' order by slug limit 1").await;
        let id: i64 = {
            let mut conn = app.db.read().await.expect("conn");
            opo_store::partners::id_by_slug(&mut conn, &slug).await.expect("query").expect("organization")
        };
        let actor = Actor { user_id: None, label: "officer@secretariat.example".into(), ip: "192.0.2.7".into() };

        save(
            &app,
            id,
            &[typed("fr", " Données de santé ", "Nous formons."), typed("pt", "Dados de saúde", "")],
            &actor,
        )
        .await
        .expect("saved");
        let stored = of_organization(&app, id).await.expect("read");
        assert_eq!(stored.iter().map(|t| t.locale.as_str()).collect::<Vec<_>>(), ["fr", "pt"]);
        assert_eq!(stored[0].short_description, "Données de santé", "text is trimmed");
        assert_eq!(stored[0].updated_by, "officer@secretariat.example");
        let entries = audited(&app).await;
        assert_eq!(entries.len(), 1);
        assert!(entries[0].1.contains("Données de santé") && entries[0].1.contains("Dados de saúde"));

        let french = in_locale(&app, "fr", &[slug.as_str(), "no-such-partner"]).await.expect("fr");
        assert_eq!(french.len(), 1);
        assert!(in_locale(&app, "en", &[slug.as_str()]).await.expect("en").is_empty(), "English is the original");

        save(&app, id, &[typed("fr", "Données de santé", "Nous formons."), typed("pt", "", "")], &actor)
            .await
            .expect("saved");
        let entries = audited(&app).await;
        assert_eq!(entries.len(), 2, "one more entry for the removed language");
        assert!(entries[1].0.contains("Dados de saúde") && !entries[1].0.contains("Données"), "{entries:?}");
        assert_eq!(of_organization(&app, id).await.expect("read").len(), 1, "the emptied language is gone");

        save(&app, id, &[typed("fr", "Données de santé", "Nous formons.")], &actor).await.expect("unchanged");
        assert_eq!(audited(&app).await.len(), 2, "nothing changed, nothing audited");

        let refused = save(&app, id, &[typed("es", "Datos", ""), typed("fr", &"x".repeat(301), "")], &actor)
            .await
            .expect_err("too long");
        assert!(matches!(refused, AppError::Invalid(ref p) if p.len() == 1), "{refused:?}");
        assert!(in_locale(&app, "es", &[slug.as_str()]).await.expect("es").is_empty(), "no language is saved");
        assert_eq!(audited(&app).await.len(), 2);
    }
}
