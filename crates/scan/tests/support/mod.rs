//! Scanned pages made in the tests: QR codes drawn with qrcodegen on an A4
//! page with text-like noise, rotated, blurred and noised as a scanner
//! would, then wrapped as JPEG, PNG, CCITT G4, JBIG2, TIFF and PDF.
#![allow(dead_code)]

use qrcodegen::{QrCode, QrCodeEcc, QrSegment};

pub const A4_MM: (f64, f64) = (210.0, 297.0);
pub const MODULE_MM: f64 = 0.45;

/// A code to draw: its text, and the top-left corner of its quiet zone in mm.
pub struct Placed<'a> {
    pub text: &'a str,
    pub x_mm: f64,
    pub y_mm: f64,
}

/// An alphanumeric-mode text of `len` characters, different for each seed.
pub fn payload(seed: u32, len: usize) -> String {
    const SET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(12345);
    (0..len)
        .map(|_| {
            s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
            SET[(s >> 16) as usize % SET.len()] as char
        })
        .collect()
}

/// The codes a Rinnovo page 1 carries: a large one near the top and a
/// small one near the bottom margin, plus a third small one at the bottom
/// right (to check that several are found).
pub fn three_codes() -> [String; 3] {
    [payload(1, 280), payload(2, 40), payload(3, 24)]
}

pub fn layout(codes: &[String]) -> Vec<Placed<'_>> {
    let spots = [(140.0, 12.0), (15.0, 272.0), (170.0, 272.0)];
    codes
        .iter()
        .zip(spots)
        .map(|(t, (x, y))| Placed {
            text: t,
            x_mm: x,
            y_mm: y,
        })
        .collect()
}

pub struct Scan {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

struct Matrix {
    x_mm: f64,
    y_mm: f64,
    size: i32,
    code: QrCode,
}

/// Draws an A4 page at `dpi`, rotated by `degrees` about its centre, with
/// 2×2 supersampling (the scanner's blur) and a little noise.
pub fn render(codes: &[Placed<'_>], dpi: f64, degrees: f64) -> Scan {
    let matrices: Vec<Matrix> = codes
        .iter()
        .map(|p| {
            let seg = QrSegment::make_alphanumeric(p.text);
            let code = QrCode::encode_segments(&[seg], QrCodeEcc::Medium).unwrap();
            Matrix {
                x_mm: p.x_mm + 4.0 * MODULE_MM,
                y_mm: p.y_mm + 4.0 * MODULE_MM,
                size: code.size(),
                code,
            }
        })
        .collect();
    let px_per_mm = dpi / 25.4;
    let width = (A4_MM.0 * px_per_mm).round() as u32;
    let height = (A4_MM.1 * px_per_mm).round() as u32;
    let (cx, cy) = (A4_MM.0 / 2.0, A4_MM.1 / 2.0);
    let (sin, cos) = (-degrees.to_radians()).sin_cos();
    let ink = |x_mm: f64, y_mm: f64| -> bool {
        // Back from the page as scanned to the page as printed.
        let (dx, dy) = (x_mm - cx, y_mm - cy);
        let (x, y) = (cx + dx * cos - dy * sin, cy + dx * sin + dy * cos);
        for m in &matrices {
            let mx = ((x - m.x_mm) / MODULE_MM).floor() as i32;
            let my = ((y - m.y_mm) / MODULE_MM).floor() as i32;
            if (-4..m.size + 4).contains(&mx) && (-4..m.size + 4).contains(&my) {
                return m.code.get_module(mx, my);
            }
        }
        text_noise(x, y)
    };
    let mut pixels = Vec::with_capacity((width * height) as usize);
    let mut rng = 0x2545_f491_u32;
    for py in 0..height {
        for px in 0..width {
            let mut dark = 0;
            for (sx, sy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                if ink((px as f64 + sx) / px_per_mm, (py as f64 + sy) / px_per_mm) {
                    dark += 1;
                }
            }
            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            let noise = (rng % 41) as i32 - 20;
            let v = 235 - dark * 52 + noise; // paper 235, toner ~27
            pixels.push(v.clamp(0, 255) as u8);
        }
    }
    Scan {
        width,
        height,
        pixels,
    }
}

/// Lines of "words" between the margins, as a contract's text would be.
fn text_noise(x: f64, y: f64) -> bool {
    if !(20.0..190.0).contains(&x) || !(40.0..260.0).contains(&y) {
        return false;
    }
    let line = (y / 5.0).floor();
    let in_line = y - line * 5.0;
    if !(1.0..3.2).contains(&in_line) {
        return false;
    }
    let word = ((x + line * 7.3) / 9.0).floor();
    let in_word = x + line * 7.3 - word * 9.0;
    if in_word > 7.0 {
        return false;
    }
    // Letters: vertical strokes 0.3 mm wide every 1.1 mm, a bar on some.
    let stroke = (in_word / 1.1).fract() < 0.28;
    let hash = ((word as i64 * 31 + line as i64 * 17) & 7) as f64;
    let bar = (in_line - 1.2 - hash * 0.2).abs() < 0.15;
    stroke || bar
}

/// The page as 1-bit pixels (true = black), thresholded at the middle.
pub fn bilevel(page: &Scan) -> Vec<bool> {
    page.pixels.iter().map(|&v| v < 128).collect()
}

pub fn jpeg(page: &Scan, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let enc = jpeg_encoder::Encoder::new(&mut out, quality);
    enc.encode(
        &page.pixels,
        page.width as u16,
        page.height as u16,
        jpeg_encoder::ColorType::Luma,
    )
    .unwrap();
    out
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend(kind);
    out.extend(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// An 8-bit gray PNG (filter type 0 on every row).
pub fn png(page: &Scan) -> Vec<u8> {
    let mut raw = Vec::with_capacity(page.pixels.len() + page.height as usize);
    for row in page.pixels.chunks(page.width as usize) {
        raw.push(0);
        raw.extend(row);
    }
    let mut ihdr = Vec::new();
    ihdr.extend(page.width.to_be_bytes());
    ihdr.extend(page.height.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(
        &mut out,
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
    );
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// CCITT Group 4 of a bilevel page, as a PDF's CCITTFaxDecode with /K -1
/// reads it.
pub fn g4(width: u32, black: &[bool]) -> Vec<u8> {
    use fax::{Color, VecWriter};
    let mut enc = fax::encoder::Encoder::new(VecWriter::new());
    for row in black.chunks(width as usize) {
        enc.encode_line(
            row.iter()
                .map(|&b| if b { Color::Black } else { Color::White }),
            width,
        )
        .unwrap();
    }
    enc.finish().unwrap().finish()
}

/// A JBIG2 embedded stream (T.88 Annex D.3, as a PDF's JBIG2Decode holds
/// it): a page information segment and one immediate lossless generic
/// region coded with MMR (which is CCITT G4).
pub fn jbig2(width: u32, height: u32, black: &[bool]) -> Vec<u8> {
    let mut out = Vec::new();
    // Segment 0: page information (type 48), page 1.
    let mut info = Vec::new();
    info.extend(width.to_be_bytes());
    info.extend(height.to_be_bytes());
    info.extend(0u32.to_be_bytes()); // x resolution unknown
    info.extend(0u32.to_be_bytes());
    info.push(0); // flags: default pixel 0, no refinement
    info.extend(0u16.to_be_bytes()); // striping: none
    segment(&mut out, 0, 48, &info);
    // Segment 1: immediate lossless generic region (type 38).
    let mut region = Vec::new();
    region.extend(width.to_be_bytes());
    region.extend(height.to_be_bytes());
    region.extend(0u32.to_be_bytes()); // x
    region.extend(0u32.to_be_bytes()); // y
    region.push(0); // external combination operator OR
    region.push(1); // generic region flags: MMR
    region.extend(g4(width, black));
    segment(&mut out, 1, 38, &region);
    out
}

fn segment(out: &mut Vec<u8>, number: u32, kind: u8, data: &[u8]) {
    out.extend(number.to_be_bytes());
    out.push(kind); // flags: type, page association in one byte
    out.push(0); // no referred-to segments
    out.push(1); // page association
    out.extend((data.len() as u32).to_be_bytes());
    out.extend(data);
}

/// Packs bilevel pixels into rows of bits, 1 = white (DeviceGray, 1 bpc).
pub fn packed_white_is_1(width: u32, black: &[bool]) -> Vec<u8> {
    let mut out = Vec::new();
    for row in black.chunks(width as usize) {
        for byte in row.chunks(8) {
            let mut b = 0u8;
            for (i, &k) in byte.iter().enumerate() {
                if !k {
                    b |= 0x80 >> i;
                }
            }
            out.push(b);
        }
    }
    out
}

/// A one-page PDF (A4 portrait) drawing one image XObject over the page,
/// `image_dict` its dictionary entries (without /Length).
pub fn pdf_with_image(image_dict: &str, data: &[u8]) -> Vec<u8> {
    pdf_with_images(&[(image_dict, data)], None)
}

/// A PDF with one page per image, and optional extra objects (numbered from
/// 100, each "N 0 obj ... endobj" text given whole).
pub fn pdf_with_images(images: &[(&str, &[u8])], extra: Option<&[u8]>) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    let n = images.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 3 * i)).collect();
    offsets.push(out.len());
    out.extend(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    offsets.push(out.len());
    out.extend(
        format!(
            "2 0 obj << /Type /Pages /Kids [{}] /Count {n} >> endobj\n",
            kids.join(" ")
        )
        .as_bytes(),
    );
    for (i, (dict, data)) in images.iter().enumerate() {
        let (page, content, image) = (3 + 3 * i, 4 + 3 * i, 5 + 3 * i);
        offsets.push(out.len());
        out.extend(
            format!(
                "{page} 0 obj << /Type /Scan /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {content} 0 R >> endobj\n"
            )
            .as_bytes(),
        );
        let draw = b"q 595 0 0 842 0 0 cm /Im0 Do Q";
        offsets.push(out.len());
        out.extend(format!("{content} 0 obj << /Length {} >> stream\n", draw.len()).as_bytes());
        out.extend(draw);
        out.extend(b"\nendstream endobj\n");
        offsets.push(out.len());
        out.extend(
            format!(
                "{image} 0 obj << /Type /XObject /Subtype /Image {dict} /Length {} >> stream\n",
                data.len()
            )
            .as_bytes(),
        );
        out.extend(*data);
        out.extend(b"\nendstream endobj\n");
    }
    if let Some(extra) = extra {
        out.extend(extra);
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for o in &offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer << /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The three codes' page at 200 dpi rotated 2°, drawn once per test binary.
pub fn page_200() -> &'static Scan {
    static PAGE: std::sync::OnceLock<Scan> = std::sync::OnceLock::new();
    PAGE.get_or_init(|| render(&layout(&three_codes()), 200.0, 2.0))
}

/// Asserts that `found` holds exactly the three codes (in any order).
pub fn assert_three_codes(found: &[String]) {
    let mut found = found.to_vec();
    let mut expected = three_codes().to_vec();
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
}

/// A gray TIFF, uncompressed, one page per image.
pub fn tiff(pages: &[&Scan]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut enc = tiff::encoder::TiffEncoder::new(&mut out).unwrap();
    for p in pages {
        enc.write_image::<tiff::encoder::colortype::Gray8>(p.width, p.height, &p.pixels)
            .unwrap();
    }
    out.into_inner()
}
