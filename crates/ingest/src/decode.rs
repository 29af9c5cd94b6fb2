//! gzip and charset decoding.
//!
//! Order: BOM, then a charset the document declares (HTML meta, XML declaration), then
//! UTF-8 when valid, then chardetng's guess. A document that *declares* UTF-8 but is not
//! valid UTF-8 is refused with the line and byte offset, not silently repaired: the
//! declaration is a promise, and a broken promise usually means a broken file.

use std::io::Read;
use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::bytes::Regex;
use storyline_model::Format;

use crate::IngestError;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Gunzip when the gzip magic is present (the extension alone is not trusted); other bytes
/// pass through unchanged.
pub fn gunzip_if_gzip(source: &str, bytes: Vec<u8>) -> Result<Vec<u8>, IngestError> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 4);
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .map_err(|e| IngestError::Gzip {
            source_name: source.to_string(),
            reason: e.to_string(),
        })?;
    Ok(out)
}

static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])([a-z0-9_.:-]{2,40})"#)
        .expect("valid regex")
});

/// Decode the bytes of one document to UTF-8 text.
pub fn decode(bytes: &[u8], format: Option<Format>, source: &str) -> Result<String, IngestError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding == encoding_rs::UTF_8 {
            return strict_utf8(&bytes[bom_len..], source, "utf-8 by its byte-order mark");
        }
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    // Valid UTF-8 with non-ASCII bytes is almost never another charset by accident, while
    // pages often declare a charset they do not use: valid UTF-8 wins.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let may_declare = !matches!(format, Some(Format::Text) | Some(Format::Record));
    match may_declare.then(|| declared_encoding(bytes)).flatten() {
        Some(declared) if declared == encoding_rs::UTF_8 => strict_utf8(bytes, source, "utf-8"),
        Some(declared) => Ok(declared.decode(bytes).0.into_owned()),
        None => Ok(detect(bytes)),
    }
}

/// Like [`decode`], but never refuses: a page that declares UTF-8 and breaks the promise
/// is decoded as its bytes look (chardetng). For benchmarks, which must score every page
/// the way other tools do; ingest stays strict.
pub fn decode_lenient(bytes: &[u8], format: Option<Format>) -> String {
    decode(bytes, format, "").unwrap_or_else(|_| detect(bytes))
}

fn detect(bytes: &[u8]) -> String {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    guess.decode(bytes).0.into_owned()
}

fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let label = DECLARED.captures(head)?.get(1)?.as_bytes();
    // A page served as UTF-16 but declaring it in ASCII cannot exist: treat as UTF-8.
    Encoding::for_label(label).map(|e| e.output_encoding())
}

fn strict_utf8(bytes: &[u8], source: &str, declared: &str) -> Result<String, IngestError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(err) => {
            let offset = err.valid_up_to();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(IngestError::InvalidUtf8 {
                source_name: source.to_string(),
                declared: declared.to_string(),
                line,
                offset,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_utf8_that_is_not_is_refused_with_its_line() {
        let html = b"<html><head><meta charset=\"utf-8\"></head>\n<body>Caf\xe9</body></html>";
        let err = decode(html, Some(Format::Html), "x.html")
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.html") && err.contains("line 2"), "{err}");
    }

    #[test]
    fn legacy_encodings_are_declared_or_detected() {
        let latin = b"<meta charset=\"iso-8859-1\"><p>Caf\xe9</p>";
        assert!(decode(latin, Some(Format::Html), "l")
            .unwrap()
            .contains("Café"));
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode("Le café était fermé à Noël, déjà.");
        assert!(decode(&cp1252, Some(Format::Text), "t")
            .unwrap()
            .contains("café était"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hi".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16, None, "u").unwrap(), "hi");
        let wrongly_declared = "<meta charset=\"iso-8859-1\"><p>Café</p>".as_bytes();
        assert!(decode(wrongly_declared, Some(Format::Html), "w")
            .unwrap()
            .contains("Café"));
    }

    #[test]
    fn lenient_decoding_repairs_a_broken_utf8_promise() {
        let html = b"<meta charset=\"utf-8\"><p>Caf\xe9 cr\xe8me</p>";
        assert!(decode(html, Some(Format::Html), "x").is_err());
        assert!(decode_lenient(html, Some(Format::Html)).contains("Café crème"));
    }

    #[test]
    fn truncated_gzip_is_an_error_naming_the_input() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut enc, "some text ".repeat(500).as_bytes()).unwrap();
        let full = enc.finish().unwrap();
        assert_eq!(gunzip_if_gzip("a.gz", full.clone()).unwrap().len(), 5000);
        let err = gunzip_if_gzip("a.gz", full[..full.len() / 2].to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("a.gz: truncated"), "{err}");
    }
}
