//! The limits of reading an untrusted PDF, and the one budget that carries
//! them through every path of the reader: the lexer, nested arrays and
//! dictionaries, object streams and cross-reference streams.
//!
//! Each call to [`super::load::load`] makes a fresh [`Budget`] and hands it
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

/// How much of something a file may use: `floor` whatever its size, plus
/// `per_mib` for each MiB (2^20 bytes) of it, but never more than `ceiling`.
/// A large real file holds more objects than a small one; the ceiling keeps
/// a large hostile file within the memory and time of one reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    /// Allowed for a file of any size.
    pub floor: usize,
    /// Added for each MiB of the file, in proportion.
    pub per_mib: usize,
    /// Never exceeded, whatever the file's size (unless `floor` is higher).
    pub ceiling: usize,
}

impl Allowance {
    /// What a file of `file_bytes` bytes may use.
    pub fn for_file(&self, file_bytes: usize) -> usize {
        let scaled = (file_bytes as u128).saturating_mul(self.per_mib as u128) >> 20;
        usize::try_from(scaled)
            .unwrap_or(usize::MAX)
            .min(self.ceiling)
            .max(self.floor)
    }
}

/// How much a reader may spend on one file.
///
/// The allowances grow with the file's size, so that a large real file
/// (hundreds of pages, tens of thousands of objects, a tagged structure
/// tree) is read, up to ceilings that keep a hostile file of the largest
/// size accepted within about 2 s and 256 MB of the whole pipeline (load,
/// fields, fill, flatten, write). The defaults come from these measurements
/// (the reader's own counts, with no limit, tests/pdf_large.rs's generator
/// and the py-pdf corpus):
///
/// | file | bytes | objects | values | inflated |
/// |---|---|---|---|---|
/// | py-pdf corpus, 31 files | 1.5 KB to 2.8 MB | up to 0.014/B | up to 0.17/B | up to 0.21x |
/// | GeoTopo book, linearized, object streams | 1.5 MB | 3,755 | 133,687 | 301,811 |
/// | 206 tagged pages, linearized | 12.2 MB | 84,056 (0.007/B) | 2,362,941 (0.19/B) | 0 |
/// | the same, in object streams | 2.7 MB | 84,895 (0.032/B) | 2,465,506 (0.92/B) | 8.9 MB (3.3x) |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes.
    pub max_file_bytes: usize,
    /// The deepest nesting of arrays and dictionaries. Real files use a
    /// handful of levels; each level is a frame of the reader's stack, so
    /// values above [`MAX_DEPTH`] count as [`MAX_DEPTH`].
    pub max_depth: usize,
    /// The most items in one array or dictionary. A container grows by
    /// doubling, and while it does both its old and its new buffer are held:
    /// this bounds that peak to one container's worth.
    pub max_items: usize,
    /// The most indirect objects, counting those in object streams.
    pub objects: Allowance,
    /// The most values (numbers, names, strings, ...) parsed in all,
    /// counted for the memory they take (about 70 bytes each): a dictionary
    /// key counts as three (key, hash index, map slot), an array item as two
    /// (a whole 120-byte `Object`).
    pub values: Allowance,
    /// The most bytes decompressed from object streams, in all.
    pub inflated_bytes: Allowance,
    /// How many times over the file's bytes (and the bytes decompressed from
    /// object streams) the reader may scan, in all: the bound on time
    /// whatever the file holds (a search that restarts after a broken object
    /// counts again).
    pub max_work_factor: usize,
}

impl Default for Limits {
    fn default() -> Self {
        const MIB: usize = 1024 * 1024;
        Limits {
            max_file_bytes: MAX_PDF_BYTES,
            max_depth: 32,
            // The largest container measured is the 206-page file's
            // /Nums and /Fields (412 items); a flat page tree of a
            // 100,000-page file would hold 100,000.
            max_items: 1 << 18,
            // 250,000 for any file (the earlier fixed limit); 0.05 per byte,
            // above the 0.032 of the densest file measured (objects in
            // object streams); at most 400,000, which cost about 100 MB (an
            // object is a map entry and its value, about 250 bytes).
            objects: Allowance {
                floor: 250_000,
                per_mib: MIB / 20,
                ceiling: 400_000,
            },
            // 1,000,000 for any file (the earlier fixed limit); one per byte,
            // above the 0.92 of the densest file measured (the 206-page file
            // in object streams: 2,465,506, array items counting twice); at
            // most 2,750,000, 11% above that file. At this ceiling the files
            // that cost most per value (arrays, large and small
            // dictionaries) peak at 195 to 207 MB while read, and each read
            // that refuses them takes about 0.5 to 1 s.
            values: Allowance {
                floor: 1_000_000,
                per_mib: MIB,
                ceiling: 2_750_000,
            },
            // 16 MB for any file (the earlier fixed limit); 8 times the
            // file, above the 3.3 times of the densest file measured; at most
            // 64 MB, which inflates and scans in well under a second.
            inflated_bytes: Allowance {
                floor: 16 * MIB,
                per_mib: 8 * MIB,
                ceiling: 64 * MIB,
            },
            max_work_factor: 8,
        }
    }
}

/// What is left of the [`Limits`] while one file is read.
#[derive(Debug)]
pub(crate) struct Budget {
    limits: Limits,
    max_objects: usize,
    max_values: usize,
    max_inflated: usize,
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
            max_objects: limits.objects.for_file(file_bytes),
            max_values: limits.values.for_file(file_bytes),
            max_inflated: limits.inflated_bytes.for_file(file_bytes),
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

    /// Checks the number of items of the array or dictionary being parsed
    /// before one more is added.
    pub(crate) fn items(&self, len: usize) -> Result<(), LoadError> {
        if len >= self.limits.max_items {
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
        if self.values > self.max_values {
            Err(LoadError::Hostile)
        } else {
            Ok(())
        }
    }

    /// Counts one indirect object.
    pub(crate) fn object(&mut self) -> Result<(), LoadError> {
        self.objects += 1;
        if self.objects > self.max_objects {
            Err(LoadError::Hostile)
        } else {
            Ok(())
        }
    }

    /// The objects still allowed.
    pub(crate) fn objects_left(&self) -> usize {
        self.max_objects.saturating_sub(self.objects)
    }

    /// The decompressed bytes still allowed.
    pub(crate) fn inflate_left(&self) -> usize {
        self.max_inflated.saturating_sub(self.inflated)
    }

    /// Counts `n` decompressed bytes, which the reader may then scan too.
    pub(crate) fn inflated(&mut self, n: usize) -> Result<(), LoadError> {
        self.inflated = self.inflated.saturating_add(n);
        self.max_work = self
            .max_work
            .saturating_add(n.saturating_mul(self.limits.max_work_factor));
        if self.inflated > self.max_inflated {
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

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1024 * 1024;

    #[test]
    fn an_allowance_grows_with_the_file_between_its_floor_and_its_ceiling() {
        let a = Allowance {
            floor: 1_000,
            per_mib: 500,
            ceiling: 5_000,
        };
        assert_eq!(a.for_file(0), 1_000);
        assert_eq!(a.for_file(4 * MIB), 2_000);
        assert_eq!(a.for_file(100 * MIB), 5_000);
        assert_eq!(a.for_file(usize::MAX), 5_000);
        let odd = Allowance {
            floor: 10,
            per_mib: usize::MAX,
            ceiling: 1,
        };
        assert_eq!(odd.for_file(usize::MAX), 10, "the floor wins");
    }

    #[test]
    fn a_large_file_may_hold_more_values_than_a_small_one() {
        let limits = Limits::default();
        let mut small = Budget::new(limits, 100_000);
        assert_eq!(small.values_n(1_000_000), Ok(()));
        assert_eq!(small.value(), Err(LoadError::Hostile));
        let mut large = Budget::new(limits, 4 * MIB);
        assert_eq!(large.values_n(2_700_000), Ok(()));
        let mut largest = Budget::new(limits, MAX_PDF_BYTES);
        assert_eq!(largest.values_n(2_750_001), Err(LoadError::Hostile));
        assert_eq!(largest.inflate_left(), 64 * MIB);
        assert_eq!(Budget::new(limits, 0).inflate_left(), 16 * MIB);
    }

    #[test]
    fn a_container_may_hold_up_to_its_item_limit() {
        let budget = Budget::new(Limits::default(), 0);
        assert_eq!(budget.items((1 << 18) - 1), Ok(()));
        assert_eq!(budget.items(1 << 18), Err(LoadError::Hostile));
    }
}
