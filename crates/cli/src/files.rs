//! The returned contracts named on the command line: files as given,
//! folders walked recursively for PDFs and scanned images (`*.pdf`,
//! `*.jpg`, `*.jpeg`, `*.png`, `*.tif`, `*.tiff`, any letter case), in a
//! stable order (each
//! folder's entries sorted by name), so the same folder gives the same
//! table. Symbolic links to folders are not followed, so a link loop cannot
//! make the walk endless.

use std::path::{Path, PathBuf};

/// The largest returned file read, in bytes: `rinnovo-pdf` and the office
/// page refuse a larger one before reading it.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// A path that could not be listed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// The path, as given or found.
    pub path: PathBuf,
    /// What went wrong, in one line.
    pub message: String,
}

/// The returned files under `paths`, in order, and what could not be
/// read.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(WalkError {
                path: path.clone(),
                message: e.to_string(),
            }),
            Ok(meta) if !meta.is_dir() => files.push(path.clone()),
            Ok(_) => walk(path, &mut files, &mut errors),
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<WalkError>) {
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() && is_return(e.path()) => {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => errors.push(WalkError {
                path: e.path().unwrap_or(dir).to_path_buf(),
                message: e
                    .io_error()
                    .map(|io| io.to_string())
                    .unwrap_or_else(|| e.to_string()),
            }),
        }
    }
}

/// The endings of the files a folder is searched for: digital returns and
/// scans.
const ENDINGS: [&str; 6] = ["pdf", "jpg", "jpeg", "png", "tif", "tiff"];

fn is_return(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ENDINGS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// Whether a folder's file named `name` is searched for: the office page's
/// folders give the same files as the command's.
pub fn is_return_name(name: &str) -> bool {
    is_return(Path::new(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_in_name_order_for_pdfs_and_scans_only() {
        let root = std::env::temp_dir().join(format!("rinnovo-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("b/inner")).unwrap();
        std::fs::create_dir_all(root.join("a")).unwrap();
        for f in [
            "b/inner/z.PDF",
            "b/y.pdf",
            "a/x.pdf",
            "a/note.txt",
            "a/scan.TIF",
            "c.pdf",
            "d.jpeg",
        ] {
            std::fs::write(root.join(f), b"").unwrap();
        }
        let (files, errors) = collect(&[root.clone(), root.join("a/note.txt"), root.join("nope")]);
        let names: Vec<String> = files
            .iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "a/scan.TIF",
                "a/x.pdf",
                "b/inner/z.PDF",
                "b/y.pdf",
                "c.pdf",
                "d.jpeg",
                "a/note.txt"
            ]
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].path.ends_with("nope"));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
