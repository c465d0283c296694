//! Finding the QR codes in a [`Gray`] image with rxing: a full-page pass,
//! then fallbacks on copies of the page while codes may be missing.
//!
//! The work is bounded by the passes themselves, not by a clock (a web
//! worker's `std::time::Instant` would panic): each pass reads at most the
//! page's pixels once more, and there are at most [`Search::max_passes`].

use crate::Gray;
use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::multi::MultipleBarcodeReader;
use rxing::qrcode::cpp_port::QrReader;
use rxing::{Binarizer, BinaryBitmap, DecodeHints, Luma8Source};

/// How hard [`find_codes_with`] looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Search {
    /// Stop once this many distinct codes are found (a page of a known
    /// layout carries a known number); fallbacks run only while fewer have
    /// been found. `usize::MAX` runs every pass.
    pub enough_codes: usize,
    /// The most passes over the page (the first is the full page, as is).
    pub max_passes: usize,
}

impl Default for Search {
    fn default() -> Self {
        Search {
            enough_codes: usize::MAX,
            max_passes: 6,
        }
    }
}

/// One way to look at the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pass {
    /// The page as it is, locally adaptive threshold.
    Full,
    /// The page reduced by a factor, for large scans and noisy ones.
    Downscaled(u32),
    /// The page with one global threshold: helps where the adaptive one
    /// breaks small modules.
    GlobalThreshold,
    /// The page smoothed by a 3×3 mean: scanner and JPEG noise averaged out
    /// at full resolution, where downscaling would lose small modules.
    Smoothed,
    /// A band of the page, from a fraction of its height to another (in
    /// hundredths), where a smaller image lets the detector look closer.
    Band(u32, u32),
}

/// The passes in order of what they add (measured on A4 pages at 150 to
/// 300 dpi, blurred, noised and saved as JPEG q40: the full page alone
/// finds every code on clean scans; the smoothed copy recovers noisy ones
/// at 200-300 dpi; the half-size copy large noisy ones; the bands and the
/// global threshold a code here and there).
const PASSES: [Pass; 6] = [
    Pass::Full,
    Pass::Smoothed,
    Pass::Downscaled(2),
    Pass::Band(0, 35),
    Pass::Band(65, 100),
    Pass::GlobalThreshold,
];

/// Every QR code text found in `gray`, deduplicated, in a stable order
/// (top to bottom by where each was first found), with the default
/// [`Search`].
pub fn find_codes(gray: &Gray) -> Vec<String> {
    find_codes_with(gray, &Search::default())
}

/// Like [`find_codes`], with a chosen [`Search`].
pub fn find_codes_with(gray: &Gray, search: &Search) -> Vec<String> {
    let mut found: Vec<(String, f32)> = Vec::new();
    for pass in PASSES.iter().take(search.max_passes) {
        if found.len() >= search.enough_codes {
            break;
        }
        for (text, y) in run_pass(gray, *pass) {
            if !found.iter().any(|(t, _)| *t == text) {
                found.push((text, y));
            }
        }
    }
    found.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    found.into_iter().map(|(t, _)| t).collect()
}

/// The codes one pass finds, each with the vertical position of its centre
/// in the page's pixels.
pub(crate) fn run_pass(gray: &Gray, pass: Pass) -> Vec<(String, f32)> {
    match pass {
        Pass::Full => decode(gray, 0, 1.0, Threshold::Hybrid),
        Pass::GlobalThreshold => decode(gray, 0, 1.0, Threshold::Global),
        Pass::Smoothed => decode(&gray.smoothed(), 0, 1.0, Threshold::Hybrid),
        Pass::Downscaled(f) => decode(&gray.downscale(f), 0, f as f32, Threshold::Hybrid),
        Pass::Band(from, to) => {
            let top = u32::try_from(u64::from(gray.height) * u64::from(from) / 100).unwrap_or(0);
            let bottom =
                u32::try_from(u64::from(gray.height) * u64::from(to) / 100).unwrap_or(gray.height);
            decode(&gray.rows(top, bottom), top, 1.0, Threshold::Hybrid)
        }
    }
}

#[derive(Clone, Copy)]
enum Threshold {
    Hybrid,
    Global,
}

fn decode(gray: &Gray, top: u32, scale: f32, threshold: Threshold) -> Vec<(String, f32)> {
    let Ok(source) = Luma8Source::new_with_slice(&gray.pixels, gray.width, gray.height) else {
        return Vec::new();
    };
    let results = match threshold {
        Threshold::Hybrid => read_all(BinaryBitmap::new(HybridBinarizer::new(source))),
        Threshold::Global => read_all(BinaryBitmap::new(GlobalHistogramBinarizer::new(source))),
    };
    results
        .into_iter()
        .map(|r| {
            let points = r.getPoints();
            let n = points.len().max(1) as f32;
            let y = points.iter().map(|p| p.y).sum::<f32>() / n;
            (r.getText().to_owned(), y * scale + top as f32)
        })
        .collect()
}

fn read_all<B: Binarizer>(mut bitmap: BinaryBitmap<B>) -> Vec<rxing::RXingResult> {
    let hints = DecodeHints::default().with(rxing::DecodeHintValue::TryHarder(true));
    QrReader
        .decode_multiple_with_hints(&mut bitmap, &hints)
        .unwrap_or_default()
}
