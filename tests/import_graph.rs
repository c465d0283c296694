//! The imports between a crate's files make no circle: in the page (`src/`)
//! and in every crate (`crates/*/src`), no file imports one that imports it
//! back, directly or through others. Two files that need each other are one
//! place split in two; what both need goes to a third.
//!
//! The reader is a small lexer, std only: every `use crate::…` and
//! `use super::…` (grouped, nested, over several lines) and every
//! `crate::x::…` or `super::x` path in code (not in comments or strings) is
//! resolved to the file of the module that defines what it names. A name a
//! module only re-exports (`pub use child::Item`, or any `use` in it) is
//! followed to the file that defines it. A module's own children, named by a
//! relative path (`child::x`, `self::child::x`), are part of it, not
//! imports. `#[cfg(test)]` modules and `use` items are left out: tests may
//! reach anywhere. A crate is its library (or its `main.rs` if it has none);
//! each other binary is one file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

type ModPath = Vec<String>;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
}

/// The tokens of Rust source, without comments, strings and characters.
fn lex(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let ident_char = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut toks = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if ch == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if ch == '\'' {
            if at(i + 1) == '\\' {
                // An escaped character ('\'', '\u{…}'): up to the closing quote.
                i += 3;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime or a label: its name is lexed as an identifier.
                i += 1;
            }
        } else if ident_char(ch) {
            let start = i;
            while i < c.len() && ident_char(c[i]) {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            // Raw strings: r"…", r#"…"#, br#"…"#.
            let hashes = c[i..].iter().take_while(|&&h| h == '#').count();
            if (word == "r" || word == "br") && at(i + hashes) == '"' {
                i += hashes + 1;
                while i < c.len() {
                    let closing = c[i + 1..].iter().take_while(|&&h| h == '#').count();
                    if c[i] == '"' && closing >= hashes {
                        i += 1 + hashes;
                        break;
                    }
                    i += 1;
                }
            } else if word == "r" && hashes == 1 && at(i + 1).is_alphabetic() {
                // A raw identifier, r#type: the next word is the name.
                i += 1;
            } else if !start_is_digit(&word) {
                toks.push(Tok::Ident(word));
            }
        } else if ch == ':' && at(i + 1) == ':' {
            toks.push(Tok::Sep);
            i += 2;
        } else {
            toks.push(Tok::Punct(ch));
            i += 1;
        }
    }
    toks
}

fn start_is_digit(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
}

/// What one file says about imports.
#[derive(Default)]
struct Read {
    /// Inline modules (`mod name { … }`), by their path.
    inline: Vec<ModPath>,
    /// File modules declared under `#[cfg(test)]`.
    test_modules: Vec<ModPath>,
    /// Every name a `use` brings into a module: (module, name) -> the path.
    names: BTreeMap<(ModPath, String), Vec<String>>,
    /// Every path from `crate` or `super`, with the module it is written in.
    paths: Vec<(ModPath, Vec<String>)>,
}

fn is_ident(t: Option<&Tok>, word: &str) -> bool {
    matches!(t, Some(Tok::Ident(w)) if w == word)
}

fn is_punct(t: Option<&Tok>, ch: char) -> bool {
    t == Some(&Tok::Punct(ch))
}

/// The index just past the bracket that closes the one at `open`.
fn past_closing(toks: &[Tok], open: usize) -> usize {
    let (o, c) = match toks.get(open) {
        Some(Tok::Punct('[')) => ('[', ']'),
        Some(Tok::Punct('(')) => ('(', ')'),
        _ => ('{', '}'),
    };
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        if t == &Tok::Punct(o) {
            depth += 1;
        } else if t == &Tok::Punct(c) {
            depth -= 1;
            if depth == 0 {
                return i + 1;
            }
        }
    }
    toks.len()
}

/// Reads the items of a module (a file's tokens, or an inline module's).
fn read_items(toks: &[Tok], module: &ModPath, out: &mut Read) {
    let mut test_only = false;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // Attributes: `#[cfg(test)]` marks the next item; others are skipped.
        if is_punct(Some(t), '#') {
            let open = if is_punct(toks.get(i + 1), '!') {
                i + 2
            } else {
                i + 1
            };
            if is_punct(toks.get(open), '[') {
                let end = past_closing(toks, open);
                let attr = &toks[open + 1..end.saturating_sub(1)];
                let cfg_test = [
                    Tok::Ident("cfg".into()),
                    Tok::Punct('('),
                    Tok::Ident("test".into()),
                    Tok::Punct(')'),
                ];
                test_only |= attr == cfg_test;
                i = end;
                continue;
            }
        }
        if is_ident(Some(t), "mod") {
            if let Some(Tok::Ident(name)) = toks.get(i + 1) {
                let mut path = module.clone();
                path.push(name.clone());
                if is_punct(toks.get(i + 2), '{') {
                    let end = past_closing(toks, i + 2);
                    if !test_only {
                        out.inline.push(path.clone());
                        read_items(&toks[i + 3..end.saturating_sub(1)], &path, out);
                    }
                    test_only = false;
                    i = end;
                    continue;
                }
                if test_only {
                    out.test_modules.push(path);
                }
                test_only = false;
                i += 2;
                continue;
            }
        }
        // A `use` item (not `impl Trait + use<'a>`).
        let item = matches!(
            toks.get(i + 1),
            Some(Tok::Ident(_) | Tok::Sep | Tok::Punct('{'))
        );
        if is_ident(Some(t), "use") && item {
            let mut end = i + 1;
            let mut depth = 0usize;
            while let Some(t) = toks.get(end) {
                match t {
                    Tok::Punct('{') => depth += 1,
                    Tok::Punct('}') => depth = depth.saturating_sub(1),
                    Tok::Punct(';') if depth == 0 => break,
                    _ => {}
                }
                end += 1;
            }
            if !test_only {
                let mut trees = Vec::new();
                let mut pos = 0;
                use_tree(
                    &toks[i + 1..end.min(toks.len())],
                    &mut pos,
                    Vec::new(),
                    &mut trees,
                );
                for (mut path, alias) in trees {
                    if path.last().is_some_and(|s| s == "self") {
                        path.pop();
                    }
                    let name = alias.or_else(|| path.last().cloned());
                    if let Some(name) = name.filter(|n| n != "_" && n != "*") {
                        out.names.insert((module.clone(), name), path.clone());
                    }
                    if matches!(path.first().map(String::as_str), Some("crate" | "super")) {
                        out.paths.push((module.clone(), path));
                    }
                }
            }
            test_only = false;
            i = end + 1;
            continue;
        }
        if let Tok::Ident(word) = t {
            let starts_path = i == 0 || toks[i - 1] != Tok::Sep;
            if (word == "crate" || word == "super")
                && starts_path
                && toks.get(i + 1) == Some(&Tok::Sep)
            {
                let mut path = vec![word.clone()];
                let mut j = i + 1;
                while toks.get(j) == Some(&Tok::Sep) {
                    match toks.get(j + 1) {
                        Some(Tok::Ident(w)) => path.push(w.clone()),
                        _ => break,
                    }
                    j += 2;
                }
                out.paths.push((module.clone(), path));
                i = j;
                continue;
            }
        }
        if is_punct(Some(t), '{') || is_punct(Some(t), ';') {
            test_only = false;
        }
        i += 1;
    }
}

/// The paths of a use tree (`a::{b, c::{self, d as e}, f::*}`), each with
/// its alias.
fn use_tree(
    toks: &[Tok],
    pos: &mut usize,
    prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) {
    let mut path = prefix;
    if toks.get(*pos) == Some(&Tok::Sep) {
        // `::name`: an external crate.
        path.push("::".into());
        *pos += 1;
    }
    loop {
        match toks.get(*pos) {
            Some(Tok::Ident(w)) => {
                path.push(w.clone());
                *pos += 1;
                if toks.get(*pos) == Some(&Tok::Sep) {
                    *pos += 1;
                    continue;
                }
                let mut alias = None;
                if is_ident(toks.get(*pos), "as") {
                    if let Some(Tok::Ident(a)) = toks.get(*pos + 1) {
                        alias = Some(a.clone());
                    }
                    *pos += 2;
                }
                out.push((path, alias));
                return;
            }
            Some(Tok::Punct('*')) => {
                *pos += 1;
                path.push("*".into());
                out.push((path, None));
                return;
            }
            Some(Tok::Punct('{')) => {
                *pos += 1;
                while *pos < toks.len() {
                    if is_punct(toks.get(*pos), '}') {
                        *pos += 1;
                        return;
                    }
                    let before = *pos;
                    use_tree(toks, pos, path.clone(), out);
                    if is_punct(toks.get(*pos), ',') {
                        *pos += 1;
                    }
                    if *pos == before {
                        *pos += 1;
                    }
                }
                return;
            }
            _ => return,
        }
    }
}

/// One crate's files as modules, and the paths they write.
#[derive(Default)]
struct Crate {
    /// The file of each module (inline modules: the file they are in).
    files: BTreeMap<ModPath, String>,
    names: BTreeMap<(ModPath, String), Vec<String>>,
    /// (the file, the module the path is written in, the path)
    paths: Vec<(String, ModPath, Vec<String>)>,
}

/// The module a file is, from its path under `src/`: `lib.rs` the crate,
/// `a/mod.rs` and `a.rs` module `a`, `a/b.rs` module `a::b`.
fn module_of(file: &str) -> ModPath {
    let mut parts: ModPath = file
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod"))
        || file == "lib.rs"
        || file == "main.rs"
    {
        parts.pop();
    }
    parts
}

impl Crate {
    /// A crate from its files: (path under `src/`, source).
    fn new(sources: &[(String, String)]) -> Crate {
        let mut krate = Crate::default();
        let mut tests: Vec<ModPath> = Vec::new();
        for (file, src) in sources {
            let module = module_of(file);
            let mut read = Read::default();
            read_items(&lex(src), &module, &mut read);
            krate.files.insert(module, file.clone());
            for inline in read.inline {
                krate.files.insert(inline, file.clone());
            }
            tests.extend(read.test_modules);
            krate.names.extend(read.names);
            krate
                .paths
                .extend(read.paths.into_iter().map(|(m, p)| (file.clone(), m, p)));
        }
        // Test-only files are left out, with what they write.
        let test_files: BTreeSet<String> = krate
            .files
            .iter()
            .filter(|(m, _)| tests.iter().any(|t| m.starts_with(t)))
            .map(|(_, f)| f.clone())
            .collect();
        krate.files.retain(|_, f| !test_files.contains(f));
        krate.paths.retain(|(f, _, _)| !test_files.contains(f));
        krate
    }

    /// The module that defines what `path` names, written in `module`; none
    /// for another crate's.
    fn resolve(&self, module: &ModPath, path: &[String], depth: usize) -> Option<ModPath> {
        let mut at = module.clone();
        let mut rest = path;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                at.clear();
                rest = &rest[1..];
            }
            Some("self" | "super") => {
                while let Some(first) = rest.first() {
                    match first.as_str() {
                        "self" => {}
                        "super" => {
                            at.pop()?;
                        }
                        _ => break,
                    }
                    rest = &rest[1..];
                }
            }
            Some(first) => {
                let mut child = at.clone();
                child.push(first.to_string());
                if !self.files.contains_key(&child) {
                    return None;
                }
            }
            None => return None,
        }
        while let Some(segment) = rest.first() {
            let mut child = at.clone();
            child.push(segment.clone());
            if self.files.contains_key(&child) {
                at = child;
                rest = &rest[1..];
                continue;
            }
            if let Some(target) = self.names.get(&(at.clone(), segment.clone())) {
                if depth < 16 {
                    let mut full = target.clone();
                    full.extend(rest[1..].iter().cloned());
                    return self.resolve(&at, &full, depth + 1);
                }
            }
            break;
        }
        Some(at)
    }

    /// The file of a module (or of the inline module's file, or of the
    /// nearest module above it that has one).
    fn file(&self, module: &ModPath) -> Option<&String> {
        (0..=module.len())
            .rev()
            .find_map(|n| self.files.get(&module[..n]))
    }

    /// Each file's imports of other files.
    fn graph(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in self.files.values() {
            graph.entry(file.clone()).or_default();
        }
        for (file, module, path) in &self.paths {
            let Some(target) = self.resolve(module, path, 0).and_then(|m| self.file(&m)) else {
                continue;
            };
            if target != file {
                graph
                    .entry(file.clone())
                    .or_default()
                    .insert(target.clone());
            }
        }
        graph
    }
}

/// One circle in each group of files that import each other (the shortest
/// from the group's first file, `a -> b -> a`), and the group's other files.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<(Vec<String>, Vec<String>)> {
    // A file is in a circle with every file it reaches that reaches it back.
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<&String> = graph[from].iter().collect();
        while let Some(f) = queue.pop_front() {
            if seen.insert(f.clone()) {
                queue.extend(graph.get(f).into_iter().flatten());
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|f| (f, reach(f))).collect();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut found = Vec::new();
    for (file, reached) in &reaches {
        if done.contains(*file) || !reached.contains(*file) {
            continue;
        }
        let group: BTreeSet<String> = reached
            .iter()
            .filter(|g| reaches.get(g).is_some_and(|r| r.contains(*file)))
            .cloned()
            .collect();
        // The shortest way back, within the group.
        let mut back: BTreeMap<&String, &String> = BTreeMap::new();
        let mut queue = VecDeque::from([*file]);
        'search: while let Some(f) = queue.pop_front() {
            for next in &graph[f] {
                if !group.contains(next) || back.contains_key(next) {
                    continue;
                }
                back.insert(next, f);
                if next == *file {
                    break 'search;
                }
                queue.push_back(next);
            }
        }
        let mut circle = vec![(*file).clone()];
        let mut at = *file;
        while let Some(prev) = back.get(at).filter(|_| circle.len() <= group.len()) {
            circle.push((*prev).clone());
            at = prev;
            if at == *file {
                break;
            }
        }
        circle.reverse();
        let others = group
            .iter()
            .filter(|f| !circle.contains(f))
            .cloned()
            .collect();
        found.push((circle, others));
        done.extend(group);
    }
    found
}

/// The `.rs` files under `dir`, by their path under it.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The page's sources and every crate's: their `src/` folders.
fn source_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("src")];
    let mut crates: Vec<PathBuf> = fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    crates.sort();
    dirs.extend(crates);
    dirs
}

/// The imports between one crate's files; a binary other than the library
/// is left to itself.
fn crate_graph(all: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let has_lib = all.iter().any(|(f, _)| f == "lib.rs");
    let library: Vec<(String, String)> = all
        .iter()
        .filter(|(f, _)| !(f.starts_with("bin/") || has_lib && f == "main.rs"))
        .cloned()
        .collect();
    Crate::new(&library).graph()
}

fn crate_circles(all: &[(String, String)]) -> Vec<(Vec<String>, Vec<String>)> {
    circles(&crate_graph(all))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut report = Vec::new();
    for dir in source_dirs() {
        let shown = dir.strip_prefix(root).unwrap().display().to_string();
        let graph = crate_graph(&sources(&dir));
        // A reader that sees nothing would find no circle either.
        assert!(
            graph.len() < 3 || graph.values().any(|to| !to.is_empty()),
            "{shown}: no import read between its {} files",
            graph.len()
        );
        for (circle, others) in circles(&graph) {
            let files: Vec<String> = circle.iter().map(|f| format!("{shown}/{f}")).collect();
            let mut line = files.join(" -> ");
            if !others.is_empty() {
                let others: Vec<String> = others.iter().map(|f| format!("{shown}/{f}")).collect();
                line += &format!(" (in one knot with {})", others.join(", "));
            }
            report.push(line);
        }
    }
    assert!(
        report.is_empty(),
        "files that import each other:\n  {}",
        report.join("\n  ")
    );
}

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(f, s)| (f.to_string(), s.to_string()))
        .collect()
}

#[test]
fn a_circle_through_a_re_export_grouped_and_multi_line_imports_is_found() {
    let crate_files = files(&[
        ("lib.rs", "mod ui;\npub mod other;"),
        (
            "ui/mod.rs",
            "mod a;\nmod b;\nmod c;\npub use c::{Later, Other as Renamed};",
        ),
        (
            "ui/a.rs",
            "use super::{\n    b::{self, Thing},\n    // c::Nothing,\n};",
        ),
        (
            "ui/b.rs",
            "fn f() { let s = \"super::a::x\"; crate::ui::Later(); }",
        ),
        ("ui/c.rs", "pub fn Later() {}\nfn g() { super::a::go() }"),
        ("other.rs", "pub fn h() {}"),
    ]);
    let found: Vec<Vec<String>> = crate_circles(&crate_files)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(found, [["ui/a.rs", "ui/b.rs", "ui/c.rs", "ui/a.rs"]]);
}

#[test]
fn tests_comments_strings_and_a_modules_own_children_make_no_circle() {
    let crate_files = files(&[
        (
            "lib.rs",
            "pub mod a;\nmod b;\npub use a::A;\nfn f() { b::g(); a::A; }\npub struct Error;",
        ),
        (
            "a.rs",
            "use crate::Error;\npub struct A;\n/* crate::b::g() /* nested */ crate::b::g() */",
        ),
        (
            "b.rs",
            "use crate::a::A;\nconst C: char = '\"'; fn g() -> &'static str { r#\"crate::c\"# }\n\
             #[cfg(test)]\nmod tests {\n    use crate::c::C;\n}",
        ),
        ("c.rs", "use crate::b;\n#[cfg(test)]\nuse crate::b as _b;"),
    ]);
    assert_eq!(crate_circles(&crate_files), []);
}
