//! Stream filters (PDF 32000-1, 7.4): the reader decodes only Flate without
//! predictor, and never more than its caller allows.

use lopdf::{Object, Stream};

/// Why a stream's data could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The data decodes to more bytes than allowed.
    #[error("the stream decodes to more bytes than allowed")]
    TooLarge,
    /// The compressed data is broken.
    #[error("the stream's compressed data is damaged")]
    Damaged,
    /// A filter or predictor this crate does not decode.
    #[error("the stream uses a filter this reader does not decode")]
    Unsupported,
}

/// The decoded data of a stream whose only filter is Flate (without
/// predictor) or none, capped at `limit` bytes.
pub fn decode(s: &Stream, limit: usize) -> Result<Vec<u8>, DecodeError> {
    let filters: Vec<&[u8]> = match s.dict.get(b"Filter") {
        Err(_) => Vec::new(),
        Ok(Object::Name(n)) => vec![n.as_slice()],
        Ok(Object::Array(a)) => a.iter().filter_map(|f| f.as_name().ok()).collect(),
        Ok(_) => return Err(DecodeError::Unsupported),
    };
    let has_predictor = s
        .dict
        .get(b"DecodeParms")
        .ok()
        .and_then(|p| p.as_dict().ok())
        .and_then(|p| p.get(b"Predictor").ok())
        .and_then(|p| p.as_i64().ok())
        .is_some_and(|p| p > 1);
    match filters.as_slice() {
        [] if s.content.len() <= limit => Ok(s.content.clone()),
        [] => Err(DecodeError::TooLarge),
        [b"FlateDecode"] | [b"Fl"] if !has_predictor => {
            miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&s.content, limit).map_err(
                |e| {
                    if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                        DecodeError::TooLarge
                    } else {
                        DecodeError::Damaged
                    }
                },
            )
        }
        _ => Err(DecodeError::Unsupported),
    }
}
