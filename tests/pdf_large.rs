//! Large real-like files: a tagged, annotated, outlined form of hundreds of
//! pages (tens of thousands of small objects: structure elements, links,
//! outline items, fields), made by the test and linearized by qpdf, as
//! office suites and report generators write them. The reader's allowances
//! grow with the file's size, so these are read, where fixed limits refused
//! them; tests/pdf_hostile.rs checks that hostile files of the largest size
//! are still refused within bounds.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
#![cfg(not(target_arch = "wasm32"))]

use acroform::FormDocument;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Per page: one structure element per line of text (a `/Span` with its
/// marked content), link annotations each with its action, a text field and
/// a checkbox with their appearances, an outline item, a section.
const LINES_PER_PAGE: usize = 300;
const LINKS_PER_PAGE: usize = 50;

/// A tagged report of `pages` pages, written plainly (a cross-reference
/// table, no object streams): about 408 objects a page.
fn tagged_report(pages: usize) -> Vec<u8> {
    let mut objs: Vec<Vec<u8>> = vec![Vec::new()];
    let new = |objs: &mut Vec<Vec<u8>>| {
        objs.push(Vec::new());
        objs.len() - 1
    };
    let catalog = new(&mut objs);
    let pages_id = new(&mut objs);
    let struct_root = new(&mut objs);
    let outlines = new(&mut objs);
    let acroform = new(&mut objs);
    let font = new(&mut objs);
    objs[font] =
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec();
    let refs = |ids: &[usize]| -> String {
        ids.iter()
            .map(|i| format!("{i} 0 R"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (mut page_ids, mut sections, mut fields, mut items, mut nums) =
        (vec![], vec![], vec![], vec![], String::new());
    for p in 0..pages {
        let page = new(&mut objs);
        let contents = new(&mut objs);
        let section = new(&mut objs);
        let mut text = String::new();
        let mut spans = Vec::new();
        for i in 0..LINES_PER_PAGE {
            let span = new(&mut objs);
            let y = 800 - (i % 70) * 11;
            text.push_str(&format!(
                "/Span <</MCID {i}>> BDC BT /F1 9 Tf 40 {y} Td (Riga {i} della pagina {}: importo {},00 EUR) Tj ET EMC\n",
                p + 1,
                p * 1000 + i
            ));
            objs[span] = format!(
                "<< /Type /StructElem /S /Span /P {section} 0 R /Pg {page} 0 R /K {i} /ActualText (r{i}) >>"
            )
            .into_bytes();
            spans.push(span);
        }
        let mut annots = Vec::new();
        for i in 0..LINKS_PER_PAGE {
            let (link, action) = (new(&mut objs), new(&mut objs));
            objs[action] =
                format!("<< /S /URI /URI (https://example.org/p{}/l{i}) >>", p + 1).into_bytes();
            objs[link] = format!(
                "<< /Type /Annot /Subtype /Link /Rect [40 {} 200 {}] /Border [0 0 0] /A {action} 0 R /P {page} 0 R >>",
                700 - i * 10,
                708 - i * 10
            )
            .into_bytes();
            annots.push(link);
        }
        for (kind, name, value) in [
            ("Tx", "importo", "/V (1)"),
            ("Btn", "ok", "/V /Off /AS /Off"),
        ] {
            let (field, appearance) = (new(&mut objs), new(&mut objs));
            objs[appearance] = b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 12] /Length 0 >>\nstream\n\nendstream".to_vec();
            objs[field] = format!(
                "<< /Type /Annot /Subtype /Widget /FT /{kind} /T (p{}_{name}) {value} /Rect [300 50 400 62] /P {page} 0 R /AP << /N {appearance} 0 R >> /F 4 >>",
                p + 1
            )
            .into_bytes();
            annots.push(field);
            fields.push(field);
        }
        items.push(new(&mut objs));
        let z = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 6);
        let mut stream =
            format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", z.len()).into_bytes();
        stream.extend(z);
        stream.extend(b"\nendstream");
        objs[contents] = stream;
        objs[section] = format!(
            "<< /Type /StructElem /S /Sect /P {struct_root} 0 R /K [{}] >>",
            refs(&spans)
        )
        .into_bytes();
        objs[page] = format!(
            "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] /Contents {contents} 0 R /Resources << /Font << /F1 {font} 0 R >> >> /Annots [{}] /StructParents {p} >>",
            refs(&annots)
        )
        .into_bytes();
        nums.push_str(&format!("{p} [{}] ", refs(&spans)));
        page_ids.push(page);
        sections.push(section);
    }
    for (i, &item) in items.iter().enumerate() {
        let prev = i
            .checked_sub(1)
            .map(|j| format!("/Prev {} 0 R", items[j]))
            .unwrap_or_default();
        let next = items
            .get(i + 1)
            .map(|n| format!("/Next {n} 0 R"))
            .unwrap_or_default();
        objs[item] = format!(
            "<< /Title (Pagina {}) /Parent {outlines} 0 R {prev} {next} /Dest [{} 0 R /XYZ 0 842 0] >>",
            i + 1,
            page_ids[i]
        )
        .into_bytes();
    }
    objs[outlines] = format!(
        "<< /Type /Outlines /First {} 0 R /Last {} 0 R /Count {pages} >>",
        items[0],
        items[pages - 1]
    )
    .into_bytes();
    let parent_tree = new(&mut objs);
    objs[parent_tree] = format!("<< /Nums [{nums}] >>").into_bytes();
    let document = new(&mut objs);
    objs[document] = format!(
        "<< /Type /StructElem /S /Document /P {struct_root} 0 R /K [{}] >>",
        refs(&sections)
    )
    .into_bytes();
    objs[struct_root] =
        format!("<< /Type /StructTreeRoot /K {document} 0 R /ParentTree {parent_tree} 0 R >>")
            .into_bytes();
    objs[acroform] = format!("<< /Fields [{}] /DA (/Helv 0 Tf 0 g) >>", refs(&fields)).into_bytes();
    objs[pages_id] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        refs(&page_ids)
    )
    .into_bytes();
    objs[catalog] = format!("<< /Type /Catalog /Pages {pages_id} 0 R /Outlines {outlines} 0 R /StructTreeRoot {struct_root} 0 R /MarkInfo << /Marked true >> /AcroForm {acroform} 0 R >>").into_bytes();

    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objs.len());
    for (i, body) in objs.iter().enumerate().skip(1) {
        offsets.push(pdf.len());
        pdf.extend(format!("{i} 0 obj\n").as_bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len()).as_bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len()
        )
        .as_bytes(),
    );
    pdf
}

/// `pdf` rewritten by qpdf with `args` (qpdf exits 3 for "succeeded with
/// warnings"). qpdf takes 2 to 3 s of CPU on 85,000 objects, so its output
/// is kept in the target directory next to its input, and made again only
/// when the generator's bytes change.
fn qpdf(pdf: &[u8], args: &[&str], name: &str) -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-large");
    std::fs::create_dir_all(&dir).unwrap();
    let (input, output) = (
        dir.join(format!("{name}-in.pdf")),
        dir.join(format!("{name}.pdf")),
    );
    let same_input = std::fs::read(&input).is_ok_and(|old| old == pdf);
    if let (true, Ok(made)) = (same_input, std::fs::read(&output)) {
        return made;
    }
    let _ = std::fs::remove_file(&output);
    std::fs::write(&input, pdf).unwrap();
    let status = Command::new("qpdf")
        .args(args)
        .arg(&input)
        .arg(&output)
        .status()
        .unwrap_or_else(|e| panic!("qpdf could not run ({e}): apt-get install qpdf"));
    assert!(matches!(status.code(), Some(0 | 3)), "qpdf {args:?} failed");
    std::fs::read(output).unwrap()
}

/// The 206-page report linearized, and a 224-page one linearized with
/// object streams: made once per test binary, the two qpdf runs in parallel.
fn files() -> &'static (Vec<u8>, Vec<u8>) {
    static FILES: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    FILES.get_or_init(|| {
        let larger = std::thread::spawn(|| {
            qpdf(
                &tagged_report(224),
                &["--linearize", "--object-streams=generate"],
                "report-224-object-streams",
            )
        });
        let linearized = qpdf(
            &tagged_report(206),
            &["--linearize"],
            "report-206-linearized",
        );
        (linearized, larger.join().unwrap())
    })
}

/// Reads `bytes` as the app and the back office do, within 2 s, and checks
/// the pages and fields a `pages`-page report has.
fn read_report(bytes: &[u8], pages: usize) {
    let start = Instant::now();
    let doc = FormDocument::load(bytes).unwrap();
    let took = start.elapsed();
    assert!(took < Duration::from_secs(2), "{took:?}");
    assert_eq!(doc.document().get_pages().len(), pages);
    let fields = doc.fields();
    assert_eq!(fields.len(), 2 * pages);
    assert_eq!(fields[0].name, "p1_importo");
    let last = format!("p{pages}_ok");
    assert!(fields.iter().any(|f| f.name == last), "{last}");
}

#[test]
fn reads_a_linearized_file_of_206_pages_and_85000_objects() {
    let bytes = &files().0;
    assert!(bytes.starts_with(b"%PDF-1.7"));
    assert!(bytes.windows(11).take(2048).any(|w| w == b"/Linearized"));
    let objects = bytes.windows(5).filter(|w| w == b" obj\n").count();
    assert!((80_000..90_000).contains(&objects), "{objects} objects");
    read_report(bytes, 206);
}

#[test]
fn reads_a_larger_version_of_224_pages_in_object_streams() {
    let bytes = &files().1;
    let streams = bytes.windows(7).filter(|w| w == b"/ObjStm").count();
    assert!(streams >= 500, "{streams} object streams");
    read_report(bytes, 224);
}
