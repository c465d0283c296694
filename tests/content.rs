//! The content files: they parse, both languages have every text, and every
//! text the code asks for exists.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files, run tools or use proptest.
#![cfg(not(target_arch = "wasm32"))]

use rinnovo_core::content::{Content, ContentError, Lang};
use rinnovo_core::domain::draft::{SignatureMethod, StampMethod};
use rinnovo_core::domain::form::{ErrorKind, FieldId};
use std::collections::BTreeSet;

fn content() -> Content {
    Content::embedded().expect("the embedded content parses")
}

/// Every `"key"` literal the UI code, the prerendered page and the PEC
/// message pass to `t(...)` or to a `*_key` prop.
fn literal_keys_in_ui() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // The prerendered page (the same texts, written into index.html).
    files.push(concat!(env!("CARGO_MANIFEST_DIR"), "/crates/core/src/prerender.rs").into());
    // The message to the vendor's PEC.
    files.push(concat!(env!("CARGO_MANIFEST_DIR"), "/crates/core/src/mail.rs").into());
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        for marker in ["t(\"", "_key=\"", "_key = \""] {
            for (i, _) in text.match_indices(marker) {
                let rest = &text[i + marker.len()..];
                let key: String = rest.chars().take_while(|c| *c != '"').collect();
                if key.contains('.') && !key.contains('{') {
                    keys.insert(key);
                }
            }
        }
    }
    keys
}

/// Every `"error.…"` message key named in the PDF code (`rinnovo-documents`).
fn pdf_error_keys() -> BTreeSet<String> {
    fn walk(dir: &std::path::Path, keys: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, keys);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices("\"error.") {
                    let key: String = text[i + 1..].chars().take_while(|c| *c != '"').collect();
                    keys.insert(key);
                }
            }
        }
    }
    let mut keys = BTreeSet::new();
    walk(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/crates/documents/src")),
        &mut keys,
    );
    assert!(
        keys.len() >= 8,
        "the PDF key scan found too few keys: {keys:?}"
    );
    keys
}

/// The keys the code builds from enums: field labels, signature and stamp methods,
/// step names, error messages.
fn derived_keys() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    keys.extend(FieldId::ALL.iter().map(|f| format!("field.{}", f.id())));
    keys.extend(
        SignatureMethod::ALL
            .iter()
            .map(|m| format!("signature.method.{}", m.id())),
    );
    keys.extend(
        StampMethod::ALL
            .iter()
            .map(|m| format!("stamp.method.{}", m.id())),
    );
    for slug in [
        "azienda",
        "attivazioni",
        "assistenza",
        "firma",
        "condizioni",
        "riepilogo",
    ] {
        keys.insert(format!("steps.{slug}"));
    }
    for k in [
        "company",
        "activations",
        "support",
        "signing",
        "conditions",
        "review",
    ] {
        keys.insert(format!("landing.step.{k}"));
    }
    for k in ["company", "activations", "support", "signing", "conditions"] {
        keys.insert(format!("{k}.intro"));
    }
    keys.extend(ErrorKind::all_keys().into_iter().map(String::from));
    keys
}

/// `hint.<id>` for every field declared with `hint: true`: the company's in
/// the field table, the others' in the steps' `text!` calls.
fn hint_keys() -> BTreeSet<String> {
    let mut keys: BTreeSet<String> = rinnovo_core::domain::fields::COMPANY
        .iter()
        .filter(|f| f.input.hint)
        .map(|f| format!("hint.{}", f.id.id()))
        .collect();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui/steps.rs")).unwrap();
    for line in text
        .lines()
        .filter(|l| l.contains("text!(F::") && l.contains("hint: true"))
    {
        let variant: String = line
            .split("text!(F::")
            .nth(1)
            .unwrap()
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let field = FieldId::ALL
            .iter()
            .find(|f| format!("{f:?}") == variant)
            .unwrap_or_else(|| panic!("unknown field {variant}"));
        keys.insert(format!("hint.{}", field.id()));
    }
    assert!(
        keys.len() >= 7 && keys.contains("hint.activations"),
        "the hint scan found too few hints: {keys:?}"
    );
    keys
}

#[test]
fn embedded_content_parses() {
    let c = content();
    assert_eq!(c.site.tiers.len(), 3);
    assert_eq!(c.site.faq.len(), 3);
    assert!(c.conditions.clauses.len() >= 5);
    assert!(c.province.iter().any(|p| p == "MI"));
}

#[test]
fn both_languages_have_the_same_keys() {
    let c = content();
    let it: BTreeSet<&str> = c.texts(Lang::It).keys().collect();
    let en: BTreeSet<&str> = c.texts(Lang::En).keys().collect();
    let only_it: Vec<_> = it.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&it).collect();
    assert!(only_it.is_empty(), "missing in English: {only_it:?}");
    assert!(only_en.is_empty(), "missing in Italian: {only_en:?}");
}

#[test]
fn every_text_the_code_asks_for_exists_in_every_language() {
    let c = content();
    let wanted: BTreeSet<String> = literal_keys_in_ui()
        .into_iter()
        .chain(derived_keys())
        .chain(hint_keys())
        .chain(pdf_error_keys())
        .collect();
    assert!(
        wanted.len() > 100,
        "the key scan found only {}",
        wanted.len()
    );
    for lang in Lang::ALL {
        let missing: Vec<_> = wanted
            .iter()
            .filter(|k| !c.texts(lang).contains(k))
            .collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
    }
}

#[test]
fn no_text_is_blank() {
    let c = content();
    for lang in Lang::ALL {
        for key in c.texts(lang).keys() {
            assert!(
                !c.texts(lang).get(key).trim().is_empty(),
                "{lang:?} {key} is blank"
            );
        }
    }
}

#[test]
fn every_clause_listed_for_the_specific_approval_exists_and_has_a_one_line_summary() {
    let c = content();
    assert!(!c.site.onerous_clauses.is_empty());
    let listed = c.onerous_clauses();
    assert_eq!(listed.len(), c.site.onerous_clauses.len());
    for ((clause, summary), o) in listed.iter().zip(&c.site.onerous_clauses) {
        assert_eq!(clause.number, o.number);
        assert!(
            !summary.trim().is_empty(),
            "clause {} has no summary",
            o.number
        );
        assert!(!summary.contains('\n'), "clause {}: {summary}", o.number);
        assert!(
            summary.chars().count() <= rinnovo_core::content::MAX_SUMMARY_CHARS,
            "clause {}: {summary}",
            o.number
        );
    }
}

/// The embedded content with `site.json`'s list of onerous clauses changed
/// by `edit`.
fn with_onerous_clauses(
    edit: impl FnOnce(&mut Vec<serde_json::Value>),
) -> Result<(), ContentError> {
    let mut site: serde_json::Value =
        serde_json::from_str(rinnovo_core::content::SITE_JSON).unwrap();
    edit(site["onerous_clauses"].as_array_mut().unwrap());
    Content::parse(
        &site.to_string(),
        rinnovo_core::content::CONDITIONS_MD,
        rinnovo_core::content::PROVINCE_JSON,
        rinnovo_core::content::TEXTS_IT_JSON,
        rinnovo_core::content::TEXTS_EN_JSON,
    )
    .map(|_| ())
}

#[test]
fn a_clause_listed_without_a_summary_is_refused() {
    assert!(with_onerous_clauses(|_| {}).is_ok());
    // The last clause listed, whichever it is.
    let number = content()
        .site
        .onerous_clauses
        .last()
        .unwrap()
        .number
        .clone();
    let missing = with_onerous_clauses(|list| {
        list.last_mut()
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove("summary");
    });
    assert!(
        matches!(&missing, Err(ContentError::Json { file: "site.json", message }) if message.contains("summary")),
        "{missing:?}"
    );
    for summary in [
        "",
        "   ",
        "Prima riga.\nSeconda riga.",
        &"lunga ".repeat(40),
    ] {
        let refused =
            with_onerous_clauses(|list| list.last_mut().unwrap()["summary"] = summary.into());
        assert!(
            matches!(&refused, Err(ContentError::Invalid(m)) if m.contains(&format!("{number:?}"))),
            "{summary:?}: {refused:?}"
        );
    }
}

#[test]
fn a_listed_clause_that_the_conditions_lack_is_refused() {
    let unknown = with_onerous_clauses(|list| list[0]["number"] = "99".into());
    assert!(
        matches!(&unknown, Err(ContentError::Invalid(m)) if m.contains("\"99\"")),
        "{unknown:?}"
    );
    let twice = with_onerous_clauses(|list| {
        let first = list[0].clone();
        list.push(first);
    });
    assert!(matches!(twice, Err(ContentError::Invalid(_))), "{twice:?}");
    let none = with_onerous_clauses(|list| list.clear());
    assert!(matches!(none, Err(ContentError::Invalid(_))), "{none:?}");
}

#[test]
fn localized_content_is_complete() {
    let c = content();
    for t in &c.site.tiers {
        for l in Lang::ALL {
            assert!(!t.name.get(l).is_empty() && !t.summary.get(l).is_empty());
        }
    }
    for f in &c.site.faq {
        for l in Lang::ALL {
            assert!(!f.question.get(l).is_empty() && !f.answer.get(l).is_empty());
        }
    }
}

#[test]
fn placeholders_are_filled_with_dates_and_contacts() {
    let c = content();
    let answer = c.site.fill(c.site.faq[2].answer.get(Lang::It));
    assert!(answer.contains("31/12/2020"), "{answer}");
    assert!(!answer.contains('{'));
    for step in c.site.next_steps.get(Lang::En) {
        assert!(!c.site.fill(step).contains('{'));
    }
}

#[test]
fn a_changed_date_shows_everywhere_it_is_used() {
    let site = rinnovo_core::content::SITE_JSON.replace("2020-12-31", "2025-06-30");
    let c = Content::parse(
        &site,
        rinnovo_core::content::CONDITIONS_MD,
        rinnovo_core::content::PROVINCE_JSON,
        rinnovo_core::content::TEXTS_IT_JSON,
        rinnovo_core::content::TEXTS_EN_JSON,
    )
    .unwrap();
    let answer = c.site.fill(c.site.faq[2].answer.get(Lang::It));
    assert!(answer.contains("30/06/2025"), "{answer}");
}

#[test]
fn broken_content_is_an_error_not_a_panic() {
    assert!(rinnovo_core::content::Site::parse("{").is_err());
    let bad_date = rinnovo_core::content::SITE_JSON.replace("2021-01-01", "2021-02-30");
    assert!(rinnovo_core::content::Site::parse(&bad_date).is_err());
    assert!(rinnovo_core::content::Conditions::parse("no title").is_err());
    assert!(rinnovo_core::content::Conditions::parse("# T\n\ntext before a clause").is_err());
}

/// The page's copy of the content, written into its build as Rust
/// (`build.rs`, `Content::to_rust`), is the content the native tools parse:
/// every text the page shows, tier, clause and province, in both languages,
/// once the pieces its wasm parts add are added, in any order.
#[test]
fn the_pages_built_in_content_is_the_parsed_content() {
    use rinnovo::content::{english_piece, form_piece, site_piece};
    use rinnovo_core::content::Book;
    let parsed = content();
    let start = rinnovo::content::content();
    let orders: [[fn() -> rinnovo_core::content::Piece; 3]; 2] = [
        [site_piece, form_piece, english_piece],
        [english_piece, form_piece, site_piece],
    ];
    for order in orders {
        let mut built = start.clone();
        for piece in order {
            assert!(piece().apply(&mut built));
        }
        // A piece fetched twice adds nothing more.
        let again = built.clone();
        assert!(form_piece().apply(&mut built));
        assert_eq!(built, again);
        assert_eq!(built.site, parsed.site);
        assert_eq!(built.conditions, parsed.conditions);
        assert_eq!(built.province, parsed.province);
        for lang in Lang::ALL {
            // Every text but the prerendered page's own, which the page
            // does not show.
            let shown: Vec<(&str, &str)> = parsed
                .texts(lang)
                .pairs()
                .filter(|(k, _)| Book::of(k) != Book::None)
                .collect();
            assert!(shown.len() > 200);
            assert!(built.texts(lang).pairs().eq(shown.iter().copied()));
            // Looked up by key, as the page does, in its sorted tables.
            for (key, text) in &shown {
                assert_eq!(built.texts(lang).get(key), *text);
                assert!(built.texts(lang).contains(key));
            }
            assert_eq!(built.texts(lang).get("no.such.key"), "no.such.key");
            assert!(!built.texts(lang).contains("no.such.key"));
            assert!(!built.texts(lang).contains("prerender.loading"));
        }
    }
}

/// The content the page starts with holds the first part's texts, in
/// Italian only, and nothing of what only the other parts show; each piece
/// holds its books' texts.
#[test]
fn the_page_starts_with_the_first_parts_content_and_each_part_adds_its_own() {
    use rinnovo::content::{form_piece, site_piece};
    use rinnovo_core::content::Book;
    let parsed = content();
    let start = rinnovo::content::content();
    assert_eq!(start.texts(Lang::En).pairs().count(), 0);
    assert!(start.site.tiers.is_empty() && start.site.faq.is_empty());
    assert!(start.conditions.clauses.is_empty() && start.site.onerous_clauses.is_empty());
    assert_eq!(start.site.vendor, parsed.site.vendor);
    assert_eq!(
        rinnovo::content::TIER_IDS,
        parsed
            .site
            .tiers
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
    );
    let first: Vec<_> = parsed.texts(Lang::It).book(Book::First);
    assert!(start.texts(Lang::It).pairs().eq(first.iter().copied()));
    for (piece, books) in [
        (site_piece as fn() -> _, [Book::Site, Book::Pages]),
        (form_piece, [Book::Form, Book::Pages]),
    ] {
        let mut c = start.clone();
        assert!(piece().apply(&mut c));
        for (key, text) in parsed.texts(Lang::It).pairs() {
            let book = Book::of(key);
            let expected = (book == Book::First || books.contains(&book)).then_some(text);
            assert_eq!(c.texts(Lang::It).lookup(key), expected, "{key}");
        }
    }
    // A field's label and hint go with its step; the errors only later
    // steps' fields have go with the form; the pages' titles, which the
    // frame shows, stay in the first part.
    for (key, book) in [
        ("field.ragione_sociale", Book::First),
        ("hint.pec", Book::First),
        ("field.optional", Book::First),
        ("field.activations", Book::Form),
        ("hint.form_signer", Book::Form),
        ("error.required", Book::First),
        ("error.piva.check_digit", Book::First),
        ("error.activations.too_low", Book::Form),
        ("error.signature.missing", Book::Form),
        ("error.pdf.worker", Book::Pages),
        ("review.title", Book::First),
        ("review.ready", Book::Form),
        ("landing.start", Book::Site),
        ("prerender.loading", Book::None),
    ] {
        assert_eq!(Book::of(key), book, "{key}");
    }
    // What the first part's code shows (the frame, the notices, the
    // company step, every page's title) is in the first book, so that no
    // edit of `Book::of` moves it into a part unseen.
    use rinnovo_core::domain::form::{FieldId, Step};
    for key in parsed.texts(Lang::It).keys() {
        let head = key.split('.').next().unwrap_or(key);
        let first = matches!(
            head,
            "app"
                | "announce"
                | "company"
                | "erase"
                | "footer"
                | "lang"
                | "link"
                | "nav"
                | "notice"
                | "steps"
        ) || key.ends_with(".title");
        if first {
            assert_eq!(Book::of(key), Book::First, "{key}");
        }
    }
    for f in FieldId::ALL.iter().filter(|f| f.step() == Step::Company) {
        for key in [format!("field.{}", f.id()), format!("hint.{}", f.id())] {
            assert_eq!(Book::of(&key), Book::First, "{key}");
        }
    }
    // Every book but the first one has texts, and so has each part's.
    for book in [Book::Site, Book::Form, Book::Pages, Book::None] {
        assert!(!parsed.texts(Lang::It).book(book).is_empty(), "{book:?}");
    }
}

/// A table that is not sorted, or holds a key twice, is refused: the
/// lookup's binary search would miss keys.
#[test]
fn texts_from_a_table_need_it_sorted_with_each_key_once() {
    use rinnovo_core::content::Texts;
    assert!(Texts::from_sorted(&[("a", "1"), ("b", "2")]).is_some());
    assert!(Texts::from_sorted(&[("b", "1"), ("a", "2")]).is_none());
    assert!(Texts::from_sorted(&[("a", "1"), ("a", "2")]).is_none());
    assert!(Texts::from_sorted(&[]).is_some());
    // Tables added to texts: each one sorted; one added twice counts once.
    static MORE: &[(&str, &str)] = &[("c", "3"), ("d", "4")];
    let mut t = Texts::from_sorted(&[("a", "1"), ("e", "5")]).unwrap_or_default();
    assert!(t.add_sorted(MORE));
    assert!(t.add_sorted(MORE));
    assert!(!t.add_sorted(&[("z", "1"), ("y", "2")]));
    assert_eq!(t.keys().collect::<Vec<_>>(), ["a", "c", "d", "e"]);
    assert_eq!((t.get("d"), t.lookup("y"), t.get("y")), ("4", None, "y"));
    // Parsed texts take no table, unless they are empty.
    let mut parsed = Texts::parse(r#"{"a": "1"}"#, "t.json").unwrap_or_default();
    assert!(!parsed.add_sorted(MORE));
    let mut empty = Texts::default();
    assert!(empty.add_sorted(MORE));
    assert_eq!(empty.get("c"), "3");
}

/// The files the build scripts rerun on (`content::FILES`) are the ones
/// embedded, in the same order.
#[test]
fn the_content_files_the_build_scripts_watch_are_the_embedded_ones() {
    use rinnovo_core::content::{
        CONDITIONS_MD, FILES, PROVINCE_JSON, SITE_JSON, TEXTS_EN_JSON, TEXTS_IT_JSON,
    };
    let embedded = [
        SITE_JSON,
        CONDITIONS_MD,
        PROVINCE_JSON,
        TEXTS_IT_JSON,
        TEXTS_EN_JSON,
    ];
    for (file, text) in FILES.iter().zip(embedded) {
        let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{file}");
    }
}
