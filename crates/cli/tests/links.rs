//! Issue 18, goal 1, natively: the customer list as LibreOffice and Excel
//! save it (`rinnovo_cli::customers`), the prepared links made from it and
//! read back as the page reads them (`rinnovo_cli::links`), tampered links
//! refused, and the office's commands `rinnovo-pdf keys new` and
//! `rinnovo-pdf links` end to end.
//!
//! The lists are committed fixtures (`fixtures/customers/`, with a README
//! of how each was made): LibreOffice is not on the CI machines.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files, run the command and use proptest.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use proptest::prelude::*;
use rinnovo_cli::customers::{self, Customer, Customers, RowProblem, Skipped};
use rinnovo_cli::links::{self, LinkProblem, SigningKey};
use rinnovo_core::domain::fields::{CompanyDraft, COMPANY};
use rinnovo_core::link::{
    signed_message, Encoding, Envelope, LinkError, Prefill, FRAGMENT_PREFIX, MAX_BODY_BYTES,
    MAX_LINK_CHARS, MAX_VALUE_CHARS, SIGNATURE_LEN,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

// ---------------------------------------------------------------------------
// Helpers

/// The repository's root: the command runs there, as the office runs it.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The fixtures' folder, from the repository's root.
const FIXTURES: &str = "crates/cli/tests/fixtures/customers";

/// The test key pair (its public key is site.json's).
const TEST_KEY: &str = "tests/fixtures/links/test-links.key";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join(FIXTURES).join(name)).unwrap()
}

fn cli<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rinnovo-pdf"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("links")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn test_key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    KEY.get_or_init(|| {
        SigningKey::from_file(&std::fs::read_to_string(root().join(TEST_KEY)).unwrap()).unwrap()
    })
}

/// The test key's seed, read from its file as the format says (base64 of
/// 32 bytes after the key line's first word), to sign what
/// `links::link` never would.
fn test_key_pair() -> ed25519_compact::KeyPair {
    let text = std::fs::read_to_string(root().join(TEST_KEY)).unwrap();
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("rinnovo-link-key-v1 "))
        .unwrap();
    let seed = base64::engine::general_purpose::STANDARD
        .decode(line.trim())
        .unwrap();
    ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new(seed.try_into().unwrap()))
}

/// What the page checks links with: site.json's "links".
fn site() -> &'static rinnovo_core::content::Links {
    static SITE: OnceLock<rinnovo_core::content::Links> = OnceLock::new();
    SITE.get_or_init(|| {
        rinnovo_core::content::Content::embedded()
            .unwrap()
            .site
            .links
            .unwrap()
    })
}

fn site_key() -> [u8; 32] {
    site().public_key
}

/// A company draft from `(column, value)` pairs, by the back office's
/// column names of the field table.
fn draft(values: &[(&str, &str)]) -> CompanyDraft {
    let mut d = CompanyDraft::default();
    for (column, value) in values {
        let field = COMPANY.iter().find(|f| f.column == *column).unwrap();
        *d.typed_mut(field.id).unwrap() = (*value).to_string();
    }
    d
}

fn customer(line: usize, licences: Option<u32>, values: &[(&str, &str)]) -> Customer {
    Customer {
        line,
        company: draft(values),
        licences,
    }
}

/// The Partita IVA check digit, computed here from the Agenzia delle
/// Entrate rule (Luhn over the first ten digits), not by the code under
/// test.
fn with_check_digit(first_ten: u64) -> String {
    let digits = format!("{first_ten:010}");
    let sum: u32 = digits
        .chars()
        .map(|c| c.to_digit(10).unwrap())
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                d
            } else {
                (2 * d) % 10 + (2 * d) / 10
            }
        })
        .sum();
    format!("{digits}{}", (10 - sum % 10) % 10)
}

/// Decodes RFC 3986 percent-encoding.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// A `mailto:` URL's address, subject and body, decoded.
fn mailto_parts(mailto: &str) -> (String, String, String) {
    let rest = mailto.strip_prefix("mailto:").unwrap();
    let (to, query) = rest.split_once('?').unwrap();
    let mut subject = None;
    let mut body = None;
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap();
        match name {
            "subject" => subject = Some(percent_decode(value)),
            "body" => body = Some(percent_decode(value)),
            other => panic!("unexpected mailto part {other}"),
        }
    }
    (percent_decode(to), subject.unwrap(), body.unwrap())
}

/// A deterministic stream of characters that deflate cannot shorten:
/// letters of Latin-1 and Latin Extended-A/B (U+00C0 to U+024F), none a
/// separator, quote, space or control character.
fn incompressible(seed: u64, chars: usize) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..chars)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from_u32(0xC0 + u32::try_from(x % 400).unwrap()).unwrap()
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The fixtures' contents, as the README says they were typed

/// `calc.csv`: what was typed into `calc.fods`, as the list should read.
fn calc_expected() -> Customers {
    Customers {
        customers: vec![
            customer(
                2,
                Some(12),
                &[
                    ("codice_cliente", "C-001"),
                    ("ragione_sociale", "Caffè Città S.r.l."),
                    // A number cell: Calc saves 1114601006.
                    ("partita_iva", "01114601006"),
                    // Two lines in the cell, one line on the form.
                    ("indirizzo", "Via Roma 1; scala B interno 3"),
                    ("cap", "00184"),
                    ("comune", "Roma"),
                    ("provincia", "RM"),
                    ("email", "info@caffecitta.it"),
                    ("pec", "caffecitta@pec.it"),
                    ("sdi", "M5UXCR1"),
                    ("telefono", "+39 06 1234 5678"),
                    ("rappresentante_nome", "Niccolò"),
                    ("rappresentante_cognome", "Ricciò"),
                    ("rappresentante_codice_fiscale", "RCCNCL80A01H501U"),
                ],
            ),
            customer(
                4,
                // "1.200", the Italian thousands separator as shown.
                Some(1200),
                &[
                    ("codice_cliente", "C-002"),
                    (
                        "ragione_sociale",
                        "Più € Servizi di Forlì & Gioventù S.p.A.",
                    ),
                    ("partita_iva", "00743110157"),
                    ("codice_fiscale", "00743110157"),
                    ("indirizzo", "Corso Garibaldi 5"),
                    ("cap", "47121"),
                    ("comune", "Forlì"),
                    ("provincia", "FC"),
                    ("pec", "piuservizi@legalmail.it"),
                    ("telefono", "0543 123456"),
                    ("rappresentante_nome", "Lucrezia"),
                    ("rappresentante_cognome", "D'Annunzio"),
                ],
            ),
            customer(
                6,
                Some(3),
                &[
                    ("codice_cliente", "=cmd|' /C calc'!A0"),
                    (
                        "ragione_sociale",
                        "=HYPERLINK(\"http://evil.example/\",\"Clicca qui\")",
                    ),
                    ("partita_iva", "12345678903"),
                    ("indirizzo", "Via dell'Università 7"),
                    ("cap", "20121"),
                    ("comune", "Milano"),
                    ("provincia", "MI"),
                    ("email", "evil@example.com"),
                    ("telefono", "-2+3"),
                    ("rappresentante_nome", "@SUM(1+1)"),
                    ("rappresentante_cognome", "Rossi"),
                ],
            ),
            customer(
                9,
                None,
                &[
                    ("codice_cliente", "C-006"),
                    ("ragione_sociale", "Ultima Srl"),
                    ("partita_iva", "02000000006"),
                    ("comune", "Aosta"),
                    ("provincia", "AO"),
                ],
            ),
        ],
        skipped: vec![
            Skipped {
                line: 7,
                problem: RowProblem::Missing("partita_iva"),
            },
            Skipped {
                line: 8,
                problem: RowProblem::Licences("tre".into()),
            },
        ],
        ignored_columns: vec!["Note".into()],
        separator: ';',
    }
}

/// `excel-utf8.csv` and `excel-ansi.csv` (see `make_excel.py`).
fn excel_expected() -> Customers {
    Customers {
        customers: vec![
            customer(
                2,
                Some(1200),
                &[
                    ("codice_cliente", "C-101"),
                    (
                        "ragione_sociale",
                        "Pasticceria Dolce Vita di Mazzà & C. s.a.s.",
                    ),
                    ("partita_iva", "01114601006"),
                    ("indirizzo", "Piazza Duomo 2"),
                    ("cap", "20121"),
                    ("comune", "Milano"),
                    ("provincia", "MI"),
                    ("email", "ordini@dolcevita.it"),
                    ("pec", "dolcevita@pec.it"),
                    ("telefono", "+39 02 8765 4321"),
                ],
            ),
            customer(
                3,
                Some(4),
                &[
                    ("codice_cliente", "C-102"),
                    ("ragione_sociale", "Ristorante \"Il Gabbiano\"; Sestri"),
                    ("partita_iva", "00743110157"),
                    ("indirizzo", "Lungomare 9 Località Riva"),
                    ("cap", "16039"),
                    ("comune", "Sestri Levante"),
                    ("provincia", "GE"),
                    ("pec", "gabbiano@pec.it"),
                    ("telefono", "0185 41234"),
                ],
            ),
            customer(
                6,
                Some(1),
                &[
                    ("codice_cliente", "+SUM(A1)"),
                    (
                        "ragione_sociale",
                        "=HYPERLINK(\"http://evil.example/\",\"x\")",
                    ),
                    ("partita_iva", "12345678903"),
                    ("indirizzo", "Via Verdi 1"),
                    ("cap", "10121"),
                    ("comune", "Torino"),
                    ("provincia", "TO"),
                    ("telefono", "-1"),
                ],
            ),
            customer(
                7,
                None,
                &[
                    ("codice_cliente", "C-104"),
                    ("ragione_sociale", "Partita IVA Sbagliata S.r.l."),
                    // Wrong check digit: kept as written, for the page to
                    // flag.
                    ("partita_iva", "12345678901"),
                    ("comune", "Genova"),
                    ("provincia", "GE"),
                ],
            ),
            customer(
                9,
                Some(9),
                &[
                    ("codice_cliente", "C-106"),
                    ("ragione_sociale", "Caffè Nero €uro di Perù & Niccolò"),
                    ("partita_iva", "00987654324"),
                    ("indirizzo", "Via Po 3"),
                    ("cap", "10124"),
                    ("comune", "Torino"),
                    ("provincia", "TO"),
                    ("email", "caffe@nero.it"),
                ],
            ),
        ],
        skipped: vec![Skipped {
            line: 8,
            problem: RowProblem::Missing("ragione_sociale"),
        }],
        ignored_columns: vec![],
        separator: ';',
    }
}

/// `typed.csv`, the list with its Partite IVA's leading zeros.
fn typed_expected() -> Vec<Customer> {
    let row = |line, name, piva, comune, licences| {
        customer(
            line,
            licences,
            &[
                ("ragione_sociale", name),
                ("partita_iva", piva),
                ("comune", comune),
            ],
        )
    };
    vec![
        row(2, "Alfa Srl", "01114601006", "Roma", Some(7)),
        row(3, "Beta Sas", "00743110157", "Forlì", Some(1200)),
        row(4, "Gamma Spa", "00000001230", "Città di Castello", Some(0)),
        row(5, "Delta Srl", "00123456782", "Mantova", None),
    ]
}

// ---------------------------------------------------------------------------
// The customer list

#[test]
fn a_libreoffice_calc_list_is_read_value_by_value() {
    let bytes = fixture("calc.csv");
    // The fixture is what the README says: Calc's UTF-8 without a BOM, LF,
    // the stripped Partita IVA, the formula as text.
    let text = std::str::from_utf8(&bytes).unwrap();
    assert!(!text.starts_with('\u{FEFF}') && !text.contains('\r'));
    assert!(text.contains(";1114601006;") && text.contains(";743110157;"));
    assert!(text.contains("\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"Clicca qui\"\")\""));
    assert_eq!(customers::parse(&bytes).unwrap(), calc_expected());
}

#[test]
fn a_list_saved_as_xlsx_and_back_by_calc_reads_the_same() {
    assert!(fixture("calc.xlsx").starts_with(b"PK"), "an OOXML zip");
    assert_eq!(
        customers::parse(&fixture("calc-xlsx.csv")).unwrap(),
        calc_expected()
    );
}

#[test]
fn partite_iva_stripped_of_their_zeros_by_calc_get_them_back() {
    let typed = fixture("typed.csv");
    let through_xlsx = fixture("typed-xlsx.csv");
    // Calc really did strip them.
    let text = String::from_utf8(through_xlsx.clone()).unwrap();
    assert!(
        text.contains(";1114601006;") && text.contains(";743110157;") && text.contains(";1230;"),
        "{text}"
    );
    for bytes in [typed, through_xlsx] {
        let list = customers::parse(&bytes).unwrap();
        assert_eq!(list.customers, typed_expected());
        assert_eq!(list.skipped, vec![]);
        for c in &list.customers {
            assert_eq!(
                c.partita_iva().map(|p| p.as_str().to_string()),
                Some(c.company.partita_iva.clone())
            );
        }
    }
}

#[test]
fn excel_lists_in_utf8_with_bom_and_in_windows_1252_read_alike() {
    let utf8 = fixture("excel-utf8.csv");
    let ansi = fixture("excel-ansi.csv");
    assert!(utf8.starts_with(b"\xEF\xBB\xBF"));
    assert!(
        std::str::from_utf8(&ansi).is_err(),
        "Windows-1252, not UTF-8"
    );
    assert!(ansi.windows(2).filter(|w| w == b"\r\n").count() >= 8);
    // The € of Windows-1252 is 0x80.
    assert!(ansi.contains(&0x80));
    for bytes in [&utf8, &ansi] {
        let list = customers::parse(bytes).unwrap();
        assert_eq!(list, excel_expected());
        assert_eq!(list.customers[3].partita_iva(), None);
        assert!(list.customers[0].partita_iva().is_some());
    }
}

#[test]
fn ten_thousand_customers_are_read_in_well_under_a_second() {
    let rows = 10_000u64;
    let mut text = String::from(
        "\u{FEFF}Codice cliente;Ragione sociale;Partita IVA;Indirizzo;Comune;Licenze in uso\r\n",
    );
    let mut expected = Vec::new();
    for i in 0..rows {
        let piva = with_check_digit((i * 7_919 + 1) % 10_000_000_000);
        // Every other one as a spreadsheet saves a number: no leading zeros.
        let written = if i % 2 == 0 {
            piva.trim_start_matches('0').to_string()
        } else {
            piva.clone()
        };
        text.push_str(&format!(
            "C-{i:05};\"Caffè \"\"Città\"\" n. {i}; S.r.l.\";{written};\"Via Roma {i}\nscala B\";Forlì;{}\r\n",
            i % 1000
        ));
        expected.push((piva, format!("Caffè \"Città\" n. {i}; S.r.l."), i % 1000));
    }
    let started = std::time::Instant::now();
    let list = customers::parse(text.as_bytes()).unwrap();
    let took = started.elapsed();
    assert!(took.as_millis() < 1000, "{took:?}");
    assert_eq!(list.skipped, vec![]);
    assert_eq!(list.customers.len(), expected.len());
    for (i, (c, (piva, name, licences))) in list.customers.iter().zip(&expected).enumerate() {
        // Each row takes two lines: the address has a line break.
        assert_eq!(c.line, 2 + 2 * i);
        assert_eq!(&c.company.partita_iva, piva);
        assert_eq!(&c.company.ragione_sociale, name);
        assert_eq!(c.company.indirizzo, format!("Via Roma {i} scala B"));
        assert_eq!(c.company.comune, "Forlì");
        assert_eq!(c.licences, Some(u32::try_from(*licences).unwrap()));
    }
}

/// What holds of any list that reads, whatever its bytes: every customer
/// has a name and a Partita IVA, values within bounds, lines in order, and
/// a link that, when it fits, opens to the same values.
fn check_list(bytes: &[u8]) {
    let Ok(list) = customers::parse(bytes) else {
        return;
    };
    let mut last = 1;
    for c in &list.customers {
        assert!(c.line > last, "line {} after {last}", c.line);
        last = c.line;
        assert!(!c.company.ragione_sociale.is_empty());
        assert!(!c.company.partita_iva.is_empty());
        for f in &COMPANY {
            let v = c.company.typed(f.id).unwrap();
            assert_eq!(v, v.trim());
            assert!(v.chars().count() <= customers::MAX_VALUE_CHARS);
            // A line break inside a cell is a space on the form; only an
            // invalid Partita IVA is kept exactly as written.
            let allowed: &[char] = if f.column == "partita_iva" {
                &['\n', '\r', '\t']
            } else {
                &[]
            };
            assert!(
                !v.chars()
                    .any(|ch| ch.is_control() && !allowed.contains(&ch)),
                "{v:?}"
            );
        }
        assert!(c.licences.is_none_or(|n| n <= customers::MAX_LICENCES));
        if let Ok(link) = links::link(&site().url, &links::prefill(c), test_key()) {
            assert!(link.chars().count() <= MAX_LINK_CHARS);
            assert_eq!(links::open(&link, &site_key()), Ok(links::prefill(c)));
        }
    }
}

const FIXTURE_NAMES: [&str; 5] = [
    "calc.csv",
    "calc-xlsx.csv",
    "typed-xlsx.csv",
    "excel-utf8.csv",
    "excel-ansi.csv",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_are_read_or_refused_without_a_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..2048)
    ) {
        check_list(&bytes);
    }

    #[test]
    fn any_rows_under_a_good_header_keep_the_lists_promises(
        rows in "[a-zàè€0-9;,\t\" =+\r\n]{0,600}"
    ) {
        check_list(format!("ragione_sociale;partita_iva;indirizzo;licenze_in_uso\r\n{rows}").as_bytes());
    }

    #[test]
    fn mutated_fixtures_are_read_or_refused_without_a_panic(
        which in 0..FIXTURE_NAMES.len(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..12)
    ) {
        let mut bytes = fixture(FIXTURE_NAMES[which]);
        for (at, byte, how) in edits {
            let i = at.index(bytes.len().max(1));
            match how {
                0 if i < bytes.len() => bytes[i] = byte,
                1 => bytes.insert(i.min(bytes.len()), byte),
                _ if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ => {}
            }
        }
        check_list(&bytes);
    }
}

// ---------------------------------------------------------------------------
// Links

/// A prefill with every field of the table set to an accented value.
fn every_field(licences: Option<u32>) -> Prefill {
    let mut company = CompanyDraft::default();
    for (i, f) in COMPANY.iter().enumerate() {
        *company.typed_mut(f.id).unwrap() = format!("{} è à ì ò ù € {i}", f.column);
    }
    Prefill { company, licences }
}

#[test]
fn every_field_round_trips_through_a_link() {
    for licences in [None, Some(0), Some(7), Some(customers::MAX_LICENCES)] {
        let p = every_field(licences);
        let link = links::link(&site().url, &p, test_key()).unwrap();
        assert!(link.starts_with(&format!("{}{FRAGMENT_PREFIX}", site().url)));
        assert!(link.chars().count() <= MAX_LINK_CHARS);
        assert_eq!(links::open(&link, &site_key()), Ok(p));
    }
    // Each field alone, so that a value cannot land in its neighbour's
    // place unnoticed.
    for f in &COMPANY {
        let mut p = Prefill::default();
        *p.company.typed_mut(f.id).unwrap() = format!("Forlì {}", f.column);
        let link = links::link(&site().url, &p, test_key()).unwrap();
        assert_eq!(links::open(&link, &site_key()), Ok(p), "{}", f.column);
    }
}

#[test]
fn the_longest_values_that_fit_round_trip() {
    // Values that compress: every field at its longest fits.
    let mut long = Prefill {
        licences: Some(customers::MAX_LICENCES),
        ..Prefill::default()
    };
    for f in &COMPANY {
        *long.company.typed_mut(f.id).unwrap() = "Caffè Città "
            .repeat(20)
            .chars()
            .take(MAX_VALUE_CHARS - 1)
            .chain(['x'])
            .collect();
    }
    let link = links::link(&site().url, &long, test_key()).unwrap();
    assert!(link.chars().count() <= MAX_LINK_CHARS);
    assert_eq!(links::open(&link, &site_key()), Ok(long));

    // Values that do not: the name grows, beside a full address, until the
    // link is too long; the last that fits opens, the first that does not
    // is refused and named.
    let mut p = every_field(Some(12));
    p.company.indirizzo = incompressible(1, 150);
    let mut fitted = 0;
    for n in 1..=MAX_VALUE_CHARS {
        p.company.ragione_sociale = incompressible(2, n);
        match links::link(&site().url, &p, test_key()) {
            Ok(link) => {
                assert_eq!(fitted, n - 1, "a longer name fits after a shorter did not");
                assert!(link.chars().count() <= MAX_LINK_CHARS);
                assert_eq!(links::open(&link, &site_key()), Ok(p.clone()));
                fitted = n;
            }
            Err(LinkProblem::TooLong { chars, longest }) => {
                assert!(chars > MAX_LINK_CHARS);
                // The three longest values, longest first.
                let mut values: Vec<(usize, &str)> = COMPANY
                    .iter()
                    .map(|f| (p.company.typed(f.id).unwrap().chars().count(), f.column))
                    .collect();
                values.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
                let want: Vec<String> = values[..3]
                    .iter()
                    .map(|(count, column)| format!("{column} ({count})"))
                    .collect();
                assert_eq!(longest, want.join(", "));
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert!(
        fitted > 0 && fitted < MAX_VALUE_CHARS,
        "the search should cross the limit: {fitted}"
    );
}

/// A valid deflated link's data, as bytes.
fn valid_link_bytes() -> (String, Vec<u8>) {
    let p = every_field(Some(7));
    let link = links::link(&site().url, &p, test_key()).unwrap();
    let data = link.rsplit_once(FRAGMENT_PREFIX).unwrap().1.to_string();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&data)
        .unwrap();
    // The format's header: version 1, deflated.
    assert_eq!(bytes[..2], [1, 1]);
    (data, bytes)
}

fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn a_link_with_a_byte_of_its_body_or_signature_changed_is_refused() {
    let (data, bytes) = valid_link_bytes();
    assert!(links::open(&data, &site_key()).is_ok());
    let body_start = 2 + SIGNATURE_LEN;
    assert!(bytes.len() > body_start + 10);
    for i in 2..bytes.len() {
        for bit in [0x01, 0x80] {
            let mut tampered = bytes.clone();
            tampered[i] ^= bit;
            assert_eq!(
                links::open(&encode(&tampered), &site_key()),
                Err(LinkError::Signature),
                "byte {i} ({}), bit {bit:#x}",
                if i < body_start { "signature" } else { "body" }
            );
        }
    }
    // The same for a plain (not deflated) body.
    let p = Prefill {
        licences: Some(7),
        ..Prefill::default()
    };
    let link = links::link(&site().url, &p, test_key()).unwrap();
    let plain = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(link.rsplit_once(FRAGMENT_PREFIX).unwrap().1)
        .unwrap();
    assert_eq!(plain[..2], [1, 0], "a short body is sent as it is");
    assert_eq!(links::open(&link, &site_key()), Ok(p));
    let mut tampered = plain.clone();
    *tampered.last_mut().unwrap() = b'8';
    assert_eq!(
        links::open(&encode(&tampered), &site_key()),
        Err(LinkError::Signature)
    );
}

#[test]
fn a_truncated_link_is_refused() {
    let (data, bytes) = valid_link_bytes();
    // The version, the encoding and the signature, and at least a byte of
    // body.
    let shortest = 2 + SIGNATURE_LEN + 1;
    for chars in 0..data.len() {
        let cut = &data[..chars];
        let got = links::open(cut, &site_key());
        let whole_bytes = chars * 3 / 4;
        if chars % 4 == 0 {
            // Whole base64 quanta: the bytes are a prefix of the link's.
            assert_eq!(
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(cut)
                    .unwrap(),
                bytes[..whole_bytes]
            );
            let want = if whole_bytes < shortest {
                LinkError::Truncated
            } else {
                LinkError::Signature
            };
            assert_eq!(got, Err(want), "{chars} characters");
        } else {
            assert!(
                matches!(
                    got,
                    Err(LinkError::NotBase64 | LinkError::Truncated | LinkError::Signature)
                ),
                "{chars} characters: {got:?}"
            );
        }
    }
    // A whole URL cut inside its prefix is no link either.
    assert!(links::open("https://www.oripan.it/rinnovo/#/ori", &site_key()).is_err());
}

#[test]
fn a_link_of_another_version_or_encoding_is_refused() {
    let (_, bytes) = valid_link_bytes();
    for version in [0u8, 2, 3, 255] {
        let mut t = bytes.clone();
        t[0] = version;
        let want = if version == 0 {
            LinkError::Body
        } else {
            LinkError::Version
        };
        assert_eq!(
            links::open(&encode(&t), &site_key()),
            Err(want),
            "{version}"
        );
    }
    // Plain instead of deflated: the encoding is signed.
    let mut t = bytes.clone();
    t[1] = 0;
    assert_eq!(
        links::open(&encode(&t), &site_key()),
        Err(LinkError::Signature)
    );
    for encoding in [2u8, 7, 255] {
        let mut t = bytes.clone();
        t[1] = encoding;
        assert_eq!(
            links::open(&encode(&t), &site_key()),
            Err(LinkError::Encoding)
        );
    }
}

#[test]
fn a_link_signed_with_another_key_is_refused() {
    let p = every_field(Some(7));
    let other = SigningKey::from_seed([42; 32]);
    assert_ne!(other.public_key(), test_key().public_key());
    let forged = links::link(&site().url, &p, &other).unwrap();
    assert_eq!(links::open(&forged, &site_key()), Err(LinkError::Signature));
    // It is a good link for its own key: only the key is wrong.
    let other_public = rinnovo_core::link::public_key(&other.public_key()).unwrap();
    assert_eq!(links::open(&forged, &other_public), Ok(p));
}

/// A link of `body` with `encoding`, signed with the test key as the
/// format says, whatever the body holds.
fn signed(encoding: Encoding, body: Vec<u8>) -> String {
    let signature = test_key_pair()
        .sk
        .sign(signed_message(encoding, &body), None);
    Envelope {
        encoding,
        signature: *signature,
        body,
    }
    .to_data()
}

#[test]
fn a_deflate_bomb_in_a_signed_link_is_refused_by_the_body_bound() {
    // The hand-made signing makes what links::link makes.
    let small = every_field(Some(3));
    let deflated = miniz_oxide::deflate::compress_to_vec(&small.body().unwrap(), 10);
    assert_eq!(
        links::open(&signed(Encoding::DeflateRaw, deflated), &site_key()),
        Ok(small)
    );

    // 600 kB of one letter deflate to about 600 bytes: a link under 1,000
    // characters that inflates to 37 times the bound.
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; 600_000], 10);
    let data = signed(Encoding::DeflateRaw, bomb);
    assert!(data.len() <= MAX_LINK_CHARS, "{}", data.len());
    assert_eq!(links::open(&data, &site_key()), Err(LinkError::Inflate));

    // One byte over the bound is refused as it inflates; at the bound it
    // inflates, and is then read (and refused as no valid body).
    let over = miniz_oxide::deflate::compress_to_vec(&vec![b'7'; MAX_BODY_BYTES + 1], 10);
    assert_eq!(
        links::open(&signed(Encoding::DeflateRaw, over), &site_key()),
        Err(LinkError::Inflate)
    );
    let at = miniz_oxide::deflate::compress_to_vec(&vec![b'7'; MAX_BODY_BYTES], 10);
    assert_eq!(
        links::open(&signed(Encoding::DeflateRaw, at), &site_key()),
        Err(LinkError::Body)
    );

    // Not deflate at all, signed.
    assert_eq!(
        links::open(&signed(Encoding::DeflateRaw, vec![0xFF; 40]), &site_key()),
        Err(LinkError::Inflate)
    );
    // A signed plain body with a control character, or a value over the
    // bound, is no prefill.
    assert_eq!(
        links::open(
            &signed(Encoding::Plain, b"3\x1fRossi\x07".to_vec()),
            &site_key()
        ),
        Err(LinkError::Body)
    );
    for (chars, want) in [
        (MAX_VALUE_CHARS, Ok(())),
        (MAX_VALUE_CHARS + 1, Err(LinkError::Body)),
    ] {
        let body = format!("3\u{1F}{}", "è".repeat(chars));
        assert_eq!(
            links::open(&signed(Encoding::Plain, body.into_bytes()), &site_key()).map(|_| ()),
            want,
            "{chars}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_is_opened_or_refused_without_a_panic(text in "\\PC{0,1200}") {
        let _ = links::open(&text, &site_key());
    }

    #[test]
    fn any_change_of_one_character_of_a_link_is_refused(
        at in any::<prop::sample::Index>(),
        replacement in "[A-Za-z0-9_-]",
    ) {
        let (data, _) = valid_link_bytes();
        let i = at.index(data.len());
        let mut changed = data.clone();
        changed.replace_range(i..=i, &replacement);
        prop_assume!(changed != data);
        prop_assert!(links::open(&changed, &site_key()).is_err());
    }
}

// ---------------------------------------------------------------------------
// The command

/// The links' CSV as written: the BOM, then `;`-separated rows.
fn read_links_csv(path: &Path) -> (String, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap().to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, links::CSV_COLUMNS);
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (text, rows)
}

/// A value as the links' CSV escapes it for a spreadsheet.
fn escaped(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// Checks each row of a links' CSV against the customers it was made from.
fn check_rows(rows: &[Vec<String>], customers: &[Customer]) {
    assert_eq!(rows.len(), customers.len());
    for (row, c) in rows.iter().zip(customers) {
        let col = |name: &str| {
            let i = links::CSV_COLUMNS.iter().position(|n| *n == name).unwrap();
            row[i].as_str()
        };
        let name = &c.company.ragione_sociale;
        assert_eq!(col("codice_cliente"), escaped(&c.company.codice_cliente));
        assert_eq!(col("ragione_sociale"), escaped(name));
        assert_eq!(col("partita_iva"), c.company.partita_iva);
        assert_eq!(col("email"), c.company.email);
        assert_eq!(col("pec"), c.company.pec);
        assert_eq!(
            col("licenze_in_uso"),
            c.licences.map(|n| n.to_string()).unwrap_or_default()
        );
        let link = col("link");
        assert!(link.starts_with(&format!("{}{FRAGMENT_PREFIX}", site().url)));
        assert!(link.chars().count() <= MAX_LINK_CHARS, "{name}");
        assert_eq!(
            links::open(link, &site_key()),
            Ok(Prefill {
                company: c.company.clone(),
                licences: c.licences,
            }),
            "{name}"
        );
        let (to, subject, body) = mailto_parts(col("mailto"));
        let address = if c.company.email.is_empty() {
            &c.company.pec
        } else {
            &c.company.email
        };
        assert_eq!(&to, address);
        assert!(subject.contains(name.as_str()), "{subject}");
        assert!(body.contains(name.as_str()), "{body}");
        assert!(body.contains(link), "{body}");
    }
}

#[test]
fn the_links_command_writes_a_link_and_an_invitation_per_customer() {
    let d = dir("calc");
    let out = d.join("links.csv");
    let list = format!("{FIXTURES}/calc.csv");
    let run = cli(&[
        "links",
        &list,
        "--key",
        TEST_KEY,
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&run);
    // Two rows were skipped: the exit code says so, the others are written.
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        !err.contains("warning"),
        "the test key is site.json's: {err}"
    );
    assert!(
        err.contains(&format!("{list}: line 7: skipped: no partita_iva")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{list}: line 8: skipped: ")) && err.contains("\"tre\""),
        "{err}"
    );
    assert!(err.contains("columns ignored: Note"), "{err}");
    assert!(
        stdout(&run).contains("4 links of 6 customers"),
        "{}",
        stdout(&run)
    );

    let (text, rows) = read_links_csv(&out);
    // For an Italian spreadsheet: CRLF, every value quoted, the formulas
    // escaped with a leading '.
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains(['\r', '\n']));
    assert!(text.starts_with("\"codice_cliente\";\"ragione_sociale\";"));
    assert!(
        text.contains(
            "\"'=cmd|' /C calc'!A0\";\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Clicca qui\"\")\";\"12345678903\";"
        ),
        "{text}"
    );
    check_rows(&rows, &calc_expected().customers);
}

#[test]
fn the_links_command_succeeds_on_a_list_without_problems() {
    let d = dir("typed");
    let out = d.join("links.csv");
    let run = cli(&[
        "links",
        &format!("{FIXTURES}/typed-xlsx.csv"),
        "--key",
        TEST_KEY,
        "-o",
        out.to_str().unwrap(),
        "--url",
        "https://example.org/rinnovo/",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("4 links of 4 customers"));
    let (_, rows) = read_links_csv(&out);
    assert_eq!(rows.len(), 4);
    for (row, c) in rows.iter().zip(typed_expected()) {
        let link = &row[6];
        assert!(
            link.starts_with("https://example.org/rinnovo/#/oripan/"),
            "{link}"
        );
        assert_eq!(links::open(link, &site_key()).unwrap().company, c.company);
    }
}

#[test]
fn a_customer_whose_values_cannot_fit_is_named_and_the_others_written() {
    let d = dir("too-long");
    let list = d.join("clienti.csv");
    let columns = [
        "ragione_sociale",
        "indirizzo",
        "comune",
        "rappresentante_nome",
        "rappresentante_cognome",
        "email",
    ];
    let long: Vec<String> = (0..columns.len())
        .map(|i| incompressible(10 + i as u64, MAX_VALUE_CHARS - i))
        .collect();
    let mut text = format!("partita_iva;{}\r\n", columns.join(";"));
    text.push_str("01114601006;Alfa Srl;Via Roma 1;Roma;Anna;Bianchi;a@alfa.it\r\n");
    text.push_str(&format!("00743110157;{}\r\n", long.join(";")));
    text.push_str("00123456782;Gamma Spa;Via Po 2;Torino;Carlo;Verdi;\r\n");
    std::fs::write(&list, &text).unwrap();
    let out = d.join("links.csv");
    let run = cli(&[
        "links",
        list.to_str().unwrap(),
        "--key",
        TEST_KEY,
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("no link"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains(&format!(": line 3 ({}): ", long[0])),
        "{line}"
    );
    assert!(
        line.contains(&format!(
            "ragione_sociale ({}), indirizzo ({}), comune ({})",
            MAX_VALUE_CHARS,
            MAX_VALUE_CHARS - 1,
            MAX_VALUE_CHARS - 2
        )),
        "{line}"
    );
    assert_eq!(err.lines().filter(|l| l.contains("no link")).count(), 1);
    assert!(stdout(&run).contains("2 links of 3 customers"));
    let (_, rows) = read_links_csv(&out);
    let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["Alfa Srl", "Gamma Spa"]);
    for row in &rows {
        assert!(links::open(&row[6], &site_key()).is_ok());
    }
}

// ---------------------------------------------------------------------------
// keys new

#[cfg(unix)]
#[test]
fn keys_new_writes_a_private_file_once_and_prints_its_public_key() {
    use std::os::unix::fs::PermissionsExt as _;
    let d = dir("keys");
    let path = d.join("oripan-links.key");
    let run = cli(&["keys", "new", "-o", path.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");

    let file = std::fs::read_to_string(&path).unwrap();
    let key = SigningKey::from_file(&file).unwrap();
    let printed = stdout(&run);
    let public = printed
        .split_once("\"public_key\": \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(k, _)| k)
        .unwrap_or_else(|| panic!("{printed}"));
    assert_eq!(public, key.public_key());
    assert_ne!(public, test_key().public_key());

    // The printed public key checks the file's links.
    let p = every_field(Some(2));
    let link = links::link(&site().url, &p, &key).unwrap();
    let public = rinnovo_core::link::public_key(public).unwrap();
    assert_eq!(links::open(&link, &public), Ok(p.clone()));
    assert_eq!(links::open(&link, &site_key()), Err(LinkError::Signature));

    // The key file round-trips: the same key signs the same link.
    let again = SigningKey::from_file(&key.to_file()).unwrap();
    assert_eq!(again.public_key(), key.public_key());
    assert_eq!(links::link(&site().url, &p, &again).unwrap(), link);

    // A second run never overwrites the office's key.
    let second = cli(&["keys", "new", "-o", path.to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(1));
    assert!(
        stderr(&second).contains(path.to_str().unwrap()),
        "{}",
        stderr(&second)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), file);

    // Another key file is another key.
    let other = d.join("other.key");
    assert!(cli(&["keys", "new", "-o", other.to_str().unwrap()])
        .status
        .success());
    let other = SigningKey::from_file(&std::fs::read_to_string(&other).unwrap()).unwrap();
    assert_ne!(other.public_key(), key.public_key());
}

#[test]
fn the_test_key_is_the_one_site_json_trusts() {
    assert_eq!(
        rinnovo_core::link::public_key(&test_key().public_key()),
        Ok(site_key())
    );
}
