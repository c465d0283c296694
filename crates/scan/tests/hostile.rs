//! Files built to break a reader: each is refused with a typed error or
//! read as far as it goes, never a panic, and well within 2 s.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]

mod support;

use proptest::prelude::*;
use rinnovo_scan::{decode_image, read, ImageError, Limits, Page, PageProblem, ScanError};
use std::time::{Duration, Instant};
use support::Scan;
use support::*;

/// Reads `bytes` and checks the time it took.
fn timed_read(bytes: &[u8]) -> Result<Vec<Page>, ScanError> {
    let start = Instant::now();
    let result = read(bytes, &Limits::default());
    let took = start.elapsed();
    assert!(took < Duration::from_secs(2), "took {took:?}");
    result
}

/// The problem of the one page of `pdf`.
fn problem(pdf: &[u8]) -> Option<PageProblem> {
    let pages = timed_read(pdf).unwrap();
    assert_eq!(pages.len(), 1);
    pages[0].problem.clone()
}

fn refused(pdf: &[u8]) -> ImageError {
    match problem(pdf) {
        Some(PageProblem::ImageRefused { index: 0, error }) => error,
        other => panic!("expected a refused image, got {other:?}"),
    }
}

/// A JPEG whose frame header (SOF0) declares `width × height`.
fn jpeg_declaring(width: u16, height: u16) -> Vec<u8> {
    let small = Scan {
        width: 16,
        height: 16,
        pixels: vec![128; 256],
    };
    let mut j = jpeg(&small, 80);
    let sof = j.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    j[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    j[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    j
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(timed_read(b""), Err(ScanError::Empty));
}

#[test]
fn garbage_bytes_are_not_a_known_format() {
    let garbage: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(timed_read(&garbage), Err(ScanError::UnknownFormat));
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let limits = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    assert!(matches!(
        read(b"%PDF-1.7 and more", &limits),
        Err(ScanError::FileTooLarge {
            size: 17,
            limit: 10
        })
    ));
}

#[test]
fn a_jpeg_declaring_huge_dimensions_is_refused_before_decoding() {
    let err = decode_image(&jpeg_declaring(65_000, 65_000), &Limits::default()).unwrap_err();
    assert!(
        matches!(
            err,
            ImageError::TooManyPixels {
                width: 65_000,
                height: 65_000,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(matches!(
        timed_read(&jpeg_declaring(65_000, 65_000)),
        Err(ScanError::Image(_))
    ));
}

#[test]
fn a_png_declaring_huge_dimensions_is_refused_before_decoding() {
    let mut p = png(&Scan {
        width: 4,
        height: 4,
        pixels: vec![0; 16],
    });
    // IHDR's width and height (the CRC no longer matches: not checked).
    p[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    p[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let err = decode_image(&p, &Limits::default()).unwrap_err();
    assert!(matches!(err, ImageError::TooManyPixels { .. }), "{err:?}");
}

#[test]
fn a_tiff_declaring_huge_dimensions_is_refused_before_decoding() {
    let mut t = tiff(&[&Scan {
        width: 4,
        height: 4,
        pixels: vec![0; 16],
    }]);
    // ImageWidth (256) and ImageLength (257) entries: patch their values.
    for tag in [256u16, 257] {
        let at = t
            .windows(2)
            .enumerate()
            .skip(8)
            .find(|(i, w)| *w == tag.to_le_bytes() && i % 2 == 0 && t[i + 2] <= 4)
            .map(|(i, _)| i)
            .unwrap();
        let kind = u16::from_le_bytes([t[at + 2], t[at + 3]]);
        if kind == 3 {
            t[at + 8..at + 10].copy_from_slice(&60_000u16.to_le_bytes());
        } else {
            t[at + 8..at + 12].copy_from_slice(&60_000u32.to_le_bytes());
        }
    }
    let pages = timed_read(&t).unwrap();
    assert!(
        matches!(
            &pages[0].problem,
            Some(PageProblem::ImageRefused {
                error: ImageError::TooManyPixels { .. } | ImageError::Malformed { .. },
                ..
            })
        ),
        "{:?}",
        pages[0].problem
    );
}

#[test]
fn a_pdf_image_declaring_huge_dimensions_is_refused_before_decoding() {
    let pdf = pdf_with_image(
        "/Width 1000000 /Height 1000000 /ColorSpace /DeviceRGB /BitsPerComponent 8",
        b"tiny",
    );
    assert!(matches!(refused(&pdf), ImageError::TooManyPixels { .. }));
}

#[test]
fn a_truncated_jpeg_is_read_as_far_as_it_goes() {
    let j = jpeg(page_200(), 75);
    for cut in [10, 200, j.len() / 2, j.len() - 3] {
        let _ = timed_read(&j[..cut]);
        let pdf = pdf_with_image(
            "/Width 1654 /Height 2339 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
            &j[..cut],
        );
        let _ = timed_read(&pdf);
    }
}

#[test]
fn a_g4_stream_with_wrong_columns_does_not_break_the_reader() {
    let p = page_200();
    let data = g4(p.width, &bilevel(p));
    for columns in [1, 17, p.width - 1, p.width + 1, 100_000, 2_000_000_000] {
        let dict = format!(
            "/Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 1 \
             /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {columns} >>",
            p.width, p.height
        );
        let _ = timed_read(&pdf_with_image(&dict, &data));
    }
}

#[test]
fn a_jbig2_bomb_declaring_a_huge_page_is_refused() {
    // 10 bytes of region data for a 60000 × 60000 page.
    let mut bomb = jbig2(8, 8, &[false; 64]);
    bomb[11..15].copy_from_slice(&60_000u32.to_be_bytes());
    bomb[15..19].copy_from_slice(&60_000u32.to_be_bytes());
    let pdf = pdf_with_image(
        "/Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode",
        &bomb,
    );
    assert!(matches!(refused(&pdf), ImageError::TooManyPixels { .. }));
}

#[test]
fn a_flate_bomb_is_refused_at_the_size_the_image_needs() {
    let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![0u8; 64 * 1024 * 1024], 10);
    assert!(bomb.len() < 200_000);
    let pdf = pdf_with_image(
        "/Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
        &bomb,
    );
    assert!(matches!(refused(&pdf), ImageError::TooManyBytes { .. }));
}

#[test]
fn a_form_xobject_loop_ends_and_its_image_is_still_read() {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    pdf.extend(b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
    pdf.extend(b"3 0 obj << /Type /Page /Parent 2 0 R /Resources << /XObject << /A 4 0 R >> >> >> endobj\n");
    pdf.extend(b"4 0 obj << /Subtype /Form /Resources << /XObject << /B 5 0 R /Self 4 0 R >> >> /Length 0 >> stream\n\nendstream endobj\n");
    pdf.extend(b"5 0 obj << /Subtype /Form /Resources << /XObject << /A 4 0 R /Im 6 0 R >> >> /Length 0 >> stream\n\nendstream endobj\n");
    pdf.extend(b"6 0 obj << /Subtype /Image /Width 2 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /SMask 6 0 R /Length 2 >> stream\n\x00\xff\nendstream endobj\n");
    pdf.extend(b"trailer << /Root 1 0 R >>\n%%EOF\n");
    let pages = timed_read(&pdf).unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].problem, None, "the image was decoded");
}

#[test]
fn a_page_whose_images_exceed_the_file_budget_says_so() {
    let p = page_200();
    let pdf = pdf_with_image(
        &format!(
            "/Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
            p.width, p.height
        ),
        &jpeg(p, 50),
    );
    let limits = Limits {
        max_total_pixels: 1000,
        ..Limits::default()
    };
    let pages = read(&pdf, &limits).unwrap();
    assert_eq!(
        pages[0].problem,
        Some(PageProblem::ImageRefused {
            index: 0,
            error: ImageError::FileBudgetSpent
        })
    );
}

/// A small scanned page (A4 at 40 dpi, one code) as a JPEG, a G4 PDF and a
/// DCT PDF: the seeds of the mutation loop.
fn seeds() -> &'static [Vec<u8>; 3] {
    static SEEDS: std::sync::OnceLock<[Vec<u8>; 3]> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let text = payload(9, 20);
        let p = render(&[Placed { text: &text, x_mm: 10.0, y_mm: 10.0 }], 40.0, 1.0);
        let j = jpeg(&p, 50);
        let dct = pdf_with_image(
            &format!("/Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", p.width, p.height),
            &j,
        );
        let g4pdf = pdf_with_image(
            &format!(
                "/Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 \
                 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {w} >>",
                w = p.width,
                h = p.height
            ),
            &g4(p.width, &bilevel(&p)),
        );
        [j, dct, g4pdf]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn mutated_scans_never_panic_and_finish_in_time(
        seed in 0usize..3,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = seeds()[seed].clone();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()).max(1));
        }
        let _ = timed_read(&bytes);
    }
}

#[test]
fn a_jpeg_larger_than_its_pdf_image_declares_is_refused_before_decoding() {
    // The file's pixel budget is charged for /Width x /Height: a JPEG that
    // is larger than that would decode pixels no budget paid for.
    let pdf = pdf_with_image(
        "/Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
        &jpeg_declaring(7000, 7000),
    );
    assert!(matches!(refused(&pdf), ImageError::Malformed { .. }));
}

#[test]
fn a_predictor_whose_columns_overflow_does_not_break_the_reader() {
    let data = miniz_oxide::deflate::compress_to_vec_zlib(&[2, 1, 1, 1, 1, 1, 1, 1], 6);
    for parms in [
        "/Predictor 2 /Colors 32 /BitsPerComponent 8 /Columns 72057594037927936",
        "/Predictor 12 /Columns 1000000000000",
        "/Predictor 15 /Colors 4 /Columns 9223372036854775807",
    ] {
        let pdf = pdf_with_image(
            &format!(
                "/Width 4 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << {parms} >>"
            ),
            &data,
        );
        assert!(
            matches!(refused(&pdf), ImageError::Malformed { .. }),
            "{parms}"
        );
    }
}
