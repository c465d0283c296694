//! "Pagina i di n", right-aligned at the foot of each page. It is a
//! pagination artifact in a content stream of its own
//! ([`acroform::pagination`]), not part of the page's text: the blank
//! templates show their own numbering, and every filled PDF paints it again
//! for its own pages (`renewal`), so the two documents in one PDF read
//! "Pagina 1 di 3" to "Pagina 3 di 3".

use super::style::{MARGIN_PT, MUTED, PAGE_WIDTH_PT};
use acroform::pagination::LabelStyle;

/// Where and how the label is set, on the templates and when filled: at
/// the right margin, on the footer's baseline, as the rest of the footer.
pub const STYLE: LabelStyle = LabelStyle {
    x_right_pt: PAGE_WIDTH_PT - MARGIN_PT,
    baseline_pt: MARGIN_PT,
    font_size_pt: 8.0,
    color: MUTED,
};
