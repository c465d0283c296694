//! Small DOM helpers: focus management and element look-ups. Each tolerates
//! a missing element (the page may have changed meanwhile).

use leptos::prelude::*;
use rinnovo_core::domain::form::FieldId;
use rinnovo_core::prerender::{FORM_CLASS, MARK};
use wasm_bindgen::JsCast;

/// The id of every page's `<h1>`.
pub const HEADING_ID: &str = rinnovo_core::prerender::HEADING_ID;

fn focus_id_later(id: String) {
    let generation = FOCUS_GENERATION.with(|g| {
        let next = g.get().wrapping_add(1);
        g.set(next);
        next
    });
    let before = document().active_element();
    focus_id_within(id, FOCUS_FRAMES, generation, before);
}

/// How many frames [`focus_id_later`] waits for its element: a page from
/// a wasm part not fetched yet (`pages::PagePart`) shows "loading" first.
/// About 10 s at 60 frames a second.
const FOCUS_FRAMES: u32 = 600;

thread_local! {
    /// The latest [`focus_id_later`]: an older one still waiting gives up.
    static FOCUS_GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn focus_id_within(id: String, frames: u32, generation: u32, before: Option<web_sys::Element>) {
    // After the next paint, so that a page just routed to is in the DOM.
    request_animation_frame(move || {
        if FOCUS_GENERATION.with(|g| g.get()) != generation {
            return;
        }
        let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            // While the page is on its way, the user may have moved the
            // focus (to the header, a button of the notices): it stays.
            let now = document().active_element();
            let moved = now != before && now != document().body().map(Into::into);
            if let (false, Some(left)) = (moved, frames.checked_sub(1)) {
                focus_id_within(id, left, generation, before);
            }
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

/// The interactive elements of the prerendered page (`crate::prerender`) or
/// of the app, in document order, that are on screen.
fn focusables(prerendered: bool) -> Vec<web_sys::HtmlElement> {
    let which = if prerendered { "is" } else { "not" };
    let selector = format!(":is(a[href], button, input):{which}([{MARK}], [{MARK}] *)");
    let Ok(list) = document().query_selector_all(&selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|e| {
            e.offset_parent().is_some() || e.get_attribute("type").as_deref() == Some("file")
        })
        .collect()
}

/// What the user typed into the company step's prerendered form before the
/// app was there (`rinnovo_core::prerender`, `company_form`): each field's
/// id and value, and where the caret was.
pub struct Typed {
    pub values: Vec<(String, String)>,
    caret: Option<Caret>,
}

/// The focused prerendered field and its selection.
struct Caret {
    id: String,
    start: Option<u32>,
    end: Option<u32>,
    direction: Option<String>,
}

/// The prerendered form's inputs (the `.pre-form` of a page marked
/// [`MARK`]).
fn prerendered_inputs() -> Vec<web_sys::HtmlInputElement> {
    let Ok(list) = document().query_selector_all(&format!("[{MARK}] .{FORM_CLASS} input[id]"))
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
        .collect()
}

/// Reads [`Typed`] off the prerendered form, before it is removed.
pub fn prerendered_typing() -> Typed {
    let inputs = prerendered_inputs();
    let values = inputs
        .iter()
        .filter(|i| !i.value().is_empty())
        .map(|i| (i.id(), i.value()))
        .collect();
    let active = document().active_element();
    let caret = inputs
        .iter()
        .find(|i| {
            active
                .as_ref()
                .is_some_and(|a| a == i.as_ref() as &web_sys::Element)
        })
        .map(|i| Caret {
            id: i.id(),
            start: i.selection_start().ok().flatten(),
            end: i.selection_end().ok().flatten(),
            direction: i.selection_direction().ok().flatten(),
        });
    Typed { values, caret }
}

impl Typed {
    /// The id of the field the customer was in, if any.
    pub fn focused(&self) -> Option<&str> {
        self.caret.as_ref().map(|c| c.id.as_str())
    }

    /// Whether the customer used the prerendered form: typed into it, or
    /// is in one of its fields.
    fn any(&self) -> bool {
        !self.values.is_empty() || self.caret.is_some()
    }
}

/// Puts [`Typed`] into the app's own fields, in the task that swaps them
/// in, once they are in the page and before the prerendered ones are
/// removed (so the focus moves from field to field and never falls to the
/// page, which on a phone would close the keyboard): their values (the
/// draft took them already, `AppState::take_typed`), then the focus and the
/// caret. No key typed meanwhile is lost: it is all one task.
pub fn restore_typing(typed: &Typed) {
    let doc = document();
    // The app's field, not the prerendered one of the same id, which is
    // still in the page.
    let input = |id: &str| {
        doc.query_selector(&format!("input[id=\"{id}\"]:not([{MARK}] *)"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    };
    for (id, value) in &typed.values {
        if let Some(i) = input(id) {
            if i.value() != *value {
                i.set_value(value);
            }
        }
    }
    if let Some(c) = &typed.caret {
        if let Some(i) = input(&c.id) {
            let _ = i.focus();
            if let (Some(start), Some(end)) = (c.start, c.end) {
                let _ = match &c.direction {
                    Some(d) => i.set_selection_range_with_direction(start, end, d),
                    None => i.set_selection_range(start, end),
                };
            }
        }
    }
}

/// Removes the prerendered page once the app is in the body, in the same
/// task (so no frame shows both), keeping what the user did while the app
/// loaded: the focused link or button, and a PDF picked in the resume box.
/// `typed` is what [`prerendered_typing`] read before the swap.
pub fn replace_prerendered(typed: &Typed) {
    let doc = document();
    let active = doc.active_element();
    // The customer used the prerendered form: `restore_typing` has put the
    // focus where it was (or left it where it was, if they had left the
    // field), and nothing here may move it.
    let typing = typed.any();
    let focused = active.as_ref().filter(|_| !typing).and_then(|a| {
        a.closest(&format!("[{MARK}]")).ok().flatten()?;
        focusables(true).iter().position(|e| {
            let e: &web_sys::Element = e;
            e == a
        })
    });
    let picked = doc
        .query_selector(&format!("[{MARK}] input[type=file]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files())
        .filter(|f| f.length() > 0);
    if let Ok(old) = doc.query_selector_all(&format!("[{MARK}]")) {
        for i in 0..old.length() {
            if let Some(el) = old
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                el.remove();
            }
        }
    }
    let navigated = !typing
        && doc
            .document_element()
            .is_some_and(|r| r.has_attribute("data-navigated"));
    if let Some(el) = focused.and_then(|i| focusables(false).get(i).cloned()) {
        let _ = el.focus();
    } else if navigated {
        // The user moved to another page before the app was there: the
        // focus goes to its heading, as on every move the app makes.
        focus_heading();
    }
    if let Some(files) = picked {
        if let Some(input) = doc
            .query_selector("input[type=file]#resume-pdf")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_files(Some(&files));
            if let Ok(ev) = web_sys::Event::new("change") {
                let _ = input.dispatch_event(&ev);
            }
        }
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-app", "ready");
    }
}

/// Marks on `<html data-save>` whether the draft's last change is saved
/// (`done`) or waits for its save (`pending`), for whoever must know when
/// the storage holds what is on screen (the end-to-end tests wait on it).
pub fn mark_save(done: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-save", if done { "done" } else { "pending" });
    }
}

/// A `<div>` outside the document, to build the app in before it is shown.
pub fn detached_div() -> Option<web_sys::HtmlElement> {
    document()
        .create_element("div")
        .ok()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Moves every child of `holder` to the end of the page's body.
pub fn move_children_to_body(holder: &web_sys::HtmlElement) {
    let Some(body) = document().body() else {
        return;
    };
    while let Some(child) = holder.first_child() {
        if body.append_child(&child).is_err() {
            return;
        }
    }
}
