// `sqlx::migrate!` embeds the migration folders; a new file in them must rebuild this crate.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
