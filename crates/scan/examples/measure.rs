//! Measurements behind the detector's passes: which pass finds which
//! code, and in how long, on clean and on heavily degraded scans (the
//! figures in docs/design.md). Prints; asserts nothing, so it is not a test:
//!
//! ```sh
//! cargo run --release -p rinnovo-scan --example measure
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]

#[path = "../tests/support/mod.rs"]
mod support;

use rinnovo_scan::{find_codes_with, Gray, Search};
use std::time::Instant;
use support::Scan;
use support::*;

fn measure_passes() {
    let codes = three_codes();
    for dpi in [150.0, 200.0, 300.0] {
        for deg in [0.0, 2.0, 180.0 + 3.0] {
            let t = Instant::now();
            let page = render(&layout(&codes), dpi, deg);
            let render_ms = t.elapsed().as_millis();
            for q in [None, Some(75u8), Some(40)] {
                let gray = match q {
                    None => Gray::new(page.width, page.height, page.pixels.clone()).unwrap(),
                    Some(q) => {
                        let j = jpeg(&page, q);
                        rinnovo_scan::decode_image(&j, &Default::default()).unwrap()
                    }
                };
                let mut line = format!("dpi {dpi} rot {deg} q {q:?} (render {render_ms} ms):");
                for pass in 1..=6 {
                    let t = Instant::now();
                    let found = find_codes_with(
                        &gray,
                        &Search {
                            enough_codes: usize::MAX,
                            max_passes: pass,
                        },
                    );
                    let n = codes.iter().filter(|c| found.contains(c)).count();
                    line += &format!(" [{pass}: {n} {} ms]", t.elapsed().as_millis());
                }
                println!("{line}");
            }
        }
    }
}

/// A 3×3 box blur `times` over, and noise of ± `noise`.
fn degrade(page: &Scan, times: usize, noise: i32) -> Scan {
    let (w, h) = (page.width as usize, page.height as usize);
    let mut px = page.pixels.clone();
    for _ in 0..times {
        let src = px.clone();
        for y in 1..h - 1 {
            for x in 1..w - 1 {
                let mut s = 0u32;
                for dy in 0..3 {
                    for dx in 0..3 {
                        s += u32::from(src[(y + dy - 1) * w + x + dx - 1]);
                    }
                }
                px[y * w + x] = (s / 9) as u8;
            }
        }
    }
    let mut rng = 0x1234_5678u32;
    for v in &mut px {
        rng ^= rng << 13;
        rng ^= rng >> 17;
        rng ^= rng << 5;
        let n = (rng % (2 * noise as u32 + 1)) as i32 - noise;
        *v = (i32::from(*v) + n).clamp(0, 255) as u8;
    }
    Scan {
        width: page.width,
        height: page.height,
        pixels: px,
    }
}

fn measure_degraded() {
    let codes = three_codes();
    for dpi in [150.0, 200.0, 300.0] {
        let page = render(&layout(&codes), dpi, 2.5);
        for (blur, noise) in [(1, 60), (2, 60), (3, 80)] {
            let d = degrade(&page, blur, noise);
            let gray = rinnovo_scan::decode_image(&jpeg(&d, 40), &Default::default()).unwrap();
            let mut line = format!("dpi {dpi} blur {blur} noise {noise} q40:");
            for pass in 1..=6 {
                let t = Instant::now();
                let found = find_codes_with(
                    &gray,
                    &Search {
                        enough_codes: usize::MAX,
                        max_passes: pass,
                    },
                );
                let n = codes.iter().filter(|c| found.contains(c)).count();
                line += &format!(" [{pass}: {n} {} ms]", t.elapsed().as_millis());
            }
            println!("{line}");
        }
    }
    let t = Instant::now();
    let page = render(&layout(&codes), 300.0, 0.0);
    let j = jpeg(&page, 75);
    println!("render {:?}", t.elapsed());
    for (name, bytes) in [("jpeg 300", j.clone()), ("png 300", png(&page))] {
        let t = Instant::now();
        let g = rinnovo_scan::decode_image(&bytes, &Default::default()).unwrap();
        println!(
            "{name}: decode {:?} ({} bytes, {}x{})",
            t.elapsed(),
            bytes.len(),
            g.width,
            g.height
        );
    }
    let p2 = page_200();
    let t = Instant::now();
    let g = rinnovo_scan::decode_image(&jpeg(p2, 75), &Default::default()).unwrap();
    println!("jpeg 200 encode+decode {:?} {}", t.elapsed(), g.width);
    let data = g4(p2.width, &bilevel(p2));
    let pdf = pdf_with_image(&format!("/Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {w} >>", w = p2.width, h = p2.height), &data);
    let t = Instant::now();
    let pages = rinnovo_scan::read(&pdf, &Default::default()).unwrap();
    println!(
        "g4 pdf 200 read (decode + default search) {:?} codes {}",
        t.elapsed(),
        pages[0].codes.len()
    );
}

fn main() {
    measure_passes();
    measure_degraded();
}
