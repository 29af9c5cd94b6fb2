//! WARC files built here from our own HTML fixtures: every complete response record of
//! an HTML page is a document with its URL and crawl date; other records are skipped;
//! a truncated final record is one error naming the file and the record.

use std::io::Write;

use flate2::write::GzEncoder;
use storyline_ingest::warc::read_warc;

fn page(title: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>The council met on Tuesday to discuss {title}, and agreed on a plan after a long debate.</p>\
         </article></body></html>"
    )
}

fn record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{:012}>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The records: warcinfo, request, three HTML pages, a 404, a PDF, then (optionally) a
/// page cut in the middle of its body.
fn records(truncated: bool) -> Vec<Vec<u8>> {
    let mut out = vec![
        record(
            "warcinfo",
            "",
            "2024-03-01T00:00:00Z",
            b"software: test\r\n",
        ),
        record(
            "request",
            "https://news.test/a",
            "2024-03-01T10:00:00Z",
            b"GET /a HTTP/1.1\r\nHost: news.test\r\n\r\n",
        ),
    ];
    for (i, slug) in ["a", "b", "c"].iter().enumerate() {
        out.push(record(
            "response",
            &format!("https://news.test/{slug}"),
            &format!("2024-03-0{}T10:00:00Z", i + 1),
            &http(
                "200 OK",
                "text/html; charset=utf-8",
                &page(&format!("Story {slug}")),
            ),
        ));
    }
    out.push(record(
        "response",
        "https://news.test/missing",
        "2024-03-04T10:00:00Z",
        &http(
            "404 Not Found",
            "text/html",
            "<html><body>gone</body></html>",
        ),
    ));
    out.push(record(
        "response",
        "https://news.test/doc.pdf",
        "2024-03-04T10:00:00Z",
        &http("200 OK", "application/pdf", "%PDF-1.4"),
    ));
    if truncated {
        let full = record(
            "response",
            "https://news.test/d",
            "2024-03-05T10:00:00Z",
            &http("200 OK", "text/html", &page("Story d")),
        );
        out.push(full[..full.len() - 120].to_vec());
    }
    out
}

fn check(path: &std::path::Path, truncated: bool) {
    let results: Vec<_> = read_warc(path).unwrap().collect();
    let name = path.display().to_string();
    let docs: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(docs.len(), 3, "three HTML pages: {results:?}");
    assert_eq!(docs[0].source, format!("{name}#3"));
    assert_eq!(docs[2].source, format!("{name}#5"));
    assert_eq!(
        docs[1].provenance.url.as_deref(),
        Some("https://news.test/b")
    );
    assert_eq!(
        docs[1].provenance.fetched_at.unwrap().to_rfc3339(),
        "2024-03-02T10:00:00+00:00"
    );
    assert!(docs[0].text.contains("Story a"));
    assert!(
        !docs.iter().any(|d| d.text.contains("gone")),
        "a 404 is no article"
    );
    let errors: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    if truncated {
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(&format!("{name}#8: truncated record")),
            "{}",
            errors[0]
        );
    } else {
        assert!(errors.is_empty(), "{errors:?}");
    }
}

#[test]
fn plain_warc_with_a_truncated_final_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc");
    std::fs::write(&path, records(true).concat()).unwrap();
    check(&path, true);
    let whole = dir.path().join("whole.warc");
    std::fs::write(&whole, records(false).concat()).unwrap();
    check(&whole, false);
    // Cut inside the header block of the last record: still reported, not lost.
    let mut cut = records(false).concat();
    cut.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Len");
    let header_cut = dir.path().join("header-cut.warc");
    std::fs::write(&header_cut, cut).unwrap();
    let errors: Vec<String> = read_warc(&header_cut)
        .unwrap()
        .filter_map(|r| r.err().map(|e| e.to_string()))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("#8: truncated record"), "{}", errors[0]);
}

#[test]
fn gzip_member_per_record_with_a_truncated_final_member() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    let mut bytes = Vec::new();
    let all = records(true);
    for rec in &all[..all.len() - 1] {
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(rec).unwrap();
        bytes.extend(gz.finish().unwrap());
    }
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&all[all.len() - 1]).unwrap();
    let member = gz.finish().unwrap();
    bytes.extend_from_slice(&member[..member.len() / 2]); // cut mid-member
    std::fs::write(&path, bytes).unwrap();
    let results: Vec<_> = read_warc(&path).unwrap().collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 3);
    let errors: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("{}#8: ", path.display())),
        "{}",
        errors[0]
    );
}

#[test]
fn garbage_is_one_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.warc");
    std::fs::write(&path, b"this is not a warc file\n").unwrap();
    let results: Vec<_> = read_warc(&path).unwrap().collect();
    assert_eq!(results.len(), 1);
    let err = results[0].as_ref().unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("{}#1: not a WARC record", path.display())),
        "{err}"
    );
}
