//! Why a font could not be read, subset or embedded: the one error of
//! `font/`, below every file that can fail, so none of them imports another
//! for it.

/// Why a font could not be read or embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FontError {
    /// Not a TrueType (glyf) font this crate reads, or damaged.
    #[error("the font is not a TrueType font this reader can use")]
    Malformed,
    /// Subsetting failed.
    #[error("the font could not be subset")]
    Subset,
}
