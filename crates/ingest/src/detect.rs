//! Format detection from content first, extension second, and the "is this text?" check.

use storyline_model::Format;

use crate::IngestError;

/// Refuse empty and binary inputs before any decoding.
pub(crate) fn check_is_text(source: &str, bytes: &[u8]) -> Result<(), IngestError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty {
            source_name: source.to_string(),
        });
    }
    // UTF-16 text legitimately holds NULs; its BOM says so.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(());
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) || b == 0x7F)
        .count();
    // A NUL never occurs in text; a few stray control bytes may (form feeds, old files).
    if sample.contains(&0) || control * 20 > sample.len() {
        return Err(IngestError::Binary {
            source_name: source.to_string(),
        });
    }
    Ok(())
}

/// The format of one input, from its content and (as a tie-breaker) its name.
pub fn detect_format(bytes: &[u8], name: Option<&str>) -> Format {
    let ext = name
        .and_then(|n| n.rsplit('/').next())
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let lower = head.to_ascii_lowercase();
    let array_of_objects = head
        .strip_prefix('[')
        .is_some_and(|rest| rest.trim_start().starts_with('{'));
    if head.starts_with('{') || array_of_objects {
        return Format::Record;
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml")
        || lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || (lower.starts_with('<')
            && (lower.contains("<body") || lower.contains("<head") || lower.contains("<p>")))
    {
        return Format::Html;
    }
    if matches!(ext.as_str(), "md" | "markdown")
        || head.starts_with("---\n")
        || head.starts_with("---\r\n")
        || head.starts_with("+++")
        || looks_like_markdown(head)
    {
        return Format::Markdown;
    }
    Format::Text
}

/// Markdown constructs that plain text rarely has: ATX headings, links, images.
fn looks_like_markdown(head: &str) -> bool {
    let lines = head.lines().take(60);
    let mut signals = 0;
    for line in lines {
        let l = line.trim_start();
        if l.starts_with("# ") || l.starts_with("## ") || l.starts_with("![") {
            signals += 2;
        }
        if l.contains("](http") {
            signals += 1;
        }
    }
    signals >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_content_before_extension() {
        assert_eq!(
            detect_format(b"<!DOCTYPE html><html></html>", Some("a.txt")),
            Format::Html
        );
        assert_eq!(
            detect_format(b"---\ntitle: x\n---\nbody", None),
            Format::Markdown
        );
        assert_eq!(
            detect_format(b"+++\ntitle = 'x'\n+++\nbody", None),
            Format::Markdown
        );
        assert_eq!(
            detect_format(b"{\"title\": \"x\"}\n{\"title\": \"y\"}", None),
            Format::Record
        );
        assert_eq!(
            detect_format(b"Just a headline\n\nAnd a body.", Some("a.txt")),
            Format::Text
        );
        assert_eq!(
            detect_format(b"# Heading\n\n![](http://x/y.png)\n", None),
            Format::Markdown
        );
        assert_eq!(
            detect_format(b"plain words", Some("x.md")),
            Format::Markdown
        );
    }

    #[test]
    fn empty_and_binary_inputs_are_refused() {
        assert!(matches!(
            check_is_text("e", b" \n\t"),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            check_is_text("b", b"\x7fELF\0\0\x01"),
            Err(IngestError::Binary { .. })
        ));
        assert!(check_is_text("t", b"Hello\x0cworld, a form feed is fine").is_ok());
        assert!(check_is_text("u", &[0xFF, 0xFE, b'h', 0]).is_ok());
    }
}
