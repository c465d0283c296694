//! Writes the character coverage of the PDFs' font into the build, so the
//! page can tell, as the user types, which characters a PDF cannot print,
//! from the same font file the PDFs embed, without shipping the font.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a build script stops the build by panicking, with the message cargo shows; it reads only the repository's own files"
)]

use std::path::Path;

const FONT: &str = "../../assets/fonts/NotoSans-Regular.ttf";

fn main() {
    println!("cargo::rerun-if-changed={FONT}");
    let data = std::fs::read(FONT).unwrap_or_else(|e| panic!("{FONT}: {e}"));
    let face = ttf_parser::Face::parse(&data, 0).unwrap_or_else(|e| panic!("{FONT}: {e}"));
    let mut chars = Vec::new();
    if let Some(cmap) = face.tables().cmap {
        for table in cmap.subtables {
            if table.is_unicode() {
                table.codepoints(|cp| {
                    if table.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                        chars.push(cp);
                    }
                });
            }
        }
    }
    chars.sort_unstable();
    chars.dedup();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for cp in chars {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == cp => *end = cp,
            _ => ranges.push((cp, cp)),
        }
    }
    let body: String = ranges
        .iter()
        .map(|(a, b)| format!("    (0x{a:04X}, 0x{b:04X}),\n"))
        .collect();
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("coverage.rs");
    std::fs::write(
        &out,
        format!("/// The code points the PDFs' font has a glyph for, as inclusive ranges.\npub const COVERED: &[(u32, u32)] = &[\n{body}];\n"),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
