//! Expanding command-line inputs: files, folders (recursive), globs and `-`.

use std::path::{Path, PathBuf};

use crate::IngestError;

/// One readable input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as given or as found while walking a folder; `-` for stdin.
    pub source: String,
    pub kind: InputKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    File(PathBuf),
    Stdin,
}

/// Expand every argument; each one that cannot be used becomes an error naming it.
/// Folders are walked in sorted order (deterministic), skipping hidden entries.
pub fn expand_inputs(args: &[String]) -> Vec<Result<Input, IngestError>> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(Ok(Input {
                source: "-".into(),
                kind: InputKind::Stdin,
            }));
        } else if Path::new(arg).exists() {
            expand_path(Path::new(arg), &mut out);
        } else if arg.contains(['*', '?', '[']) {
            expand_glob(arg, &mut out);
        } else {
            out.push(Err(IngestError::Missing {
                source_name: arg.clone(),
            }));
        }
    }
    out
}

fn expand_glob(pattern: &str, out: &mut Vec<Result<Input, IngestError>>) {
    let paths = match glob::glob(pattern) {
        Ok(paths) => paths,
        Err(err) => {
            let reason = format!("invalid glob pattern: {err}");
            out.push(Err(IngestError::Io {
                source_name: pattern.to_string(),
                reason,
            }));
            return;
        }
    };
    let before = out.len();
    for entry in paths {
        match entry {
            Ok(path) => expand_path(&path, out),
            Err(err) => {
                let path = err.path().to_path_buf();
                out.push(Err(IngestError::io_path(&path, err.into())))
            }
        }
    }
    if out.len() == before {
        out.push(Err(IngestError::NoMatch {
            source_name: pattern.to_string(),
        }));
    }
}

fn expand_path(path: &Path, out: &mut Vec<Result<Input, IngestError>>) {
    if !path.is_dir() {
        out.push(Ok(file_input(path)));
        return;
    }
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => out.push(Ok(file_input(entry.path()))),
            Ok(_) => {}
            Err(err) => {
                let name = err.path().unwrap_or(path).display().to_string();
                let io = err
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("walk error"));
                out.push(Err(IngestError::io(name, io)));
            }
        }
    }
}

fn file_input(path: &Path) -> Input {
    Input {
        source: path.display().to_string(),
        kind: InputKind::File(path.to_path_buf()),
    }
}
