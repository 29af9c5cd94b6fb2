//! Charset decoding of benchmark pages, used when the ingest crate does not provide it.
//! Order: byte-order mark, valid UTF-8, the charset the page declares, then detection.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::bytes::Regex;

/// `<meta charset=...>` or `content="...; charset=..."` in the first bytes of a page.
static DECLARED_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#).expect("valid charset regex")
});

/// How far into a page to look for a declared charset (the HTML spec's prescan size).
const PRESCAN_BYTES: usize = 4096;

/// Decode page bytes to text; never fails (undecodable bytes become U+FFFD).
pub fn decode_html(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    // Valid UTF-8 with non-ASCII bytes is almost never another charset by accident, and
    // pages often declare a charset they do not use.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let declared = DECLARED_CHARSET
        .captures(head)
        .and_then(|c| Encoding::for_label(&c[1]))
        .filter(|e| *e != encoding_rs::UTF_8);
    let encoding = declared.unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        detector.guess(None, chardetng::Utf8Detection::Allow)
    });
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_latin1_page_is_decoded() {
        let page = b"<meta charset=\"iso-8859-1\"><p>Gr\xfc\xdfe</p>";
        assert!(decode_html(page).contains("Grüße"));
    }

    #[test]
    fn utf8_wins_over_a_wrong_declaration() {
        let page = "<meta charset=\"iso-8859-1\"><p>Grüße</p>".as_bytes();
        assert!(decode_html(page).contains("Grüße"));
    }
}
