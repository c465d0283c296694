//! The table, a row per file: company, Partita IVA, tier, activations
//! declared, the comparison with the customer list when one is loaded,
//! how each document was signed, `verify`'s verdict and the file; a file
//! that gave no row says why in its row. Then the customers with no
//! return. What needs a look is marked in words, and in colour too.

use crate::state::{Office, Row, State};
use leptos::prelude::*;
use rinnovo_cli::compare::{Compared, Outcome};
use rinnovo_cli::examine::Reply;

#[component]
pub fn Table() -> impl IntoView {
    let o = expect_context::<Office>();
    let listed = move || o.comparison.with(Option::is_some);
    view! {
        <Show when=move || o.rows.with(|r| !r.is_empty())>
            <div class="table-scroll" role="region" aria-labelledby="table-caption" tabindex="0">
                <table>
                    <caption id="table-caption">{move || o.t("table.caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || o.t("col.company")}</th>
                            <th scope="col">{move || o.t("col.piva")}</th>
                            <th scope="col">{move || o.t("col.tier")}</th>
                            <th scope="col">{move || o.t("col.activations")}</th>
                            {move || listed().then(|| view! {
                                <th scope="col">{move || o.t("col.licences")}</th>
                                <th scope="col">{move || o.t("col.difference")}</th>
                                <th scope="col">{move || o.t("col.compare")}</th>
                            })}
                            <th scope="col">{move || o.t("col.signed")}</th>
                            <th scope="col">{move || o.t("col.verdict")}</th>
                            <th scope="col">{move || o.t("col.file")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || o.rows.get() key=|r| r.key let:row>
                            <FileRow row listed/>
                        </For>
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

#[component]
fn FileRow(row: Row, listed: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let o = expect_context::<Office>();
    let Row { key, name, state } = row;
    // The cells before the file's: 6, or 9 with the comparison.
    let span = move || if listed() { 8 } else { 5 };
    let cells = move || match state.get() {
        State::Done(reply) if reply.error.is_none() => done(o, key, &reply, listed()).into_any(),
        other => {
            let text = match other {
                State::Waiting => o.t("row.waiting"),
                State::Reading => o.t("row.reading"),
                State::Cancelled => o.t("row.cancelled"),
                State::Failed(f) => o.fill("row.failed", &[("why", &o.t(f.key()))]),
                State::Done(reply) => o.fill(
                    "row.failed",
                    &[("why", reply.error.as_deref().unwrap_or_default())],
                ),
            };
            let failed = text.starts_with(&o.fill("row.failed", &[("why", "")]));
            view! { <td colspan=span class:flag=failed>{text}</td> }.into_any()
        }
    };
    view! {
        <tr>
            {cells}
            <td class="file">{name}</td>
        </tr>
    }
}

fn done(o: Office, key: (u32, usize), reply: &Reply, listed: bool) -> impl IntoView {
    let value = |column: &str| {
        rinnovo_cli::record::COLUMNS
            .iter()
            .position(|c| *c == column)
            .and_then(|i| reply.values.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let compared = listed.then(|| o.compared(key)).flatten();
    let verdict = o.fill(
        &format!("verdict.{}", reply.verdict),
        &[("n", &reply.signatures.to_string()), ("why", &reply.why)],
    );
    // A document the file does not hold has no line.
    let signed = |doc_key: &str, how: &str| {
        (how != "not_in_file").then(|| {
            let text = o.fill(doc_key, &[("how", &o.t(&format!("signed.{how}")))]);
            view! { <span class="doc">{text}</span> }
        })
    };
    let form = signed("signed.form", &reply.form);
    let conditions = signed("signed.conditions", &reply.conditions);
    let lines = reply.lines.clone();
    view! {
        <td>{value("ragione_sociale")}</td>
        <td class="id">{value("partita_iva")}</td>
        <td>{value("assistenza")}</td>
        <td class="number">{value("attivazioni")}</td>
        {listed.then(|| comparison_cells(o, compared))}
        <td class="signed">{form}{conditions}</td>
        <td class:flag=reply.flagged>
            {verdict}
            {(reply.flagged && !lines.is_empty()).then(|| view! {
                <details>
                    <summary>{o.t("row.details")}</summary>
                    <ul>{lines.into_iter().map(|l| view! { <li lang="en">{l}</li> }).collect_view()}</ul>
                </details>
            })}
        </td>
    }
}

fn comparison_cells(o: Office, c: Option<Compared>) -> impl IntoView {
    let Some(c) = c else {
        return view! { <td></td><td></td><td></td> }.into_any();
    };
    let outcome = c.outcome();
    let mut text = o.t(&format!("compare.{}", outcome.id()));
    // A duplicate still says how its count compares.
    if outcome == Outcome::Duplicate && c.count().flagged() {
        text = format!("{text}; {}", o.t(&format!("compare.{}", c.count().id())));
    }
    let differs = c.difference().is_some_and(|d| d != 0);
    view! {
        <td class="number">{c.licences.map(|l| l.to_string())}</td>
        <td class="number" class:flag=differs>{c.difference().map(|d| d.to_string())}</td>
        <td class:flag=outcome.flagged()>{text}</td>
    }
    .into_any()
}

#[component]
pub fn Unanswered() -> impl IntoView {
    let o = expect_context::<Office>();
    let shown = move || {
        !o.running.get() && o.comparison.with(Option::is_some) && o.rows.with(|r| !r.is_empty())
    };
    view! {
        <Show when=shown>
            <section class="unanswered" aria-labelledby="unanswered-title">
                <h2 id="unanswered-title">{move || o.t("unanswered.title")}</h2>
                {move || {
                    let list = o.list.get().map(|l| l.listed).unwrap_or_default();
                    let missing: Vec<usize> = o.comparison.with(|c| c.as_ref().map(|c| c.unanswered.clone()).unwrap_or_default());
                    if missing.is_empty() {
                        return view! { <p>{o.t("unanswered.none")}</p> }.into_any();
                    }
                    view! {
                        <div class="table-scroll" role="region" aria-labelledby="unanswered-caption" tabindex="0">
                            <table>
                                <caption id="unanswered-caption">{o.t("unanswered.caption")}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{o.t("col.company")}</th>
                                        <th scope="col">{o.t("col.piva")}</th>
                                        <th scope="col">{o.t("unanswered.code")}</th>
                                        <th scope="col">{o.t("col.licences")}</th>
                                        <th scope="col">{o.t("unanswered.line")}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {missing.iter().filter_map(|i| list.get(*i)).map(|c| view! {
                                        <tr>
                                            <td>{c.company.clone()}</td>
                                            <td class="id">{c.partita_iva.clone()}</td>
                                            <td>{c.codice_cliente.clone()}</td>
                                            <td class="number">{c.licences.map(|l| l.to_string())}</td>
                                            <td class="number">{c.line}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
        </Show>
    }
}
