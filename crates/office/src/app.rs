//! The office page mounted: the page's parts around the table (choosing
//! the files, the customer list, the progress, the summary, the
//! download), over the one state (`crate::state::Office`).

use crate::pick;
use crate::state::{Office, State};
use crate::table::{Table, Unanswered};
use crate::texts::{Lang, Texts};
use leptos::prelude::*;
use rinnovo_cli::compare::Outcome;
use rinnovo_cli::record::Record;

/// Mounts the page.
pub fn mount() {
    console_error_panic_hook::set_once();
    register_service_worker();
    leptos::mount::mount_to_body(App);
    // The mark the customer's app sets too, once it answers its controls.
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-app", "ready");
    }
}

/// Offline after one visit: `ufficio/sw.js` (scripts/postbuild-office.mjs)
/// caches this page's files, apart from the customer's page.
fn register_service_worker() {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().service_worker().register("./sw.js");
    }
}

#[component]
fn App() -> impl IntoView {
    let o = Office::new();
    provide_context(o);
    Effect::new(move |_| {
        let lang = o.lang.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&Texts::get().t(lang, "title"));
        }
    });
    view! {
        <header class="office-header">
            <p class="brand">"Oripan · Rinnovo"</p>
            <div role="group" aria-label=move || o.t("lang.label") class="langs">
                {Lang::ALL.into_iter().map(|l| view! {
                    <button
                        type="button"
                        lang=l.code()
                        aria-pressed=move || (o.lang.get() == l).to_string()
                        on:click=move |_| o.lang.set(l)
                    >{crate::texts::own_name(l)}</button>
                }).collect_view()}
            </div>
        </header>
        <main id="main">
            <h1>{move || o.t("title")}</h1>
            <p class="intro">{move || o.t("intro")}</p>
            <div class="inputs">
                <Picker/>
                <CustomerList/>
            </div>
            <Progress/>
            <Summary/>
            <Table/>
            <Unanswered/>
        </main>
    }
}

#[component]
fn Picker() -> impl IntoView {
    let o = expect_context::<Office>();
    let dragging = RwSignal::new(false);
    let picked = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let files = pick::from_input(&input);
        input.set_value("");
        o.start(files);
    };
    view! {
        <section
            class="picker"
            class:dragging=move || dragging.get()
            aria-labelledby="pick-title"
            on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                dragging.set(false);
                let (entries, files) = pick::dropped_entries(&ev);
                wasm_bindgen_futures::spawn_local(async move {
                    o.start(pick::from_drop(entries, files).await);
                });
            }
        >
            <h2 id="pick-title">{move || o.t("pick.legend")}</h2>
            <div class="pickers">
                <p>
                    <label for="pick-files">{move || o.t("pick.files")}</label>
                    <input id="pick-files" type="file" multiple accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff" on:change=picked/>
                </p>
                <p>
                    <label for="pick-folder">{move || o.t("pick.folder")}</label>
                    <input id="pick-folder" type="file" prop:webkitdirectory=true on:change=picked/>
                </p>
            </div>
            <p class="hint">{move || if dragging.get() { o.t("pick.dropping") } else { o.t("pick.drop") }}</p>
            <p aria-live="polite" class="error">{move || o.nothing_picked.get().then(|| o.t("pick.none"))}</p>
        </section>
    }
}

#[component]
fn CustomerList() -> impl IntoView {
    let o = expect_context::<Office>();
    let chosen = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        wasm_bindgen_futures::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buf) => o.load_list(file.name(), js_sys::Uint8Array::new(&buf).to_vec()),
                Err(_) => o.list_error.set(Some(o.t("failure.read"))),
            }
        });
    };
    view! {
        <section class="list" aria-labelledby="list-title">
            <h2 id="list-title">{move || o.t("list.legend")}</h2>
            <p>
                <label for="pick-list">{move || o.t("list.pick")}</label>
                <input id="pick-list" type="file" accept=".csv,text/csv" aria-describedby="list-hint" on:change=chosen/>
            </p>
            <p id="list-hint" class="hint">{move || o.t("list.hint")}</p>
            <div aria-live="polite">
                {move || o.list_error.get().map(|why| view! {
                    <p class="error">{o.fill("list.error", &[("why", &why)])}</p>
                })}
                {move || o.list.get().map(|l| {
                    let count = l.listed.len().to_string();
                    let skipped = l.skipped.clone();
                    view! {
                        <p>
                            {o.fill("list.loaded", &[("name", &l.name), ("count", &count)])}
                            " "
                            <button type="button" class="secondary" on:click=move |_| o.list.set(None)>
                                {move || o.t("list.remove")}
                            </button>
                        </p>
                        {(!skipped.is_empty()).then(|| view! {
                            <details>
                                <summary>{o.fill("list.skipped", &[("count", &skipped.len().to_string())])}</summary>
                                <ul>
                                    {skipped.iter().map(|(line, why)| view! {
                                        <li>{o.fill("list.line", &[("line", &line.to_string()), ("why", why)])}</li>
                                    }).collect_view()}
                                </ul>
                            </details>
                        })}
                    }
                })}
            </div>
        </section>
    }
}

#[component]
fn Progress() -> impl IntoView {
    let o = expect_context::<Office>();
    let total = move || o.rows.with(Vec::len);
    let counts = move || {
        [
            ("done", o.done.get().to_string()),
            ("total", total().to_string()),
        ]
    };
    let text = move |key: &str| {
        let c = counts();
        o.fill(key, &[("done", &c[0].1), ("total", &c[1].1)])
    };
    view! {
        <Show when=move || { total() > 0 }>
            <section class="progress" aria-labelledby="progress-label">
                <p>
                    <label id="progress-label" for="progress">{move || o.t("progress.label")}</label>
                    " "
                    <progress id="progress" max=move || total().max(1) value=move || o.done.get() aria-valuetext=move || text("progress.text")></progress>
                    " "
                    <span>{move || text("progress.text")}</span>
                    " "
                    <button
                        type="button"
                        disabled=move || !o.running.get() || o.cancelled.get()
                        on:click=move |_| o.cancelled.set(true)
                    >{move || o.t("progress.cancel")}</button>
                </p>
                <p role="status">
                    {move || (!o.running.get()).then(|| if o.cancelled.get() {
                        text("progress.cancelled")
                    } else {
                        text("progress.finished")
                    })}
                </p>
            </section>
        </Show>
    }
}

#[component]
fn Summary() -> impl IntoView {
    let o = expect_context::<Office>();
    let over = move || !o.running.get() && o.rows.with(|r| !r.is_empty());
    let count = move |f: &dyn Fn(&State) -> bool| {
        o.rows
            .with(|rows| rows.iter().filter(|r| r.state.with(|s| f(s))).count())
    };
    let outcomes = move |wanted: Outcome| {
        o.comparison.with(|c| {
            c.as_ref().map_or(0, |c| {
                c.returns
                    .iter()
                    .filter(|r| match wanted {
                        Outcome::Fewer | Outcome::More => {
                            r.customer.is_some() && r.count() == wanted
                        }
                        Outcome::Duplicate => r.duplicate,
                        other => r.outcome() == other,
                    })
                    .count()
            })
        })
    };
    let line = move |key: &'static str, n: usize, flag: bool| {
        let flagged = flag && n > 0;
        view! { <li class:flag=flagged>{o.fill(key, &[("n", &n.to_string())])}</li> }
    };
    let export = move |_| {
        let bytes = o.records.with(|recs| {
            let recs: Vec<Record> = recs.iter().map(|(_, r)| r.clone()).collect();
            let list = o.list.get_untracked();
            o.comparison.with_untracked(|c| match (&list, c) {
                (Some(l), Some(c)) => crate::export::csv(&recs, Some((&l.listed, c))),
                _ => crate::export::csv(&recs, None),
            })
        });
        if crate::export::download(&bytes).is_err() {
            o.list_error.set(Some(o.t("export.error")));
        }
    };
    view! {
        <Show when=over>
            <section class="summary" aria-labelledby="summary-title">
                <h2 id="summary-title">{move || o.t("summary.title")}</h2>
                <ul>
                    {move || {
                        let read = o.records.with(Vec::len);
                        let failed = count(&|s| matches!(s, State::Failed(_)) || matches!(s, State::Done(r) if r.error.is_some()));
                        let changed = count(&|s| matches!(s, State::Done(r) if r.error.is_none() && r.flagged));
                        let mut lines = vec![
                            line("summary.read", read, false),
                            line("summary.failed", failed, true),
                            line("summary.changed", changed, true),
                        ];
                        if let Some(c) = o.comparison.get() {
                            lines.extend([
                                line("summary.fewer", outcomes(Outcome::Fewer), true),
                                line("summary.more", outcomes(Outcome::More), true),
                                line("summary.unanswered", c.unanswered.len(), true),
                                line("summary.unknown", outcomes(Outcome::UnknownCustomer), true),
                                line("summary.duplicate", outcomes(Outcome::Duplicate), true),
                            ]);
                        }
                        lines
                    }}
                </ul>
                <p><button type="button" on:click=export>{move || o.t("export")}</button></p>
            </section>
        </Show>
    }
}
