//! Errors that name the input (and line or record) and say what was wrong.

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{source_name}: {reason}")]
    Io { source_name: String, reason: String },
    #[error("{source_name}: empty file; skipped")]
    Empty { source_name: String },
    #[error("{source_name}: binary content (not text); skipped")]
    Binary { source_name: String },
    #[error("{source_name}: truncated or corrupt gzip ({reason}); skipped")]
    Gzip { source_name: String, reason: String },
    #[error(
        "{source_name}: invalid UTF-8 (declared {declared}) at line {line}, byte {offset}; skipped"
    )]
    InvalidUtf8 {
        source_name: String,
        declared: String,
        line: usize,
        offset: usize,
    },
    #[error("{source_name}: {reason}; skipped")]
    Record { source_name: String, reason: String },
    #[error("{source_name}: no such file or directory")]
    Missing { source_name: String },
    #[error("{source_name}: glob pattern matched no file")]
    NoMatch { source_name: String },
}

impl IngestError {
    pub(crate) fn io(source: impl AsRef<str>, err: std::io::Error) -> Self {
        let reason = match err.kind() {
            std::io::ErrorKind::PermissionDenied => "permission denied; skipped".to_string(),
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            _ => format!("cannot read: {err}"),
        };
        IngestError::Io {
            source_name: source.as_ref().to_string(),
            reason,
        }
    }

    pub(crate) fn io_path(path: &Path, err: std::io::Error) -> Self {
        Self::io(path.display().to_string(), err)
    }

    /// The input (path, `path:LINE`, `path#INDEX` or `-`) the error is about.
    pub fn source_name(&self) -> &str {
        match self {
            IngestError::Io { source_name, .. }
            | IngestError::Empty { source_name }
            | IngestError::Binary { source_name }
            | IngestError::Gzip { source_name, .. }
            | IngestError::InvalidUtf8 { source_name, .. }
            | IngestError::Record { source_name, .. }
            | IngestError::Missing { source_name }
            | IngestError::NoMatch { source_name } => source_name,
        }
    }
}
