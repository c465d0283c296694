//! The table as a CSV download: the bytes `rinnovo-pdf extract --csv`
//! writes for the same files (`rinnovo_cli::table::write_csv`), with the
//! comparison's columns and the customers with no return after them when
//! a list is loaded (`rinnovo_cli::compare::write_csv`). Made in the page,
//! handed to the browser as a Blob: nothing is sent anywhere.

use rinnovo_cli::compare::{Comparison, Listed};
use rinnovo_cli::record::Record;
use wasm_bindgen::JsCast;

/// The downloaded file's name.
const FILE_NAME: &str = "rinnovo-ritorni.csv";

/// The CSV's bytes.
pub fn csv(records: &[Record], compared: Option<(&[Listed], &Comparison)>) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = match compared {
        None => rinnovo_cli::table::write_csv(&mut out, records),
        Some((list, comparison)) => {
            rinnovo_cli::compare::write_csv(&mut out, records, list, comparison)
        }
    };
    out
}

/// The browser would not make the file or its link.
#[derive(Debug, Clone, Copy)]
pub struct Refused;

/// Downloads `bytes` as the table's CSV.
pub fn download(bytes: &[u8]) -> Result<(), Refused> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|_| Refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Refused)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(Refused)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| Refused)?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(FILE_NAME);
    a.click();
    // The download has its bytes once it started; the URL can go after.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}
