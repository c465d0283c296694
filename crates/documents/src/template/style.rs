//! The templates' page and palette: A4 with its margins and footer, and
//! the four colours. What the layout engine, the page label and the
//! documents' blocks all draw with, so that none of them takes it from
//! another.

use acroform::content::Color;

/// A4 in points (ISO 216: 210 x 297 mm).
pub const PAGE_WIDTH_PT: f32 = 595.276;
pub const PAGE_HEIGHT_PT: f32 = 841.89;
/// 18 mm on every side.
pub const MARGIN_PT: f32 = 51.024;
/// Room kept at the bottom for the footer.
pub const FOOTER_PT: f32 = 24.0;

pub const INK: Color = Color::Gray(0.0);
pub const MUTED: Color = Color::Gray(0.35);
pub const RULE: Color = Color::Gray(0.6);
pub const ACCENT: Color = Color::Rgb(0.094, 0.282, 0.49);
