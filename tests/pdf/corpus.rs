//! The corpus of real PDFs (tests/pdf/corpus, from the py-pdf project's
//! sample files, CC-BY-SA-4.0) and the kinds of file the back office meets
//! that the corpus does not hold as such, made from it with qpdf or by hand:
//! linearized with object streams, large images, wrong cross-reference
//! offsets, a broken `/Root`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The corpus, from the root package's tests or from a crate's.
pub fn corpus_dir() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        here.join("tests/pdf/corpus"),
        here.join("../../tests/pdf/corpus"),
    ]
    .into_iter()
    .find(|d| d.is_dir())
    .unwrap_or_else(|| panic!("no tests/pdf/corpus above {}", here.display()))
}

/// Every PDF of the corpus, sorted, as paths relative to the corpus.
pub fn corpus_files() -> Vec<String> {
    let root = corpus_dir();
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if dir.is_dir() {
            for f in std::fs::read_dir(&dir).unwrap() {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|e| e == "pdf") {
                    out.push(
                        f.strip_prefix(&root)
                            .unwrap()
                            .to_string_lossy()
                            .into_owned(),
                    );
                }
            }
        }
    }
    out.sort();
    out
}

pub fn read(rel: &str) -> Vec<u8> {
    std::fs::read(corpus_dir().join(rel)).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-corpus");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Runs qpdf on a corpus file; qpdf exits 3 for "succeeded with warnings".
fn qpdf(rel: &str, args: &[&str], out_name: &str) -> Vec<u8> {
    let out = scratch(out_name);
    let status = Command::new("qpdf")
        .args(args)
        .arg(corpus_dir().join(rel))
        .arg(&out)
        .status()
        .unwrap_or_else(|e| panic!("qpdf could not run ({e}): apt-get install qpdf"));
    assert!(
        matches!(status.code(), Some(0 | 3)),
        "qpdf {args:?} {rel} failed"
    );
    std::fs::read(out).unwrap()
}

/// The page count qpdf finds (its own recovery included).
pub fn qpdf_pages(bytes: &[u8], name: &str) -> usize {
    let path = scratch(name);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("qpdf")
        .arg("--show-npages")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("qpdf could not run ({e}): apt-get install qpdf"));
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// The 1.8 MB GeoTopo book (117 pages), linearized, with its objects in
/// object streams and its content streams uncompressed: 4.4 MB, 29 object
/// streams.
pub fn linearized_with_object_streams() -> Vec<u8> {
    qpdf(
        "009-pdflatex-geotopo/GeoTopo-komprimiert.pdf",
        &[
            "--linearize",
            "--object-streams=generate",
            "--stream-data=uncompress",
        ],
        "linearized.pdf",
    )
}

/// A form, linearized, with object streams.
pub fn linearized_form() -> Vec<u8> {
    qpdf(
        "012-libreoffice-form/libreoffice-form.pdf",
        &["--linearize", "--object-streams=generate"],
        "linearized-form.pdf",
    )
}

/// A 4.6 MB page with a large image, its streams uncompressed.
pub fn large_images() -> Vec<u8> {
    qpdf(
        "018-base64-image/base64image.pdf",
        &["--stream-data=uncompress"],
        "large-images.pdf",
    )
}

/// The file with 1,000 bytes inserted after the header line, so that every
/// cross-reference offset and `startxref` is wrong.
pub fn wrong_offsets(bytes: &[u8]) -> Vec<u8> {
    let eol = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut out = bytes[..eol].to_vec();
    for _ in 0..20 {
        out.extend_from_slice(b"% padding that moves every object by 1000 bytes ....\n");
    }
    out.truncate(eol + 1000);
    out.push(b'\n');
    out.extend_from_slice(&bytes[eol..]);
    out
}

/// The file with every trailer's `/Root` pointing at an object that does
/// not exist (same length, so the offsets stay right).
pub fn broken_root(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut i = 0;
    let mut changed = 0;
    while let Some(p) = out[i..].windows(5).position(|w| w == b"/Root") {
        let mut k = i + p + 5;
        while out[k] == b' ' {
            k += 1;
        }
        while out[k].is_ascii_digit() {
            out[k] = b'9';
            k += 1;
        }
        changed += 1;
        i = k;
    }
    assert!(changed > 0, "no /Root to break");
    out
}
