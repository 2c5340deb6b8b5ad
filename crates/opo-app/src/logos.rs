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
pub fn process(_bytes: &[u8], _file_name: &str) -> Result<ProcessedLogo, LogoError> {
    Err(LogoError::Unsupported)
}
