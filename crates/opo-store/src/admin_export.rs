//! Every row of every table, for the admin's full export. The database writes each row as a JSON object
//! itself (`json_object` on SQLite, `to_jsonb` on PostgreSQL), so no column needs a Rust type here;
//! binary columns (logos) come out as `\x` and lower-case hex on both engines.

use crate::{Conn, StoreError};
use sqlx::Row;

/// The tables of the application, by name, without the migration bookkeeping of either engine.
pub async fn tables(conn: &mut Conn) -> Result<Vec<String>, StoreError> {
    let sql = if conn.backend_name() == "PostgreSQL" {
        "select table_name::text from information_schema.tables \
         where table_schema = current_schema() and table_type = 'BASE TABLE' \
         and table_name not like '\\_sqlx%' order by table_name"
    } else {
        "select name from sqlite_master where type = 'table' \
         and name not like 'sqlite\\_%' escape '\\' and name not like '\\_sqlx%' escape '\\' order by name"
    };
    Ok(sqlx::query_scalar(sql).fetch_all(&mut *conn).await?)
}

fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// Every row of `table` as a JSON object (text), in the order of its first column.
pub async fn rows(conn: &mut Conn, table: &str) -> Result<Vec<String>, StoreError> {
    let sql = if conn.backend_name() == "PostgreSQL" {
        let first: Option<String> = sqlx::query_scalar(
            "select column_name::text from information_schema.columns \
             where table_schema = current_schema() and table_name = $1 and ordinal_position = 1",
        )
        .bind(table)
        .fetch_optional(&mut *conn)
        .await?;
        let order = first.map(|c| format!(" order by t.{}", quoted(&c))).unwrap_or_default();
        // bytea comes out as its hex text form, `\\x…`.
        format!("select to_jsonb(t)::text from {} t{order}", quoted(table))
    } else {
        let columns: Vec<(String, String)> =
            sqlx::query(&format!("select name, type from pragma_table_info('{}')", table.replace('\'', "''")))
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|row| Ok((row.try_get::<String, _>(0)?, row.try_get::<String, _>(1)?)))
                .collect::<Result<_, sqlx::Error>>()?;
        if columns.is_empty() {
            return Ok(Vec::new());
        }
        let pairs: Vec<String> = columns
            .iter()
            .map(|(name, _)| {
                let column = quoted(name);
                format!(
                    "'{}', case when typeof({column}) = 'blob' then '\\x' || lower(hex({column})) else {column} end",
                    name.replace('\'', "''")
                )
            })
            .collect();
        format!("select json_object({}) from {} order by {}", pairs.join(", "), quoted(table), quoted(&columns[0].0))
    };
    Ok(sqlx::query_scalar(&sql).fetch_all(&mut *conn).await?)
}
