//! Line breaking with measured glyph widths, shared by the field appearances
//! and the template pages: greedy filling at spaces, and a word wider than
//! the line broken between characters so that nothing ever overflows.

use super::font::Font;

/// Breaks one paragraph of WinAnsi-encoded text into lines no wider than
/// `max_width_pt`. Runs of spaces collapse to one; an empty paragraph is one
/// empty line.
pub fn wrap(font: Font, font_size_pt: f32, paragraph: &[u8], max_width_pt: f32) -> Vec<Vec<u8>> {
    let space = font.width_pt(b" ", font_size_pt);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    let mut line_w = 0.0f32;
    for word in paragraph.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let word_w = font.width_pt(word, font_size_pt);
        let needed = if line.is_empty() {
            word_w
        } else {
            line_w + space + word_w
        };
        if needed <= max_width_pt {
            if !line.is_empty() {
                line.push(b' ');
            }
            line.extend_from_slice(word);
            line_w = needed;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_w = 0.0;
        }
        if word_w <= max_width_pt {
            line.extend_from_slice(word);
            line_w = word_w;
        } else {
            // A word wider than the line: break it between characters.
            for &b in word {
                let w = font.width_pt(&[b], font_size_pt);
                if !line.is_empty() && line_w + w > max_width_pt {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(b);
                line_w += w;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_never_exceed_the_width() {
        let text =
            b"Le presenti condizioni generali regolano la fornitura del servizio di assistenza";
        for line in wrap(Font::Helvetica, 10.0, text, 100.0) {
            assert!(Font::Helvetica.width_pt(&line, 10.0) <= 100.0);
        }
    }

    #[test]
    fn a_long_word_is_broken_between_characters() {
        let lines = wrap(Font::Helvetica, 10.0, &[b'M'; 40], 50.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.iter().map(Vec::len).sum::<usize>(), 40);
    }

    #[test]
    fn an_empty_paragraph_is_one_empty_line() {
        assert_eq!(
            wrap(Font::Helvetica, 10.0, b"", 50.0),
            vec![Vec::<u8>::new()]
        );
    }
}
