//! Hostile input, made by the test itself: files built to exhaust a reader
//! (nesting, cycles, lies, counts, bombs), real files truncated at every
//! kilobyte, and random mutations of every corpus file. Each must end in a
//! typed error or a result within 2 s, never a panic, an abort or a stack
//! overflow (which would kill this test binary), and each case must stay under
//! 256 MB (counted by this binary's allocator, per case).
//!
//! Each file goes through what the app and the back office do with a PDF:
//! the worker's import job, and loading, listing, filling, flattening and
//! writing the form. A bounded run is part of `cargo test`; `scripts/fuzz`
//! runs the mutation loop for as long as asked (`RINNOVO_FUZZ_ROUNDS`,
//! `RINNOVO_FUZZ_SEED`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
#![cfg(not(target_arch = "wasm32"))]

#[path = "pdf/common.rs"]
mod common;
#[path = "pdf/corpus.rs"]
mod corpus;

use acroform::{FieldKind, FormDocument, LoadError, PdfError};
use rinnovo_core::content::PdfTexts;
use rinnovo_core::jobs::{Doc, Job, Outcome};
use rinnovo_documents::renewal::{self, Options};
use std::time::{Duration, Instant};

const MAX_SECONDS: u64 = 2;
const MAX_PEAK_BYTES: usize = 256 * 1024 * 1024;

/// Counts the bytes each thread has allocated, and their peak, so that every
/// case's memory is measured on its own while the tests run in parallel.
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    pub struct Counting;

    thread_local! {
        static CURRENT: Cell<usize> = const { Cell::new(0) };
        static PEAK: Cell<usize> = const { Cell::new(0) };
    }

    fn add(n: usize) {
        let now = CURRENT.with(|c| {
            let v = c.get().saturating_add(n);
            c.set(v);
            v
        });
        PEAK.with(|p| p.set(p.get().max(now)));
    }

    fn sub(n: usize) {
        CURRENT.with(|c| c.set(c.get().saturating_sub(n)));
    }

    // SAFETY: every call is passed on unchanged to the system allocator.
    #[allow(
        unsafe_code,
        reason = "a global allocator is an unsafe trait; this one only counts"
    )]
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            add(layout.size());
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            sub(layout.size());
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            add(new_size);
            sub(layout.size());
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    /// Starts a measurement: the peak from now is measured from here.
    pub fn start() -> usize {
        let now = CURRENT.with(Cell::get);
        PEAK.with(|p| p.set(now));
        now
    }

    /// The most bytes this thread held above `start` since then.
    pub fn peak_since(start: usize) -> usize {
        PEAK.with(Cell::get).saturating_sub(start)
    }
}

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// Everything the app and the back office do with an untrusted PDF. Returns
/// what loading it gave, for the tests that expect a particular refusal.
fn exercise(content: &PdfTexts<'static>, bytes: &[u8]) -> Result<(), PdfError> {
    let (outcome, _) = rinnovo_documents::jobs::run(&Job::Import, bytes, content, None);
    assert!(
        matches!(outcome, Outcome::Draft { .. } | Outcome::Error { .. }),
        "{outcome:?}"
    );
    let mut doc = FormDocument::load(bytes)?;
    let fields: Vec<(String, FieldKind)> = doc
        .fields()
        .iter()
        .map(|f| (f.name.clone(), f.kind))
        .collect();
    for (name, kind) in fields.iter().take(50) {
        let _ = match kind {
            FieldKind::Text => doc.set_text(name, "Prova 123"),
            FieldKind::Checkbox => doc.set_checkbox(name, true),
            FieldKind::Pushbutton => doc.set_image(name, &common::stamp_png(8)),
            _ => doc.set_value(name, "1"),
        };
    }
    doc.flatten(|f| f.kind == FieldKind::Signature);
    let _ = doc.to_bytes();
    Ok(())
}

/// How long a case may run before the test gives up on it: a reader that
/// hangs fails here, naming the case, instead of stalling CI.
const HANG_SECONDS: u64 = 20;

/// Runs [`exercise`] on a thread of its own and checks its time and memory.
fn survive(content: &PdfTexts<'static>, name: &str, bytes: &[u8]) -> Result<(), PdfError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let (content, input) = (content.clone(), bytes.to_vec());
    let spawned = std::thread::Builder::new().spawn(move || {
        let memory = counting::start();
        let start = Instant::now();
        let r = exercise(&content, &input);
        let _ = tx.send((r, start.elapsed(), counting::peak_since(memory)));
    });
    assert!(spawned.is_ok(), "{name}: no thread");
    let (r, took, peak) = match rx.recv_timeout(Duration::from_secs(HANG_SECONDS)) {
        Ok(done) => done,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{name}: still running after {HANG_SECONDS} s")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: panicked"),
    };
    assert!(
        took < Duration::from_secs(MAX_SECONDS),
        "{name}: took {took:?} ({} bytes)",
        bytes.len()
    );
    assert!(peak < MAX_PEAK_BYTES, "{name}: {} MB", peak >> 20);
    PEAK.with(|p| p.set(p.get().max(peak)));
    r
}

thread_local! {
    /// The largest peak of any case on this thread.
    static PEAK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn refused(content: &PdfTexts<'static>, name: &str, bytes: &[u8], why: LoadError) {
    assert_eq!(
        survive(content, name, bytes).err(),
        Some(PdfError::Load(why)),
        "{name}"
    );
}

/// A small valid file around `extra` objects (numbered from 10), whose
/// catalog points at object 10 as its AcroForm's only field.
fn file_with(extra: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    file_with_catalog(extra, trailer, "")
}

/// [`file_with`], with more entries in the catalog.
fn file_with_catalog(extra: &[Vec<u8>], trailer: &str, catalog: &str) -> Vec<u8> {
    let mut pdf = format!("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [10 0 R] >> {catalog} >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n").into_bytes();
    for (i, body) in extra.iter().enumerate() {
        pdf.extend(format!("{} 0 obj ", 10 + i).as_bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    pdf.extend(format!("trailer << /Root 1 0 R {trailer} >>\n%%EOF\n").as_bytes());
    pdf
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// An object stream of `data` holding objects `header` (pairs "num off");
/// entries of `extra_dict` come last, so they override /N and /First.
fn object_stream(header: &str, data: &[u8], extra_dict: &str) -> Vec<u8> {
    let mut plain = header.as_bytes().to_vec();
    plain.push(b' ');
    let first = plain.len();
    plain.extend(data);
    let n = header.split_whitespace().count() / 2;
    let z = deflate(&plain);
    let mut s = format!(
        "<< /Type /ObjStm /N {n} /First {first} /Filter /FlateDecode /Length {} {extra_dict} >>\nstream\n",
        z.len()
    )
    .into_bytes();
    s.extend(z);
    s.extend(b"\nendstream");
    s
}

fn nested(open: &str, close: &str, depth: usize) -> Vec<u8> {
    let mut v = open.repeat(depth).into_bytes();
    v.extend(close.repeat(depth).as_bytes());
    v
}

/// The generated cases, with the refusal each must end in (`None`: any
/// typed outcome). One test, run in sequence, so that the memory peak is
/// this run's.
#[test]
fn generated_hostile_files_end_in_typed_errors_within_bounds() {
    let content = rinnovo_documents::PDF_TEXTS.clone();
    let c = &content;
    let million = 1_000_000;
    let mut cases = 0;

    // Nesting 10^6 deep in the file body: arrays, dictionaries, both.
    for (open, close) in [("[", "]"), ("<< /A ", ">>"), ("[ << /A ", ">> ]")] {
        let pdf = file_with(&[nested(open, close, million)], "");
        refused(c, &format!("body {open}"), &pdf, LoadError::Hostile);
        cases += 1;
    }
    // ... in an object stream, and in a cross-reference stream's dictionary.
    let objstm = object_stream("20 0", &nested("[", "]", million), "");
    refused(
        c,
        "object stream",
        &file_with(&[objstm], ""),
        LoadError::Hostile,
    );
    let mut xref = b"<< /Type /XRef /Size 30 /W ".to_vec();
    xref.extend(nested("[", "]", million));
    xref.extend(b" /Root 1 0 R /Length 0 >>\nstream\n\nendstream");
    refused(
        c,
        "xref stream",
        &file_with(&[xref], ""),
        LoadError::Hostile,
    );
    // A literal string of 10^6 nested parentheses is counted, not recursed.
    let mut s = vec![b'('; million];
    s.extend(vec![b')'; million]);
    survive(c, "nested string", &file_with(&[s], "")).unwrap();
    cases += 3;

    // Reference cycles: a field that is its own kid and parent, a page tree
    // that contains itself, a name tree and an /AF that loop, a /Root that
    // points at a reference chain.
    let cyclic = file_with(
        &[
            b"<< /FT /Tx /T (a) /Kids [10 0 R 11 0 R] /Parent 10 0 R >>".to_vec(),
            b"<< /Parent 11 0 R /Kids [11 0 R 10 0 R] /Type /Annot /Subtype /Widget /Rect [0 0 10 10] >>".to_vec(),
        ],
        "/Info 12 0 R",
    );
    survive(c, "field cycles", &cyclic).unwrap();
    let pages = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> /AF [5 0 R 5 0 R] /AcroForm << /Fields 6 0 R >> >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n3 0 obj << /Type /Page /Parent 3 0 R /Annots 3 0 R >> endobj\n4 0 obj << /Kids [4 0 R] /Names [(rinnovo-dati.json) 5 0 R] >> endobj\n5 0 obj << /Type /Filespec /EF << /F 5 0 R >> >> endobj\n6 0 obj 7 0 R endobj\n7 0 obj 6 0 R endobj\ntrailer << /Root 1 0 R >>";
    survive(c, "page tree, name tree and reference cycles", pages).unwrap();
    cases += 2;

    // /Prev loops and chains: the reader never follows them.
    let mut prev = file_with(&[], "/Prev 9");
    prev.extend(
        b"xref\n0 1\n0000000000 65535 f \ntrailer << /Root 1 0 R /Prev 0 >>\nstartxref\n0\n%%EOF\n",
    );
    survive(c, "/Prev loop", &prev).unwrap();
    cases += 1;

    // /Length, /N and /First that lie: the data still ends at endstream.
    for length in ["999999999", "-5", "0", "3", "99 0 R", "(x)", "12 0 R"] {
        let body = format!("<< /Length {length} >>\nstream\nabcdef\nendstream").into_bytes();
        let lie = format!(
            "12 0 obj {} endobj",
            if length == "12 0 R" { "999" } else { "0" }
        );
        let mut pdf = file_with(&[body], "");
        pdf.extend(lie.as_bytes());
        survive(c, &format!("/Length {length}"), &pdf).unwrap();
        let doc = acroform::load::load(&pdf).unwrap();
        let stream = doc.get_object((10, 0)).and_then(lopdf::Object::as_stream);
        assert_eq!(
            stream.map(|s| s.content.as_slice()).ok(),
            Some(&b"abcdef"[..]),
            "/Length {length}"
        );
        cases += 1;
    }
    let no_end = b"<< /Length 100000 >>\nstream\nabc".to_vec();
    survive(c, "stream without endstream", &file_with(&[no_end], "")).unwrap();
    cases += 1;
    for (header, dict) in [
        ("20 0 21 3", "/N 999999999"),
        ("20 0 21 3", "/N -1"),
        ("20 99999 21 -4", ""),
        ("20 0 21 0 22 0 23 0", ""),
    ] {
        let s = object_stream(header, b"1 2 3 [4] << >>", dict);
        survive(
            c,
            &format!("object stream {header} {dict}"),
            &file_with(&[s], ""),
        )
        .unwrap();
        cases += 1;
    }
    for first in ["99999999999", "-3", "1 0 R"] {
        let s = object_stream("20 0", b"1", &format!("/First {first}"));
        survive(c, &format!("/First {first}"), &file_with(&[s], "")).unwrap();
        cases += 1;
    }

    // 10^6 tiny objects, in the body and in object streams.
    let mut tiny = b"%PDF-1.7\n".to_vec();
    for i in 0..million {
        tiny.extend(format!("{} 0 obj 0\n", i + 4).as_bytes());
    }
    tiny.extend(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj trailer << /Root 1 0 R >>");
    refused(c, "10^6 objects", &tiny, LoadError::Hostile);
    let header: String = (0..million).map(|i| format!("{} 0 ", i + 20)).collect();
    let s = object_stream(&header, b"0", "");
    refused(
        c,
        "10^6 objects in a stream",
        &file_with(&[s], ""),
        LoadError::Hostile,
    );
    cases += 2;

    // Decompression bombs: object streams that inflate past the budget, one
    // large or many medium; an attachment that inflates past its cap.
    let zeros = vec![b' '; 80 * 1024 * 1024];
    let bomb = object_stream("20 0", &zeros, "");
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    refused(
        c,
        "object stream bomb",
        &file_with(&[bomb], ""),
        LoadError::Hostile,
    );
    let medium = object_stream("20 0", &zeros[..4 * 1024 * 1024], "");
    let many: Vec<Vec<u8>> = (0..20).map(|_| medium.clone()).collect();
    refused(
        c,
        "20 object streams of 4 MB",
        &file_with(&many, ""),
        LoadError::Hostile,
    );
    let z = deflate(&zeros);
    let mut attachment = format!(
        "<< /Type /EmbeddedFile /Filter /FlateDecode /Length {} >>\nstream\n",
        z.len()
    )
    .into_bytes();
    attachment.extend(&z);
    attachment.extend(b"\nendstream");
    let spec =
        b"<< /Type /Filespec /F (rinnovo-dati.json) /UF (rinnovo-dati.json) /EF << /F 10 0 R >> >>";
    let pdf = file_with_catalog(
        &[attachment, spec.to_vec()],
        "",
        "/Names << /EmbeddedFiles << /Names [(rinnovo-dati.json) 11 0 R] >> >>",
    );
    survive(c, "attachment bomb", &pdf).unwrap();
    assert_eq!(
        rinnovo_documents::extract_json(&pdf).err(),
        Some(rinnovo_documents::ImportError::AttachmentTooLarge)
    );
    cases += 2;

    // Many unterminated strings: a search that restarts after each broken
    // object must not make the scan quadratic.
    let mut strings = b"%PDF-1.7\n".to_vec();
    for i in 0..200_000 {
        strings.extend(format!("{i} 0 obj (").as_bytes());
    }
    assert_eq!(
        survive(c, "200,000 unterminated strings", &strings).err(),
        Some(PdfError::Load(LoadError::Hostile))
    );
    // ... the same through the look-ahead for `n g R` and `stream`, which
    // reads past an unterminated string before it steps back, and through
    // an object stream whose entries all point at one such string.
    let mut lookahead = b"%PDF-1.7\n".to_vec();
    for i in 0..200_000 {
        lookahead.extend(format!("{i} 0 obj<<>>(\n").as_bytes());
    }
    assert!(survive(c, "200,000 dictionaries before an open string", &lookahead).is_err());
    let mut trailers = b"%PDF-1.7\n".to_vec();
    for _ in 0..200_000 {
        trailers.extend(b"trailer 1 (\n");
    }
    assert!(survive(c, "200,000 trailers before an open string", &trailers).is_err());
    let mut open = b"1 (".to_vec();
    open.extend(vec![b'('; 10_000_000]);
    let header: String = (0..200_000).map(|i| format!("{} 0 ", i + 20)).collect();
    let s = object_stream(&header, &open, "");
    drop(open);
    survive(
        c,
        "200,000 entries at one open string",
        &file_with(&[s], ""),
    )
    .unwrap();
    cases += 3;

    // A million keys in one dictionary: memory grows with keys too.
    let mut keys = b"<< ".to_vec();
    for i in 0..1_000_000 {
        keys.extend(format!("/K{i} 1 ").as_bytes());
    }
    keys.extend(b">>");
    refused(
        c,
        "a million keys",
        &file_with(&[keys], ""),
        LoadError::Hostile,
    );
    cases += 1;

    let mut streams = b"%PDF-1.7\n".to_vec();
    for i in 0..200_000 {
        streams.extend(format!("{i} 0 obj << >> stream\n").as_bytes());
    }
    assert!(survive(c, "200,000 streams without end", &streams).is_err());
    cases += 2;

    // Files as large as the reader accepts, made of what costs it most: the
    // allowances grow with the file's size, up to their ceilings.
    let at_most = acroform::load::MAX_PDF_BYTES - 4096;
    // Tiny objects: the object ceiling.
    let mut tiny = b"%PDF-1.7\n".to_vec();
    let mut i = 4;
    while tiny.len() < at_most {
        tiny.extend(format!("{i} 0 obj 0\n").as_bytes());
        i += 1;
    }
    tiny.extend(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj trailer << /Root 1 0 R >>");
    refused(c, "20 MB of tiny objects", &tiny, LoadError::Hostile);
    drop(tiny);
    // Arrays and dictionaries just past a power of two (the most slack a
    // growing container keeps), then many small dictionaries as a tagged
    // file holds, each up to the file size limit: the value ceiling.
    let half = (1 << 17) + 1;
    let zeros = format!("[{}]", "0 ".repeat(half));
    let n = at_most / zeros.len();
    let arrays: Vec<Vec<u8>> = (0..n).map(|_| zeros.clone().into_bytes()).collect();
    refused(
        c,
        "arrays of 2^17 + 1 items up to 20 MB",
        &file_with(&arrays, ""),
        LoadError::Hostile,
    );
    drop(arrays);
    let keys: String = (0..half).map(|k| format!("/K{k} 0 ")).collect();
    let dict = format!("<< {keys} >>");
    let n = at_most / dict.len();
    let dicts: Vec<Vec<u8>> = (0..n).map(|_| dict.clone().into_bytes()).collect();
    refused(
        c,
        "dictionaries of 2^17 + 1 keys up to 20 MB",
        &file_with(&dicts, ""),
        LoadError::Hostile,
    );
    drop(dicts);
    let small = b"<< /Type /StructElem /S /Span /P 10 0 R /Pg 3 0 R /K 0 >>".to_vec();
    let n = at_most / (small.len() + 24);
    let smalls: Vec<Vec<u8>> = (0..n).map(|_| small.clone()).collect();
    refused(
        c,
        "small dictionaries up to 20 MB",
        &file_with(&smalls, ""),
        LoadError::Hostile,
    );
    drop(smalls);
    // A Flate bomb in a file padded to 20 MB: the inflated ceiling.
    let mut padded = file_with(
        &[object_stream("20 0", &vec![b' '; 96 * 1024 * 1024], "")],
        "",
    );
    padded.extend(format!("%{}\n", "x".repeat(at_most - padded.len())).as_bytes());
    refused(
        c,
        "object stream bomb in 20 MB",
        &padded,
        LoadError::Hostile,
    );
    drop(padded);
    cases += 5;

    // Encryption is refused whatever else the file holds.
    refused(
        c,
        "encrypted",
        &file_with(&[], "/Encrypt << /Filter /Standard >>"),
        LoadError::Encrypted,
    );
    cases += 1;

    let peak = PEAK.with(std::cell::Cell::get);
    eprintln!(
        "{cases} generated hostile cases, largest peak {} MB",
        peak >> 20
    );
}

/// A filled renewal PDF (the app's own output) and a third-party form,
/// truncated at every kilobyte.
#[test]
fn real_files_truncated_at_every_kilobyte_end_in_typed_errors() {
    let (content, form, json) =
        common::form_with(rinnovo_core::domain::draft::SignatureMethod::Drawn);
    let filled = common::fill(Doc::Both, (&content, &form, &json), Options::default()).unwrap();
    let third_party = corpus::read("012-libreoffice-form/libreoffice-form.pdf");
    let mut cases = 0;
    for (name, bytes) in [("renewal", &filled), ("libreoffice-form", &third_party)] {
        for end in (0..bytes.len()).step_by(1024) {
            let _ = survive(&content, &format!("{name} cut at {end}"), &bytes[..end]);
            cases += 1;
        }
    }
    eprintln!("{cases} truncations");
}

/// A small, seeded pseudo-random generator (xorshift64*): the same seed
/// gives the same mutations on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to a PDF reader, for mutations that hit its grammar.
const SPICE: &[&[u8]] = &[
    b"[",
    b"]",
    b"<<",
    b">>",
    b"(",
    b")",
    b"<",
    b">",
    b"/",
    b"%",
    b"\n",
    b" R ",
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"trailer",
    b"0",
    b"-1",
    b"99999999999",
    b"/Root",
    b"/Kids",
    b"/Parent",
    b"/Length",
    b"/N",
    b"/First",
    b"/ObjStm",
    b"/XRef",
    b"/Filter /FlateDecode",
    b"\\",
    b"#",
];

/// One random change: flip, overwrite, insert, delete or duplicate bytes.
fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut v = src.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(v.len());
        match rng.below(5) {
            0 => {
                if let Some(b) = v.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => {
                if let Some(b) = v.get_mut(at) {
                    *b = rng.next() as u8;
                }
            }
            2 => {
                let spice = SPICE[rng.below(SPICE.len())];
                v.splice(at..at, spice.iter().copied());
            }
            3 => {
                let end = (at + rng.below(64)).min(v.len());
                v.drain(at..end);
            }
            _ => {
                let end = (at + rng.below(256)).min(v.len());
                let chunk = v[at..end].to_vec();
                let to = rng.below(v.len());
                v.splice(to..to, chunk);
            }
        }
    }
    v
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Random mutations of every corpus file (encrypted included) and of the
/// app's own PDF.
#[test]
fn random_mutations_of_every_corpus_file_end_in_typed_errors() {
    let rounds = env_number("RINNOVO_FUZZ_ROUNDS", 12);
    let seed = env_number("RINNOVO_FUZZ_SEED", 0x5EED_2026);
    let content = rinnovo_documents::PDF_TEXTS.clone();
    let mut files: Vec<(String, Vec<u8>)> = corpus::corpus_files()
        .into_iter()
        .map(|f| {
            let b = corpus::read(&f);
            (f, b)
        })
        .collect();
    files.push((
        "modulo-assistenza.pdf".into(),
        renewal::SUPPORT_FORM_TEMPLATE.to_vec(),
    ));
    let mut cases = 0;
    for (i, (name, bytes)) in files.iter().enumerate() {
        let mut rng = Rng(seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for round in 0..rounds {
            let m = mutate(&mut rng, bytes);
            let _ = survive(
                &content,
                &format!("{name} mutation {round} (seed {seed:#x})"),
                &m,
            );
            cases += 1;
        }
    }
    eprintln!("{cases} mutations (seed {seed:#x})");
}
