//! Browser tests (wasm-bindgen-test in headless Chromium): localStorage and
//! the mounted app.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use rinnovo::storage::{self, Loaded};
use rinnovo::ui::App;
use rinnovo_core::content::Content;
use rinnovo_core::domain::draft::{Draft, StoredDraft};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn sleep(ms: u64) -> impl std::future::Future<Output = ()> {
    let (tx, rx) = futures_channel();
    set_timeout(tx, Duration::from_millis(ms));
    rx
}

/// A one-shot channel from a callback to a future, without extra crates.
fn futures_channel() -> (impl FnOnce(), impl std::future::Future<Output = ()>) {
    let promise_resolve = std::rc::Rc::new(std::cell::RefCell::new(None::<js_sys::Function>));
    let slot = promise_resolve.clone();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        *slot.borrow_mut() = Some(resolve);
    });
    let fut = wasm_bindgen_futures::JsFuture::from(promise);
    (
        move || {
            if let Some(f) = promise_resolve.borrow_mut().take() {
                let _ = f.call0(&wasm_bindgen::JsValue::NULL);
            }
        },
        async move {
            let _ = fut.await;
        },
    )
}

#[wasm_bindgen_test]
fn draft_round_trips_through_local_storage() {
    local().clear().unwrap();
    let mut d = Draft::default();
    d.company.ragione_sociale = "Caffè Ñandú & C. s.n.c. 😀".into();
    let stored = StoredDraft::new("azienda", d);
    storage::save_draft(&stored).unwrap();
    match storage::load_draft() {
        Loaded::Draft(back) => assert_eq!(*back, stored),
        _ => panic!("the saved draft was not read back"),
    }
}

#[wasm_bindgen_test]
fn an_unreadable_draft_is_set_aside_not_lost() {
    local().clear().unwrap();
    local().set_item("rinnovo.draft", "{ broken").unwrap();
    assert!(matches!(storage::load_draft(), Loaded::SetAside(_)));
    assert_eq!(local().get_item("rinnovo.draft").unwrap(), None);
    assert_eq!(
        local()
            .get_item("rinnovo.draft.unreadable")
            .unwrap()
            .as_deref(),
        Some("{ broken")
    );
    assert!(matches!(storage::load_draft(), Loaded::Nothing));
}

#[wasm_bindgen_test]
fn the_draft_is_stored_as_its_own_json_text_and_a_newer_one_is_set_aside_as_it_was() {
    local().clear().unwrap();
    let stored = StoredDraft::new("azienda", Draft::default());
    storage::save_draft(&stored).unwrap();
    assert_eq!(
        local().get_item("rinnovo.draft").unwrap(),
        Some(stored.to_json())
    );
    let newer = "  {\"schema\": 999, \"future\": [1, 2]}\n";
    local().set_item("rinnovo.draft", newer).unwrap();
    assert!(matches!(storage::load_draft(), Loaded::SetAside(_)));
    assert_eq!(
        local()
            .get_item("rinnovo.draft.unreadable")
            .unwrap()
            .as_deref(),
        Some(newer)
    );
}

#[wasm_bindgen_test]
fn the_language_is_stored_as_json_and_a_bare_code_of_older_versions_is_read() {
    local().clear().unwrap();
    storage::save_lang(rinnovo_core::content::Lang::En);
    assert_eq!(
        local().get_item("rinnovo.lang").unwrap().as_deref(),
        Some("\"en\"")
    );
    assert_eq!(storage::load_lang(), Some(rinnovo_core::content::Lang::En));
    local().set_item("rinnovo.lang", "en").unwrap();
    assert_eq!(storage::load_lang(), Some(rinnovo_core::content::Lang::En));
    local().set_item("rinnovo.lang", "\"xx\"").unwrap();
    assert_eq!(storage::load_lang(), None);
}

#[wasm_bindgen_test]
fn erase_removes_everything_the_app_stored() {
    local().clear().unwrap();
    storage::save_draft(&StoredDraft::new("", Draft::default())).unwrap();
    storage::save_lang(rinnovo_core::content::Lang::En);
    storage::erase_all();
    assert_eq!(local().length().unwrap(), 0);
}

/// Texts that the two JSON writers could escape differently: every control
/// character, quotes and backslashes, the line separators JavaScript once
/// treated apart, characters outside the BMP, markup.
fn awkward_texts() -> Vec<String> {
    let controls: String = (0u8..0x20).map(char::from).chain(['\u{7f}']).collect();
    vec![
        controls,
        "\"quoted\" \\back\\slash\\ /slash/".into(),
        "\u{2028}\u{2029}\u{85}\u{a0}\u{feff}".into(),
        "Caffè Ñandú 😀 𝄞 \u{10ffff}".into(),
        "</script><!-- & ' \" -->".into(),
        "x".repeat(70_000),
        String::new(),
    ]
}

#[wasm_bindgen_test]
fn the_page_writes_a_draft_byte_for_byte_as_the_back_office_does() {
    // The PDF's attachment is this text; `rinnovo-pdf verify` writes it
    // again natively, with serde_json, and compares the PDFs' bytes.
    for (i, text) in awkward_texts().into_iter().enumerate() {
        let mut d = Draft::default();
        d.company.ragione_sociale = text.clone();
        d.form_signing.place = text.chars().rev().collect();
        d.form_signing.signature.method = rinnovo_core::domain::draft::SignatureMethod::ALL[i % 3];
        d.conditions.accepted = i % 2 == 0;
        let stored = StoredDraft::new(&text, d);
        let page = rinnovo::draft_json::write(&stored);
        assert_eq!(page, stored.to_json(), "text {i}");
        assert_eq!(rinnovo::draft_json::read(&page), Ok(stored), "text {i}");
    }
}

#[wasm_bindgen_test]
fn the_page_reads_every_text_as_the_back_office_does() {
    // serde_json's limit: 127 levels read, 128 refused.
    let deep = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let too_deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
    let deeper = "[".repeat(100_000);
    let cases = [
        include_str!("e2e/drafts/complete.json"),
        include_str!("e2e/drafts/schema1-stamp-and-by-hand.json"),
        &deep,
        &too_deep,
        &deeper,
    ];
    // The texts tests/draft_schema.rs reads natively too.
    let texts = include_str!("fixtures/drafts/texts.txt").lines();
    for json in cases.into_iter().chain(texts) {
        assert_eq!(
            rinnovo::draft_json::read(json),
            StoredDraft::from_json(json),
            "{:.80}",
            json
        );
    }
    // Deep inside a known schema, under a key the reader skips: serde_json
    // skips a value without recursion, and reads the draft; the page's
    // reader skips by walking the parsed value, so it refuses the text before
    // parsing it (the draft is set aside, not lost), where without the
    // nesting check its stack would overflow. This app never writes one.
    let skipped = format!(
        "{{\"schema\":2,\"draft\":{{\"unknown\":{}{}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(StoredDraft::from_json(&skipped).is_ok());
    assert_eq!(
        rinnovo::draft_json::read(&skipped),
        Err(rinnovo_core::domain::draft::DraftLoadError::Unreadable)
    );
}

fn mount_app() -> web_sys::HtmlElement {
    let doc = document();
    let parent: web_sys::HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&parent).unwrap();
    // The content the page starts with, as in the build: the parts' pieces
    // are added as their pages are shown (here with no wasm parts, at once).
    let content: &'static Content = Box::leak(Box::new(rinnovo::content::content()));
    leptos::mount::mount_to(parent.clone(), move || view! { <App content/> }).forget();
    parent
}

#[wasm_bindgen_test]
async fn typing_in_a_field_saves_the_draft_within_half_a_second() {
    local().clear().unwrap();
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("/azienda")
        .unwrap();
    let root = mount_app();
    sleep(50).await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("#ragione_sociale")
        .unwrap()
        .expect("the company step shows its first field")
        .dyn_into()
        .unwrap();
    input.set_value("Oripan Test S.p.A.");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    sleep(500).await;
    let saved = local().get_item("rinnovo.draft").unwrap().expect("saved");
    let stored = StoredDraft::from_json(&saved).unwrap();
    assert_eq!(stored.draft.company.ragione_sociale, "Oripan Test S.p.A.");
    assert_eq!(stored.step, "azienda");
    root.remove();
}

#[wasm_bindgen_test]
async fn switching_language_changes_texts_and_html_lang() {
    local().clear().unwrap();
    web_sys::window().unwrap().location().set_hash("/").unwrap();
    let root = mount_app();
    sleep(50).await;
    let h1 = || {
        root.query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert!(h1().contains("Nuovo programma"), "{}", h1());
    let english: web_sys::HtmlElement = root
        .query_selector("button.lang[lang=en]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    english.click();
    sleep(50).await;
    assert!(h1().contains("New support"), "{}", h1());
    let lang = document().document_element().unwrap().get_attribute("lang");
    assert_eq!(lang.as_deref(), Some("en"));
    assert_eq!(
        local().get_item("rinnovo.lang").unwrap().as_deref(),
        Some("\"en\"")
    );
    root.remove();
}
