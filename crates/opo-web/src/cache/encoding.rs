//! Content codings: which one a client accepts, and compressing a body once into gzip or Brotli, for
//! the cached pages and the embedded assets alike.

use axum::http::{HeaderMap, header};
use std::io::Write;

/// A content coding the site serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    /// The `Content-Encoding` value, if any.
    pub(crate) fn header(self) -> Option<&'static str> {
        match self {
            Self::Brotli => Some("br"),
            Self::Gzip => Some("gzip"),
            Self::Identity => None,
        }
    }
}

/// Below this size a compressed body saves less than its headers cost.
pub(crate) const MIN_COMPRESSIBLE: usize = 256;

/// The best coding the request accepts: Brotli, then gzip, else none. A coding given `q=0` is refused.
pub(crate) fn preferred(headers: &HeaderMap) -> Coding {
    let accepted = |name: &str| {
        headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
            |part| {
                let mut pieces = part.split(';');
                let coding = pieces.next().unwrap_or_default().trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (coding.eq_ignore_ascii_case(name) || coding == "*") && q > 0.0
            },
        )
    };
    if accepted("br") {
        Coding::Brotli
    } else if accepted("gzip") {
        Coding::Gzip
    } else {
        Coding::Identity
    }
}

/// Whether a body of this type gains from compression (text; not images other than SVG).
pub(crate) fn compressible(content_type: &str) -> bool {
    let ty = content_type.split(';').next().unwrap_or_default().trim();
    ty.starts_with("text/")
        || ty.ends_with("+xml")
        || ty.ends_with("+json")
        || matches!(ty, "application/json" | "application/xml" | "application/javascript" | "image/svg+xml")
}

/// The body in `coding`. Compressing into memory cannot fail short of running out of it; should it,
/// `None` makes the caller send the identity body.
pub(crate) fn compress(body: &[u8], coding: Coding) -> Option<Vec<u8>> {
    match coding {
        Coding::Identity => Some(body.to_vec()),
        Coding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
            encoder.write_all(body).ok()?;
            encoder.finish().ok()
        }
        Coding::Brotli => {
            let mut out = Vec::new();
            {
                // Quality 6 compresses a page in well under a millisecond and each body is compressed
                // once; window 22 is Brotli's usual.
                let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 6, 22);
                writer.write_all(body).ok()?;
                writer.flush().ok()?;
            }
            Some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::io::Read;

    fn accepting(value: &'static str) -> Coding {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        preferred(&headers)
    }

    #[test]
    fn brotli_is_preferred_then_gzip_and_q_zero_refuses() {
        assert_eq!(accepting("gzip, deflate, br"), Coding::Brotli);
        assert_eq!(accepting("gzip"), Coding::Gzip);
        assert_eq!(accepting("br;q=0, gzip;q=0.5"), Coding::Gzip);
        assert_eq!(accepting("identity"), Coding::Identity);
        assert_eq!(preferred(&HeaderMap::new()), Coding::Identity);
    }

    #[test]
    fn compressed_bodies_decode_to_the_original() {
        let body = "<p>partners</p>".repeat(100);
        let gz = compress(body.as_bytes(), Coding::Gzip).expect("gzip");
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).expect("gunzip");
        assert_eq!(text, body);
        let br = compress(body.as_bytes(), Coding::Brotli).expect("br");
        let mut text = String::new();
        brotli::Decompressor::new(&br[..], 4096).read_to_string(&mut text).expect("unbrotli");
        assert_eq!(text, body);
        assert!(br.len() < body.len() / 4);
    }
}
