//! WARC files (`.warc`, `.warc.gz`, the Common Crawl CC-NEWS layout) read as a stream:
//! one record in memory at a time, gzip members decompressed as they come.
//!
//! Each `response` record whose HTTP payload is a successful HTML page becomes one
//! [`Document`] named `path#N` (N: the record's 1-based position in the file), with
//! `WARC-Target-URI` and `WARC-Date` in its provenance. Other records (warcinfo,
//! request, metadata, revisits, non-HTML responses, error statuses) are skipped: they
//! are not articles. A record cut short by the end of the file, or whose header block
//! is malformed, is an error naming the file and record number; the stream stops
//! there, since record boundaries can no longer be trusted.
//!
//! Why not the `warc` crate: its reader (0.4) ends the iteration without an error when
//! a file stops inside a record's header block, so a truncated final record would be
//! lost silently, and it has no cap on one record's size. The format is simple enough
//! (header lines, `Content-Length` bytes, two CRLFs) to read here with those two
//! guarantees.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use chrono::{DateTime, Utc};
use storyline_model::{Document, Provenance};

use crate::IngestError;

/// A record body larger than this is skipped (streamed past, not buffered) and reported:
/// news pages are far smaller, and one huge record must not blow the memory bound.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// Header blocks longer than this are malformed (real ones are well under 4 KiB).
const MAX_HEADER_BYTES: usize = 256 * 1024;

/// True for names ending in `.warc` or `.warc.gz` (any case).
pub fn is_warc(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".warc") || lower.ends_with(".warc.gz")
}

/// Open a WARC file as a stream of documents. Gzip is detected by its magic bytes, so
/// a plain file named `.warc.gz` is read too.
pub fn read_warc(path: &Path) -> Result<WarcDocuments, IngestError> {
    let source = path.display().to_string();
    let mut file = BufReader::with_capacity(
        1 << 16,
        File::open(path).map_err(|e| IngestError::io(&source, e))?,
    );
    let gzipped = file
        .fill_buf()
        .map(|head| head.starts_with(&[0x1f, 0x8b]))
        .map_err(|e| IngestError::io(&source, e))?;
    let reader: Box<dyn BufRead + Send> = if gzipped {
        // MultiGzDecoder reads the member-per-record layout of CC files in one stream.
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(file)
    };
    Ok(WarcDocuments::new(source, reader))
}

/// The documents of one WARC stream, read lazily.
pub struct WarcDocuments {
    source: String,
    reader: Box<dyn BufRead + Send>,
    /// Records read so far (all types), so the next one is `record + 1`.
    record: usize,
    done: bool,
}

impl WarcDocuments {
    pub fn new(source: String, reader: Box<dyn BufRead + Send>) -> Self {
        Self {
            source,
            reader,
            record: 0,
            done: false,
        }
    }

    /// Records read so far, of every type.
    pub fn records_read(&self) -> usize {
        self.record
    }

    fn fail(&mut self, reason: String) -> Option<Result<Document, IngestError>> {
        self.done = true;
        Some(Err(IngestError::Record {
            source_name: format!("{}#{}", self.source, self.record),
            reason,
        }))
    }
}

impl Iterator for WarcDocuments {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let headers = match read_header_block(&mut self.reader) {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(headers)) => headers,
                Err(reason) => {
                    self.record += 1;
                    return self.fail(reason);
                }
            };
            self.record += 1;
            let Some(length) =
                header(&headers, "content-length").and_then(|v| v.parse::<u64>().ok())
            else {
                return self.fail("WARC record without a valid Content-Length".into());
            };
            let wanted =
                header(&headers, "warc-type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
            if !wanted || length > MAX_RECORD_BYTES {
                match std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink()) {
                    Ok(n) if n == length => {}
                    Ok(n) => return self.fail(truncated(n, length)),
                    Err(e) => return self.fail(format!("cannot read the record: {e}")),
                }
                if let Err(reason) = skip_record_end(&mut self.reader) {
                    return self.fail(reason);
                }
                if wanted {
                    return Some(Err(IngestError::Record {
                        source_name: format!("{}#{}", self.source, self.record),
                        reason: format!(
                            "record of {length} bytes is over the {MAX_RECORD_BYTES}-byte limit"
                        ),
                    }));
                }
                continue;
            }
            let mut block = Vec::with_capacity(length as usize);
            match (&mut self.reader).take(length).read_to_end(&mut block) {
                Ok(n) if n as u64 == length => {}
                Ok(n) => return self.fail(truncated(n as u64, length)),
                Err(e) => {
                    return self.fail(format!("cannot read the record ({e}); truncated file?"))
                }
            }
            if let Err(reason) = skip_record_end(&mut self.reader) {
                return self.fail(reason);
            }
            let name = format!("{}#{}", self.source, self.record);
            let Some(body) = html_payload(&block) else {
                continue;
            };
            let provenance = Provenance {
                url: header(&headers, "warc-target-uri")
                    .map(|u| u.trim_matches(['<', '>']).to_string()),
                fetched_at: header(&headers, "warc-date")
                    .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
                    .map(|d| d.with_timezone(&Utc)),
                ..Provenance::default()
            };
            let mut documents = crate::read_bytes(&name, body.to_vec(), provenance);
            // An HTML payload is one document; anything else read_bytes made of it is
            // still reported under this record's name.
            return documents.pop();
        }
        None
    }
}

fn truncated(got: u64, wanted: u64) -> String {
    format!("truncated record: {got} of {wanted} bytes before the end of the file")
}

/// The header block of the next record as (lowercase name, value) pairs; `Ok(None)` at
/// a clean end of the file (only blank lines left).
fn read_header_block(reader: &mut dyn BufRead) -> Result<Option<Vec<(String, String)>>, String> {
    let mut line = Vec::new();
    // Skip blank lines between records (some writers add extra CRLFs).
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read the record header ({e}); truncated file?"))?;
        if n == 0 {
            return Ok(None);
        }
        if !line.trim_ascii().is_empty() {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err(format!(
            "not a WARC record: starts with {:?}",
            String::from_utf8_lossy(&line[..line.len().min(40)]).trim_end()
        ));
    }
    let mut headers = Vec::new();
    let mut total = line.len();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read the record header ({e}); truncated file?"))?;
        total += n;
        if n == 0 || !line.ends_with(b"\n") {
            return Err("truncated record: the file ends inside the header block".into());
        }
        if total > MAX_HEADER_BYTES {
            return Err(format!("header block over {MAX_HEADER_BYTES} bytes"));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(Some(headers));
        }
        if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
}

/// After the block come two CRLFs; a missing end of file there means truncation.
fn skip_record_end(reader: &mut dyn BufRead) -> Result<(), String> {
    let mut seen = 0;
    while seen < 2 {
        let buf = reader
            .fill_buf()
            .map_err(|e| format!("cannot read the record end ({e}); truncated file?"))?;
        match buf.first() {
            None => {
                return Err(
                    "truncated record: the file ends before the record's closing CRLFs".into(),
                )
            }
            Some(b'\r') => reader.consume(1),
            Some(b'\n') => {
                reader.consume(1);
                seen += 1;
            }
            // A writer that left out the separator: the next record starts here.
            Some(_) => return Ok(()),
        }
    }
    Ok(())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The body of a successful HTTP response with an HTML (or unstated) content type.
fn html_payload(block: &[u8]) -> Option<&[u8]> {
    let end = find(block, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let content_type = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.trim().to_ascii_lowercase());
    let html = content_type
        .as_deref()
        .is_none_or(|t| t.starts_with("text/html") || t.starts_with("application/xhtml"));
    let body = &block[end.0 + end.1..];
    (html && !body.is_empty()).then_some(body)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
