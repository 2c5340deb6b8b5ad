//! Applications to the program and the stage each one is at.

use crate::{Conn, StoreError, format_ts};
use opo_domain::applications::Stage;
use sqlx::Row;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub organization_id: i64,
    pub stage: Stage,
    pub desired_role: String,
    pub statement: String,
    pub stage_entered_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
}

pub async fn insert(conn: &mut Conn, app: &NewApplication, now: OffsetDateTime) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into applications (organization_id, stage, desired_role, statement, stage_entered_at, submitted_at, \
         created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $7) returning id",
    )
    .bind(app.organization_id)
    .bind(app.stage.key())
    .bind(&app.desired_role)
    .bind(&app.statement)
    .bind(format_ts(app.stage_entered_at))
    .bind(app.submitted_at.map(format_ts))
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

/// How many applications sit at each stage (stages with none are left out).
pub async fn count_by_stage(conn: &mut Conn) -> Result<Vec<(Stage, i64)>, StoreError> {
    let rows =
        sqlx::query("select stage, count(*) as n from applications group by stage").fetch_all(&mut *conn).await?;
    let mut counts = Vec::with_capacity(rows.len());
    for row in rows {
        let key: String = row.try_get("stage")?;
        let stage = Stage::parse(&key).ok_or_else(|| StoreError::Corrupt(format!("stage {key:?}")))?;
        counts.push((stage, row.try_get("n")?));
    }
    counts.sort_by_key(|(stage, _)| Stage::ALL.iter().position(|s| s == stage));
    Ok(counts)
}

/// The newest application of an organization: its stage and since when.
pub async fn latest_for(conn: &mut Conn, organization_id: i64) -> Result<Option<(Stage, OffsetDateTime)>, StoreError> {
    let row = sqlx::query(
        "select stage, stage_entered_at from applications where organization_id = $1 order by created_at desc, id desc limit 1",
    )
    .bind(organization_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let key: String = row.try_get("stage")?;
    let entered: String = row.try_get("stage_entered_at")?;
    let stage = Stage::parse(&key).ok_or_else(|| StoreError::Corrupt(format!("stage {key:?}")))?;
    Ok(Some((stage, crate::parse_ts(&entered)?)))
}

/// Where an expression of interest came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInterest {
    pub organization_id: i64,
    pub applicant_user_id: Option<i64>,
    pub source: String,
    pub discourse_topic_id: Option<i64>,
    pub contact_name: String,
    pub contact_email: String,
    pub desired_role: String,
    pub message: String,
}

pub async fn insert_interest(conn: &mut Conn, new: &NewInterest, now: OffsetDateTime) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into applications (organization_id, stage, desired_role, stage_entered_at, source, \
         discourse_topic_id, applicant_user_id, contact_name, contact_email, interest_message, created_at, updated_at) \
         values ($1, 'interest', $2, $3, $4, $5, $6, $7, $8, $9, $3, $3) returning id",
    )
    .bind(new.organization_id)
    .bind(&new.desired_role)
    .bind(&now)
    .bind(&new.source)
    .bind(new.discourse_topic_id)
    .bind(new.applicant_user_id)
    .bind(&new.contact_name)
    .bind(&new.contact_email)
    .bind(&new.message)
    .fetch_one(&mut *conn)
    .await?)
}

/// An application with everything its pages show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    pub organization_id: i64,
    pub organization_slug: String,
    pub organization_name: String,
    pub website: Option<String>,
    pub hq_country: Option<String>,
    pub stage: Stage,
    pub stage_entered_at: OffsetDateTime,
    pub source: String,
    pub discourse_topic_id: Option<i64>,
    pub applicant_user_id: Option<i64>,
    pub contact_name: String,
    pub contact_email: String,
    pub desired_role: String,
    pub interest_message: String,
    pub call_starts_at: Option<OffsetDateTime>,
    pub call_minutes: i64,
    pub call_sequence: i64,
    pub call_notes: String,
    pub agreed_role: String,
    pub form_json: String,
    pub form_saved_at: Option<OffsetDateTime>,
    pub review_round: i64,
    pub agreement_id: Option<i64>,
    pub submitted_at: Option<OffsetDateTime>,
    pub decision: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
    pub decision_reason: String,
    pub version: i64,
    pub created_at: OffsetDateTime,
    /// The slug and name of an existing organization this one may be the same as (set when an
    /// expression of interest resembled it), until the secretariat merges or clears it.
    pub resembles: Option<(String, String)>,
}

const COLUMNS: &str = "a.id, a.organization_id, o.slug, o.name, o.website, o.hq_country, a.stage, a.stage_entered_at, \
     a.source, a.discourse_topic_id, a.applicant_user_id, a.contact_name, a.contact_email, a.desired_role, \
     a.interest_message, a.call_starts_at, a.call_minutes, a.call_sequence, a.call_notes, a.agreed_role, a.form_json, \
     a.form_saved_at, a.review_round, a.agreement_id, a.submitted_at, a.decision, a.decided_at, a.decision_reason, \
     a.version, a.created_at, \
     (select r.slug from organizations r where r.id = o.resembles_organization_id) as resembles_slug, \
     (select r.name from organizations r where r.id = o.resembles_organization_id) as resembles_name";

fn ts(row: &sqlx::any::AnyRow, column: &str) -> Result<Option<OffsetDateTime>, StoreError> {
    let raw: Option<String> = row.try_get(column)?;
    raw.as_deref().map(crate::parse_ts).transpose()
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<Application, StoreError> {
    let stage: String = row.try_get("stage")?;
    let entered: String = row.try_get("stage_entered_at")?;
    let created: String = row.try_get("created_at")?;
    Ok(Application {
        id: row.try_get("id")?,
        organization_id: row.try_get("organization_id")?,
        organization_slug: row.try_get("slug")?,
        organization_name: row.try_get("name")?,
        website: row.try_get("website")?,
        hq_country: row.try_get("hq_country")?,
        stage: Stage::parse(&stage).ok_or_else(|| StoreError::Corrupt(format!("stage {stage:?}")))?,
        stage_entered_at: crate::parse_ts(&entered)?,
        source: row.try_get("source")?,
        discourse_topic_id: row.try_get("discourse_topic_id")?,
        applicant_user_id: row.try_get("applicant_user_id")?,
        contact_name: row.try_get("contact_name")?,
        contact_email: row.try_get("contact_email")?,
        desired_role: row.try_get("desired_role")?,
        interest_message: row.try_get("interest_message")?,
        call_starts_at: ts(row, "call_starts_at")?,
        call_minutes: row.try_get("call_minutes")?,
        call_sequence: row.try_get("call_sequence")?,
        call_notes: row.try_get("call_notes")?,
        agreed_role: row.try_get("agreed_role")?,
        form_json: row.try_get("form_json")?,
        form_saved_at: ts(row, "form_saved_at")?,
        review_round: row.try_get("review_round")?,
        agreement_id: row.try_get("agreement_id")?,
        submitted_at: ts(row, "submitted_at")?,
        decision: row.try_get("decision")?,
        decided_at: ts(row, "decided_at")?,
        decision_reason: row.try_get("decision_reason")?,
        version: row.try_get("version")?,
        created_at: crate::parse_ts(&created)?,
        resembles: match (row.try_get("resembles_slug")?, row.try_get("resembles_name")?) {
            (Some(slug), Some(name)) => Some((slug, name)),
            _ => None,
        },
    })
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<Application>, StoreError> {
    sqlx::query(&format!(
        "select {COLUMNS} from applications a join organizations o on o.id = a.organization_id where a.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}

/// Which applications to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationFilter {
    pub stages: Vec<Stage>,
    pub organization_id: Option<i64>,
    pub applicant_user_id: Option<i64>,
}

/// Applications, oldest in their stage first (the ones waiting longest come first).
pub async fn list(conn: &mut Conn, filter: &ApplicationFilter) -> Result<Vec<Application>, StoreError> {
    let mut sql =
        format!("select {COLUMNS} from applications a join organizations o on o.id = a.organization_id where 1 = 1");
    let mut n = 0;
    if !filter.stages.is_empty() {
        sql.push_str(&format!(" and a.stage in ({})", crate::placeholders(1, filter.stages.len())));
        n = filter.stages.len();
    }
    if filter.organization_id.is_some() {
        n += 1;
        sql.push_str(&format!(" and a.organization_id = ${n}"));
    }
    if filter.applicant_user_id.is_some() {
        n += 1;
        sql.push_str(&format!(" and a.applicant_user_id = ${n}"));
    }
    sql.push_str(" order by a.stage_entered_at, a.id");
    let mut query = sqlx::query(&sql);
    for stage in &filter.stages {
        query = query.bind(stage.key());
    }
    if let Some(org) = filter.organization_id {
        query = query.bind(org);
    }
    if let Some(user) = filter.applicant_user_id {
        query = query.bind(user);
    }
    query.fetch_all(&mut *conn).await?.iter().map(from_row).collect()
}

/// Which applications a board shows: those at `stages`, and with `late_before`, only those that entered
/// their stage before its cutoff (a stage without a cutoff is never late).
pub struct Waiting<'a> {
    pub stages: &'a [Stage],
    pub late_before: Option<&'a [(Stage, OffsetDateTime)]>,
}

impl Waiting<'_> {
    /// The `where` clause and its values, numbered from `$1`.
    fn clause(&self) -> (String, Vec<String>) {
        let mut values = Vec::new();
        let mut parts = Vec::new();
        match self.late_before {
            None => {
                for stage in self.stages {
                    values.push(stage.key().to_owned());
                    parts.push(format!("a.stage = ${}", values.len()));
                }
            }
            Some(cutoffs) => {
                for (stage, before) in cutoffs.iter().filter(|(stage, _)| self.stages.contains(stage)) {
                    values.push(stage.key().to_owned());
                    values.push(format_ts(*before));
                    parts.push(format!("(a.stage = ${} and a.stage_entered_at < ${})", values.len() - 1, values.len()));
                }
            }
        }
        if parts.is_empty() {
            return ("1 = 0".to_owned(), values);
        }
        (format!("({})", parts.join(" or ")), values)
    }
}

/// How many applications `waiting` picks.
pub async fn count_waiting(conn: &mut Conn, waiting: &Waiting<'_>) -> Result<i64, StoreError> {
    let (clause, values) = waiting.clause();
    let sql = format!("select count(*) from applications a where {clause}");
    let mut query = sqlx::query_scalar(&sql);
    for value in &values {
        query = query.bind(value);
    }
    Ok(query.fetch_one(&mut *conn).await?)
}

/// The applications `waiting` picks, oldest in their stage first, `limit` of them from `offset` (all
/// when `limit` is `None`). The window is chosen on ids alone and only its rows are read whole: sorting
/// whole rows would read every waiting application's form to keep a hundred.
pub async fn list_waiting(
    conn: &mut Conn,
    waiting: &Waiting<'_>,
    offset: i64,
    limit: Option<i64>,
) -> Result<Vec<Application>, StoreError> {
    let (clause, values) = waiting.clause();
    let mut sql = format!("select a.id from applications a where {clause} order by a.stage_entered_at, a.id");
    if limit.is_some() {
        sql.push_str(&format!(" limit ${} offset ${}", values.len() + 1, values.len() + 2));
    }
    let mut query = sqlx::query_scalar(&sql);
    for value in &values {
        query = query.bind(value);
    }
    if let Some(limit) = limit {
        query = query.bind(limit).bind(offset);
    }
    let ids: Vec<i64> = query.fetch_all(&mut *conn).await?;
    let mut by_id = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(crate::MAX_IN_LIST) {
        let sql = format!(
            "select {COLUMNS} from applications a join organizations o on o.id = a.organization_id where a.id in ({})",
            crate::placeholders(1, chunk.len())
        );
        for row in crate::bind_all(sqlx::query(&sql), chunk.iter()).fetch_all(&mut *conn).await? {
            let application = from_row(&row)?;
            by_id.insert(application.id, application);
        }
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// For every stage that has applications: how many, and how many entered it before the stage's cutoff
/// in `late_before`.
pub async fn stage_counts(
    conn: &mut Conn,
    late_before: &[(Stage, OffsetDateTime)],
) -> Result<Vec<(Stage, i64, i64)>, StoreError> {
    let late = Waiting { stages: &Stage::ALL, late_before: Some(late_before) };
    let (clause, values) = late.clause();
    let sql = format!(
        "select a.stage, count(*) as n, coalesce(sum(case when {clause} then 1 else 0 end), 0) as late \
         from applications a group by a.stage"
    );
    let mut query = sqlx::query(&sql);
    for value in &values {
        query = query.bind(value);
    }
    let mut counts = Vec::new();
    for row in query.fetch_all(&mut *conn).await? {
        let key: String = row.try_get("stage")?;
        let stage = Stage::parse(&key).ok_or_else(|| StoreError::Corrupt(format!("stage {key:?}")))?;
        counts.push((stage, row.try_get("n")?, row.try_get("late")?));
    }
    Ok(counts)
}

/// The application of an organization that is still under way, if any.
pub async fn open_for(conn: &mut Conn, organization_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select id from applications where organization_id = $1 and stage not in ('announced', 'declined', 'withdrawn') \
         order by id desc limit 1",
    )
    .bind(organization_id)
    .fetch_optional(&mut *conn)
    .await?)
}

pub async fn by_discourse_topic(conn: &mut Conn, topic_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar("select id from applications where discourse_topic_id = $1")
        .bind(topic_id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Moves an application from `from` to `to`. Returns false when it was no longer at `from` (someone
/// else moved it first), so two people acting at once cannot both move it.
pub async fn move_stage(
    conn: &mut Conn,
    id: i64,
    from: Stage,
    to: Stage,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let now = format_ts(now);
    let done = sqlx::query(
        "update applications set stage = $1, stage_entered_at = $2, updated_at = $2, version = version + 1, \
         overdue_notified_at = null where id = $3 and stage = $4",
    )
    .bind(to.key())
    .bind(&now)
    .bind(id)
    .bind(from.key())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets or moves the intro call; returns the calendar sequence number of this version of the invitation.
pub async fn schedule_call(
    conn: &mut Conn,
    id: i64,
    starts_at: OffsetDateTime,
    minutes: i64,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "update applications set call_starts_at = $1, call_minutes = $2, \
         call_sequence = case when call_starts_at is null then 0 else call_sequence + 1 end, \
         updated_at = $3, version = version + 1 where id = $4 returning call_sequence",
    )
    .bind(format_ts(starts_at))
    .bind(minutes)
    .bind(format_ts(now))
    .bind(id)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn record_call(
    conn: &mut Conn,
    id: i64,
    notes: &str,
    agreed_role: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("update applications set call_notes = $1, agreed_role = $2, updated_at = $3, version = version + 1 where id = $4")
        .bind(notes)
        .bind(agreed_role)
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn save_form(conn: &mut Conn, id: i64, form_json: &str, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query(
        "update applications set form_json = $1, form_saved_at = $2, draft_reminded_at = null, updated_at = $2, \
         version = version + 1 where id = $3",
    )
    .bind(form_json)
    .bind(format_ts(now))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_agreement(conn: &mut Conn, id: i64, agreement_id: i64, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query("update applications set agreement_id = $1, updated_at = $2 where id = $3")
        .bind(agreement_id)
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn mark_submitted(conn: &mut Conn, id: i64, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query("update applications set submitted_at = $1 where id = $2")
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn record_decision(
    conn: &mut Conn,
    id: i64,
    decision: &str,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("update applications set decision = $1, decision_reason = $2, decided_at = $3 where id = $4")
        .bind(decision)
        .bind(reason)
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Starts a new round of votes (after the applicant answered a question): earlier votes stay on record.
pub async fn next_round(conn: &mut Conn, id: i64) -> Result<(), StoreError> {
    sqlx::query("update applications set review_round = review_round + 1 where id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Drafts of invited applicants untouched since `idle_since` that were not reminded since.
pub async fn idle_drafts(conn: &mut Conn, idle_since: OffsetDateTime) -> Result<Vec<i64>, StoreError> {
    let since = format_ts(idle_since);
    Ok(sqlx::query_scalar(
        "select id from applications where stage = 'invited' and coalesce(form_saved_at, stage_entered_at) < $1 \
         and (draft_reminded_at is null or draft_reminded_at < $1) order by id",
    )
    .bind(since)
    .fetch_all(&mut *conn)
    .await?)
}

/// Marks a draft reminded unless another worker did since `idle_since`; false when one did, so each
/// reminder goes out once even with several instances sweeping at the same time.
pub async fn mark_draft_reminded(
    conn: &mut Conn,
    id: i64,
    idle_since: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update applications set draft_reminded_at = $1 where id = $2 and stage = 'invited' \
         and (draft_reminded_at is null or draft_reminded_at < $3)",
    )
    .bind(format_ts(now))
    .bind(id)
    .bind(format_ts(idle_since))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Applications that entered their stage before `entered_before` and whose lateness nobody was told of.
pub async fn late_unnotified(
    conn: &mut Conn,
    stage: Stage,
    entered_before: OffsetDateTime,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select id from applications where stage = $1 and stage_entered_at < $2 and overdue_notified_at is null order by id",
    )
    .bind(stage.key())
    .bind(format_ts(entered_before))
    .fetch_all(&mut *conn)
    .await?)
}

/// Marks an application's lateness told, unless another worker did; false when one did.
pub async fn mark_overdue_notified(conn: &mut Conn, id: i64, now: OffsetDateTime) -> Result<bool, StoreError> {
    let done =
        sqlx::query("update applications set overdue_notified_at = $1 where id = $2 and overdue_notified_at is null")
            .bind(format_ts(now))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// One entry of an application's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at: OffsetDateTime,
    pub actor: String,
    pub kind: String,
    pub note: String,
    pub for_applicant: bool,
}

pub async fn add_event(
    conn: &mut Conn,
    application_id: i64,
    actor: &str,
    kind: &str,
    note: &str,
    for_applicant: bool,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into application_events (application_id, at, actor_label, kind, note, for_applicant) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(application_id)
    .bind(format_ts(now))
    .bind(actor)
    .bind(kind)
    .bind(note)
    .bind(i64::from(for_applicant))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The timeline, oldest first; `applicant_view` leaves out what only staff see.
pub async fn events(conn: &mut Conn, application_id: i64, applicant_view: bool) -> Result<Vec<Event>, StoreError> {
    let sql = if applicant_view {
        "select at, actor_label, kind, note, for_applicant from application_events where application_id = $1 \
         and for_applicant = 1 order by at, id"
    } else {
        "select at, actor_label, kind, note, for_applicant from application_events where application_id = $1 order by at, id"
    };
    let rows = sqlx::query(sql).bind(application_id).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|row| {
            let at: String = row.try_get("at")?;
            Ok(Event {
                at: crate::parse_ts(&at)?,
                actor: row.try_get("actor_label")?,
                kind: row.try_get("kind")?,
                note: row.try_get("note")?,
                for_applicant: row.try_get::<i64, _>("for_applicant")? == 1,
            })
        })
        .collect()
}

/// Names the applicant's contact and account.
pub async fn set_contact(
    conn: &mut Conn,
    id: i64,
    user_id: i64,
    name: &str,
    email: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "update applications set applicant_user_id = $1, contact_name = $2, contact_email = $3, updated_at = $4, \
         version = version + 1 where id = $5",
    )
    .bind(user_id)
    .bind(name)
    .bind(email)
    .bind(format_ts(now))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every timeline entry of every application, by application and time, for the program's figures.
pub async fn all_events(conn: &mut Conn) -> Result<Vec<(i64, String, OffsetDateTime)>, StoreError> {
    let rows = sqlx::query("select application_id, kind, at from application_events order by application_id, at, id")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|row| {
            let at: String = row.try_get("at")?;
            Ok((row.try_get("application_id")?, row.try_get("kind")?, crate::parse_ts(&at)?))
        })
        .collect()
}

/// Moves an application to another organization (when two organizations are merged).
pub async fn move_to_organization(
    conn: &mut Conn,
    id: i64,
    organization_id: i64,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("update applications set organization_id = $1, version = version + 1, updated_at = $2 where id = $3")
        .bind(organization_id)
        .bind(crate::format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
