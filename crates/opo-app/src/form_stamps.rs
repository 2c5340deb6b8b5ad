//! Stamps that tell when a public form was shown, so a form sent back faster than a person can fill it
//! is recognized as a script's. The stamp is the time and a keyed hash of it with a secret of this
//! installation, so it cannot be forged or moved back; every instance on the database shares the secret.

use crate::{App, AppError, api_tokens, secrets};
use time::Duration;

const SECRET: &str = "form-stamps";

fn seal(secret: &str, form: &str, unix: i64) -> String {
    secrets::sha256_hex(format!("{secret}\n{form}\n{unix}").as_bytes())
}

/// A stamp for `form` shown now.
pub async fn issue(app: &App, form: &str) -> Result<String, AppError> {
    let secret = api_tokens::instance_secret(app, SECRET).await?;
    let unix = app.clock.now().unix_timestamp();
    Ok(format!("{unix}.{}", seal(&secret, form, unix)))
}

/// How long ago the stamp was issued for `form`; `None` when it is missing, forged or from the future.
pub async fn age(app: &App, form: &str, stamp: &str) -> Result<Option<Duration>, AppError> {
    let Some((unix, mac)) = stamp.split_once('.') else { return Ok(None) };
    let Ok(unix) = unix.parse::<i64>() else { return Ok(None) };
    let secret = api_tokens::instance_secret(app, SECRET).await?;
    if seal(&secret, form, unix) != mac {
        return Ok(None);
    }
    let age = Duration::seconds(app.clock.now().unix_timestamp() - unix);
    Ok((age >= Duration::ZERO).then_some(age))
}
