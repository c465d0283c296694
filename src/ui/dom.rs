//! Small DOM helpers: focus management and element look-ups. Each tolerates
//! a missing element (the page may have changed meanwhile).

use crate::domain::form::FieldId;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of every page's `<h1>`.
pub const HEADING_ID: &str = "page-title";

fn focus_id_later(id: String) {
    // After the next paint, so that a page just routed to is in the DOM.
    request_animation_frame(move || {
        let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let _ = el.focus();
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    });
}

pub fn focus_field(field: FieldId) {
    focus_id_later(field.id().to_string());
}

pub fn focus_heading() {
    focus_id_later(HEADING_ID.to_string());
}
