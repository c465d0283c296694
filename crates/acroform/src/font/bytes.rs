//! Big-endian numbers in a font file: read with bounds checks (`None`
//! past the data) and written in place (the subset is refused when they do
//! not fit). What `sfnt.rs` reads and `subset.rs` writes with.

use super::error::FontError;

pub(crate) fn be_u16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        data.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

pub(crate) fn be_u32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        data.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// Writes `bytes` at `at`, or the subset is refused when they do not fit.
fn put<const N: usize>(data: &mut [u8], at: usize, bytes: [u8; N]) -> Result<(), FontError> {
    use FontError::Subset;
    let end = at.checked_add(N).ok_or(Subset)?;
    data.get_mut(at..end).ok_or(Subset)?.copy_from_slice(&bytes);
    Ok(())
}

pub(crate) fn put_u16(data: &mut [u8], at: usize, v: u16) -> Result<(), FontError> {
    put(data, at, v.to_be_bytes())
}

pub(crate) fn put_u32(data: &mut [u8], at: usize, v: u32) -> Result<(), FontError> {
    put(data, at, v.to_be_bytes())
}

pub(crate) fn be_i16(data: &[u8], at: usize) -> Option<i16> {
    be_u16(data, at).map(|v| v as i16)
}
