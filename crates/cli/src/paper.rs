//! Reading a returned file the way the back office receives it: a digital
//! PDF by its attached data, a scan (a PDF of images, or an image file) by
//! the QR codes on its pages, found by [`rinnovo_scan`] and sorted by
//! `rinnovo_documents::paper::returns`.

pub use rinnovo_documents::paper::returns::{DocumentFound, PageFinding, PaperReturn, ScannedPage};

/// Why a returned file gave no row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReturnError {
    /// A PDF with this app's attachment that cannot be read, or a PDF that
    /// cannot be read at all.
    #[error(transparent)]
    Import(#[from] rinnovo_documents::ImportError),
    /// A scan that cannot be read.
    #[error("{0}")]
    Scan(#[from] rinnovo_scan::ScanError),
    /// A PDF made digitally, without this app's attachment.
    #[error(
        "the PDF has no {} attachment, nor a scanned page",
        rinnovo_documents::ATTACHMENT_NAME
    )]
    NotScanned,
    /// A scan whose first pages' data codes could not be read.
    #[error("{}no Rinnovo data code was read from its {pages} scanned page(s){detail}", if *.pdf { format!("the PDF has no {} attachment, and ", rinnovo_documents::ATTACHMENT_NAME) } else { String::new() })]
    NoData {
        /// Whether the file is a PDF (rather than an image).
        pdf: bool,
        pages: usize,
        detail: String,
    },
}

/// The pages of a scanned file and what their codes say.
pub fn read_scan(bytes: &[u8]) -> Result<PaperReturn, rinnovo_scan::ScanError> {
    let pages = rinnovo_scan::read(bytes, &rinnovo_scan::Limits::default())?;
    let scanned: Vec<ScannedPage> = pages
        .into_iter()
        .map(|p| ScannedPage {
            number: p.number,
            codes: p.codes,
            image: p.problem != Some(rinnovo_scan::PageProblem::NoImage),
            problem: p.problem.map(|e| problem_text(&e)),
        })
        .collect();
    Ok(PaperReturn::read(&scanned))
}

/// What a page's problem means for the clerk.
fn problem_text(p: &rinnovo_scan::PageProblem) -> String {
    use rinnovo_scan::PageProblem as P;
    match p {
        P::NoImage => "the page has no scanned image".into(),
        P::ImageRefused { index, error } => {
            format!("its image {} could not be read: {error}", index + 1)
        }
        P::TooManyImages { count } => {
            format!("it has {count} images, more than are read; the first ones were")
        }
    }
}

/// How a returned file is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// A PDF with this app's data attached: its JSON.
    Digital(String),
    /// Anything else read as a scan: an image file, or a PDF without the
    /// data, or larger than a digital return ever is (the engine reads
    /// PDFs of up to 20 MB; scans run larger).
    Scan,
}

/// The one rule for which way a file is read.
pub fn classify(bytes: &[u8]) -> Result<Received, rinnovo_documents::ImportError> {
    use rinnovo_documents::ImportError as E;
    if rinnovo_scan::Format::sniff(bytes) != Some(rinnovo_scan::Format::Pdf) {
        return Ok(Received::Scan);
    }
    match rinnovo_documents::extract_json(bytes) {
        Ok(json) => Ok(Received::Digital(json)),
        Err(E::NoAttachment | E::Pdf(acroform::LoadError::TooLarge)) => Ok(Received::Scan),
        Err(e) => Err(e),
    }
}

/// A returned file as a row: a digital PDF by its attached draft, any
/// other PDF or image by the QR codes on its pages.
pub fn read_return(
    file: &str,
    bytes: &[u8],
    province: &[String],
) -> Result<crate::record::Record, ReturnError> {
    read_return_and_scan(file, bytes, province).0
}

/// [`read_return`], and the scan's pages when the file was read as a scan,
/// so that what `verify` says of them needs no second reading (the office
/// page's [`crate::examine`]).
pub fn read_return_and_scan(
    file: &str,
    bytes: &[u8],
    province: &[String],
) -> (
    Result<crate::record::Record, ReturnError>,
    Option<PaperReturn>,
) {
    let is_pdf = rinnovo_scan::Format::sniff(bytes) == Some(rinnovo_scan::Format::Pdf);
    match classify(bytes) {
        Err(e) => (Err(e.into()), None),
        Ok(Received::Digital(json)) => (digital(file, &json, province), None),
        Ok(Received::Scan) => match read_scan(bytes) {
            Err(e) => (Err(e.into()), None),
            Ok(paper) => (scanned(file, is_pdf, &paper), Some(paper)),
        },
    }
}

fn digital(
    file: &str,
    json: &str,
    province: &[String],
) -> Result<crate::record::Record, ReturnError> {
    let stored = rinnovo_core::domain::draft::StoredDraft::from_json(json)
        .map_err(rinnovo_documents::ImportError::from)?;
    Ok(crate::record::from_draft(
        file,
        json.as_bytes(),
        &stored.draft,
        province,
    ))
}

fn scanned(
    file: &str,
    is_pdf: bool,
    paper: &PaperReturn,
) -> Result<crate::record::Record, ReturnError> {
    if paper.scanned == 0 {
        return Err(ReturnError::NotScanned);
    }
    crate::record::Record::from_scan(file, paper).ok_or_else(|| ReturnError::NoData {
        pdf: is_pdf,
        pages: paper.scanned,
        detail: match paper.contract() {
            Some(c) => format!(
                " (pages of contract {} found: {}; type the row from the pages)",
                c.hex(),
                paper.pages_found()
            ),
            None => String::new(),
        },
    })
}
