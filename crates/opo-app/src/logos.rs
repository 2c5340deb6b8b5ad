//! Placeholder until the logo pipeline lands; replaced by the real module.
pub struct ProcessedLogo {
    pub content_type: &'static str,
    pub data: Vec<u8>,
    pub fallback_png: Option<Vec<u8>>,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
}
#[derive(Debug, thiserror::Error)]
pub enum LogoError {
    #[error("unsupported")]
    Unsupported,
}
pub fn process(bytes: &[u8], _file_name: &str) -> Result<ProcessedLogo, LogoError> {
    if !bytes.starts_with(b"<svg") { return Err(LogoError::Unsupported); }
    Ok(ProcessedLogo { content_type: "image/svg+xml", data: bytes.to_vec(), fallback_png: None, width: 1, height: 1, sha256: String::from("0") })
}
