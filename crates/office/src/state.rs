//! The office page's one state ([`Office`]): the files and where each is,
//! the customer list, and what is derived from them (the records, the
//! comparison) as memos; and how a reading runs, one file at a time.

use crate::pick::Picked;
use crate::reader::{self, Failure};
use crate::texts::{Lang, Texts};
use leptos::prelude::*;
use rinnovo_cli::compare::{self, Comparison, Listed};
use rinnovo_cli::examine::Reply;
use rinnovo_cli::record::Record;

/// Where one file is.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    Waiting,
    Reading,
    Done(Reply),
    Failed(Failure),
    Cancelled,
}

/// One file's row.
#[derive(Debug, Clone)]
pub struct Row {
    /// Unique across readings: (reading, index).
    pub key: (u32, usize),
    /// Its `file` column.
    pub name: String,
    pub state: RwSignal<State>,
}

/// The customer list loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub name: String,
    pub listed: Vec<Listed>,
    pub skipped: Vec<(usize, String)>,
}

/// The page's one state; what can be derived is a memo, computed when no
/// reading is running (so that hundreds of files cost one pass, not one
/// per file).
#[derive(Clone, Copy)]
pub struct Office {
    pub lang: RwSignal<Lang>,
    pub rows: RwSignal<Vec<Row>>,
    pub done: RwSignal<usize>,
    pub running: RwSignal<bool>,
    pub cancelled: RwSignal<bool>,
    reading: RwSignal<u32>,
    pub list: RwSignal<Option<List>>,
    pub list_error: RwSignal<Option<String>>,
    /// Whether the last files chosen or dropped held no return.
    pub nothing_picked: RwSignal<bool>,
    /// The rows that gave a record, by key, in the rows' order.
    pub records: Memo<Vec<((u32, usize), Record)>>,
    /// The records against the list, when one is loaded.
    pub comparison: Memo<Option<Comparison>>,
}

impl Office {
    pub fn new() -> Office {
        let rows = RwSignal::new(Vec::<Row>::new());
        let running = RwSignal::new(false);
        let list = RwSignal::new(None::<List>);
        let records = Memo::new(move |_| {
            if running.get() {
                return Vec::new();
            }
            rows.with(|rows| {
                rows.iter()
                    .filter_map(|r| {
                        r.state.with(|s| match s {
                            State::Done(reply) => reply.record().map(|rec| (r.key, rec)),
                            _ => None,
                        })
                    })
                    .collect()
            })
        });
        let comparison = Memo::new(move |_| {
            let list = list.get()?;
            records.with(|recs| {
                let recs: Vec<Record> = recs.iter().map(|(_, r)| r.clone()).collect();
                Some(compare::compare(&recs, &list.listed))
            })
        });
        Office {
            lang: RwSignal::new(Lang::default()),
            rows,
            done: RwSignal::new(0),
            running,
            cancelled: RwSignal::new(false),
            reading: RwSignal::new(0),
            list,
            list_error: RwSignal::new(None),
            nothing_picked: RwSignal::new(false),
            records,
            comparison,
        }
    }

    /// The text of `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        Texts::get().t(self.lang.get(), key)
    }

    /// The text of `key` with its values.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        Texts::get().fill(self.lang.get(), key, values)
    }

    /// A row's comparison, when a list is loaded and the reading is over.
    pub fn compared(&self, key: (u32, usize)) -> Option<compare::Compared> {
        let at = self
            .records
            .with(|r| r.iter().position(|(k, _)| *k == key))?;
        self.comparison
            .with(|c| c.as_ref().and_then(|c| c.returns.get(at).cloned()))
    }

    /// Reads the files picked, in place of any reading before.
    pub fn start(self, picked: Vec<Picked>) {
        reader::reset();
        self.nothing_picked.set(picked.is_empty());
        let reading = self.reading.get_untracked().wrapping_add(1);
        self.reading.set(reading);
        let rows: Vec<Row> = picked
            .iter()
            .enumerate()
            .map(|(i, p)| Row {
                key: (reading, i),
                name: p.name.clone(),
                state: RwSignal::new(State::Waiting),
            })
            .collect();
        self.rows.set(rows.clone());
        self.done.set(0);
        self.cancelled.set(false);
        self.running.set(!rows.is_empty());
        let current = move || self.reading.get_untracked() == reading;
        wasm_bindgen_futures::spawn_local(async move {
            for (row, p) in rows.iter().zip(&picked) {
                if !current() {
                    return;
                }
                if self.cancelled.get_untracked() {
                    row.state.set(State::Cancelled);
                    continue;
                }
                row.state.set(State::Reading);
                let state = match reader::examine(&p.name, &p.file).await {
                    Ok(reply) => State::Done(reply),
                    Err(f) => State::Failed(f),
                };
                if !current() {
                    return;
                }
                row.state.set(state);
                self.done.update(|d| *d += 1);
            }
            self.running.set(false);
        });
    }

    pub fn load_list(self, name: String, bytes: Vec<u8>) {
        match rinnovo_cli::customers::parse(&bytes) {
            Ok(c) => {
                self.list_error.set(None);
                self.list.set(Some(List {
                    name,
                    listed: c.customers.iter().map(Listed::from).collect(),
                    skipped: c
                        .skipped
                        .iter()
                        .map(|s| (s.line, s.problem.to_string()))
                        .collect(),
                }));
            }
            Err(e) => {
                self.list.set(None);
                self.list_error.set(Some(e.to_string()));
            }
        }
    }
}
