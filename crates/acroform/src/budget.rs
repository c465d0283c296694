//! The limits of reading an untrusted PDF, and the one budget that carries
//! them through every path of the reader: the lexer, nested arrays and
//! dictionaries, object streams and cross-reference streams.
//!
//! Each call to [`crate::load::load`] makes a fresh [`Budget`] and hands it
//! down by `&mut`; nothing is kept between calls or in thread-locals.

/// Why a PDF could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum LoadError {
    /// Larger than [`Limits::max_file_bytes`].
    #[error("the file is larger than the reader accepts (20 MB unless set otherwise)")]
    TooLarge,
    /// No `%PDF-` header: not a PDF at all.
    #[error("the file is not a PDF")]
    NotPdf,
    /// The file is encrypted (it has an `/Encrypt` dictionary); this crate
    /// reads no encrypted files.
    #[error("the PDF is encrypted")]
    Encrypted,
    /// Truncated or broken beyond repair: no catalog could be found.
    #[error("the PDF is damaged beyond repair: no document catalog found")]
    Damaged,
    /// Built to exhaust a reader: nesting, object count, decompressed bytes
    /// or reading work past the [`Limits`].
    #[error(
        "the PDF is built in a way this reader refuses (nested too deep, too many objects, or too much compressed data)"
    )]
    Hostile,
}

/// The deepest nesting [`Limits::max_depth`] can allow: deeper would risk
/// the stack of a browser's WebAssembly (about 1 MB).
pub const MAX_DEPTH: usize = 256;

/// The largest file read by default, in bytes.
pub const MAX_PDF_BYTES: usize = 20 * 1024 * 1024;

/// How much a reader may spend on one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes.
    pub max_file_bytes: usize,
    /// The deepest nesting of arrays and dictionaries. Real files use a
    /// handful of levels; each level is a frame of the reader's stack, so
    /// values above [`MAX_DEPTH`] count as [`MAX_DEPTH`].
    pub max_depth: usize,
    /// The most indirect objects, counting those in object streams.
    pub max_objects: usize,
    /// The most values (numbers, names, strings, ...) parsed in all; a
    /// dictionary key counts as three, for the memory its entry takes.
    pub max_values: usize,
    /// The most bytes decompressed from object streams, in all.
    pub max_inflated_bytes: usize,
    /// How many times over the file's bytes (and the bytes decompressed from
    /// object streams) the reader may scan, in all: the bound on time
    /// whatever the file holds (a search that restarts after a broken object
    /// counts again).
    pub max_work_factor: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: MAX_PDF_BYTES,
            max_depth: 32,
            max_objects: 250_000,
            max_values: 1_000_000,
            max_inflated_bytes: 16 * 1024 * 1024,
            max_work_factor: 8,
        }
    }
}

/// What is left of the [`Limits`] while one file is read.
#[derive(Debug)]
pub(crate) struct Budget {
    limits: Limits,
    objects: usize,
    values: usize,
    inflated: usize,
    work: usize,
    max_work: usize,
}

impl Budget {
    /// A budget for a file of `file_bytes` bytes.
    pub(crate) fn new(limits: Limits, file_bytes: usize) -> Budget {
        Budget {
            limits,
            objects: 0,
            values: 0,
            inflated: 0,
            work: 0,
            max_work: file_bytes
                .saturating_mul(limits.max_work_factor)
                .saturating_add(1024 * 1024),
        }
    }

    /// Checks the nesting depth of the value about to be parsed.
    pub(crate) fn depth(&self, depth: usize) -> Result<(), LoadError> {
        if depth > self.limits.max_depth.min(MAX_DEPTH) {
            Err(LoadError::Hostile)
        } else {
            Ok(())
        }
    }

    /// Counts one parsed value.
    pub(crate) fn value(&mut self) -> Result<(), LoadError> {
        self.values_n(1)
    }

    /// Counts `n` values' worth of memory.
    pub(crate) fn values_n(&mut self, n: usize) -> Result<(), LoadError> {
        self.values = self.values.saturating_add(n);
        if self.values > self.limits.max_values {
            Err(LoadError::Hostile)
        } else {
            Ok(())
        }
    }

    /// Counts one indirect object.
    pub(crate) fn object(&mut self) -> Result<(), LoadError> {
        self.objects += 1;
        if self.objects > self.limits.max_objects {
            Err(LoadError::Hostile)
        } else {
            Ok(())
        }
    }

    /// The objects still allowed.
    pub(crate) fn objects_left(&self) -> usize {
        self.limits.max_objects.saturating_sub(self.objects)
    }

    /// The decompressed bytes still allowed.
    pub(crate) fn inflate_left(&self) -> usize {
        self.limits.max_inflated_bytes.saturating_sub(self.inflated)
    }

    /// Counts `n` decompressed bytes, which the reader may then scan too.
    pub(crate) fn inflated(&mut self, n: usize) -> Result<(), LoadError> {
        self.inflated = self.inflated.saturating_add(n);
        self.max_work = self
            .max_work
            .saturating_add(n.saturating_mul(self.limits.max_work_factor));
        if self.inflated > self.limits.max_inflated_bytes {
            Err(LoadError::Hostile)
        } else {
            Ok(())
        }
    }

    /// Counts `n` bytes scanned.
    pub(crate) fn work(&mut self, n: usize) -> Result<(), LoadError> {
        self.work = self.work.saturating_add(n);
        if self.work > self.max_work {
            Err(LoadError::Hostile)
        } else {
            Ok(())
        }
    }
}
