//! The back office's side of Rinnovo, behind `rinnovo-pdf`: reading the
//! contracts that come back and checking them.
//!
//! - [`customers`] reads Oripan's customer list (a spreadsheet's CSV);
//! - [`links`] makes the signed links that open the form filled in with
//!   a customer's data;
//! - [`compare`] sets the returns against the customer list (the office
//!   page's comparison);
//! - [`examine`] reads and verifies one returned file for the office page;
//! - [`files`] finds the PDFs under the paths given;
//! - [`record`] turns one PDF's attached draft into the row a clerk types
//!   into the CRM, and [`table`] writes the rows as CSV or JSON;
//! - [`revisions`] cuts a file at each incremental update, and [`verify`]
//!   says whether a PDF is as Rinnovo made it, what was added since, and
//!   whether its data still matches its pages.
//!
//! The command reads files; the office page's worker (crates/office-worker)
//! runs the same library in wasm, on bytes ([`examine`]), so both read a
//! return alike. It never panics on any input.

pub mod compare;
pub mod customers;
pub mod examine;
pub mod files;
pub mod links;
pub mod paper;
pub mod record;
pub mod revisions;
pub mod table;
pub mod verify;

/// The documents' fonts, built into the command (`assets/fonts`).
pub fn fonts(
) -> Result<rinnovo_documents::fonts::Fonts, rinnovo_documents::acroform_font::FontError> {
    rinnovo_documents::fonts::Fonts::parse(
        include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf").to_vec(),
        include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf").to_vec(),
    )
}
