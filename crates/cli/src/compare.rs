//! The returns against Oripan's customer list, for the office page: which
//! customer each return is from, the licences in use against the
//! activations declared, the customers with no return yet, the returns from
//! customers not on the list, and two or more returns from one customer.
//!
//! A return is matched to a customer by its Partita IVA (both sides
//! normalised: the record prints it as the renewal's PDF did, the list
//! restores a spreadsheet's lost leading zeros), else by its codice
//! cliente. Pure: no file, no browser; the office's table and its CSV
//! ([`write_csv`]: `rinnovo-pdf extract --csv`'s columns, then
//! [`COLUMNS`]) both come from [`compare`].

use crate::record::{Record, COLUMNS as RECORD_COLUMNS};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The columns added after `extract --csv`'s when a list is loaded.
pub const COLUMNS: [&str; 3] = [
    crate::customers::LICENCES_COLUMN,
    "differenza",
    "esito_confronto",
];

/// A customer of the list, as the comparison needs it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listed {
    /// The 1-based line of the list's file.
    pub line: usize,
    /// `ragione_sociale`.
    pub company: String,
    /// `partita_iva`, normalised by the list's reader.
    pub partita_iva: String,
    /// `codice_cliente`.
    pub codice_cliente: String,
    /// `licenze_in_uso`, when the list gives it.
    pub licences: Option<u32>,
}

impl From<&crate::customers::Customer> for Listed {
    fn from(c: &crate::customers::Customer) -> Listed {
        Listed {
            line: c.line,
            company: c.company.ragione_sociale.clone(),
            partita_iva: c.company.partita_iva.clone(),
            codice_cliente: c.company.codice_cliente.clone(),
            licences: c.licences,
        }
    }
}

/// What the comparison says of one return, most important first: the
/// `esito_confronto` column's ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No customer of the list has its Partita IVA or codice cliente.
    UnknownCustomer,
    /// Its customer sent two or more returns.
    Duplicate,
    /// Fewer activations declared than licences in use.
    Fewer,
    /// More activations declared than licences in use.
    More,
    /// As many activations declared as licences in use.
    Same,
    /// The list gives no licences for its customer.
    LicencesUnknown,
    /// The return's activations are not a whole number.
    ActivationsUnreadable,
}

impl Outcome {
    /// The `esito_confronto` value, and the key of its text on the office
    /// page (`compare.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Outcome::UnknownCustomer => "cliente_sconosciuto",
            Outcome::Duplicate => "ritorno_doppio",
            Outcome::Fewer => "meno_attivazioni",
            Outcome::More => "piu_attivazioni",
            Outcome::Same => "uguale",
            Outcome::LicencesUnknown => "licenze_non_indicate",
            Outcome::ActivationsUnreadable => "attivazioni_non_leggibili",
        }
    }

    /// Whether the office has something to look at.
    pub fn flagged(self) -> bool {
        !matches!(self, Outcome::Same)
    }
}

/// The `esito_confronto` of a customer with no return.
pub const UNANSWERED: &str = "senza_ritorno";

/// One return compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    /// Its customer: an index into the list.
    pub customer: Option<usize>,
    /// The customer's licences in use.
    pub licences: Option<u32>,
    /// The activations the return declares.
    pub declared: Option<u32>,
    /// Whether its customer sent other returns too.
    pub duplicate: bool,
}

impl Compared {
    /// Licences in use minus activations declared: how many activations
    /// the return leaves out (negative when it declares more).
    pub fn difference(&self) -> Option<i64> {
        Some(i64::from(self.licences?) - i64::from(self.declared?))
    }

    /// How the activations compare with the licences, whatever else holds.
    pub fn count(&self) -> Outcome {
        match (self.licences, self.declared) {
            (None, _) => Outcome::LicencesUnknown,
            (_, None) => Outcome::ActivationsUnreadable,
            (Some(l), Some(d)) if d < l => Outcome::Fewer,
            (Some(l), Some(d)) if d > l => Outcome::More,
            _ => Outcome::Same,
        }
    }

    /// The one outcome the CSV gives.
    pub fn outcome(&self) -> Outcome {
        if self.customer.is_none() {
            Outcome::UnknownCustomer
        } else if self.duplicate {
            Outcome::Duplicate
        } else {
            self.count()
        }
    }
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// One per record, in the records' order.
    pub returns: Vec<Compared>,
    /// The customers with no return, as indices into the list, in its
    /// order.
    pub unanswered: Vec<usize>,
}

/// A Partita IVA or codice cliente as compared: without spaces, in
/// capitals.
fn key(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Compares the records with the list.
pub fn compare(records: &[Record], list: &[Listed]) -> Comparison {
    // The first customer with a key wins: a list that names one Partita
    // IVA twice is the list's problem, reported by its reader.
    let mut by_piva = BTreeMap::new();
    let mut by_code = BTreeMap::new();
    for (i, c) in list.iter().enumerate() {
        for (map, value) in [
            (&mut by_piva, &c.partita_iva),
            (&mut by_code, &c.codice_cliente),
        ] {
            let k = key(value);
            if !k.is_empty() {
                map.entry(k).or_insert(i);
            }
        }
    }
    let found = |map: &BTreeMap<String, usize>, r: &Record, column: &str| {
        let k = key(r.row.get(column).unwrap_or_default());
        (!k.is_empty()).then(|| map.get(&k).copied()).flatten()
    };
    let mut returns: Vec<Compared> = records
        .iter()
        .map(|r| {
            let customer =
                found(&by_piva, r, "partita_iva").or_else(|| found(&by_code, r, "codice_cliente"));
            Compared {
                customer,
                licences: customer.and_then(|i| list.get(i)).and_then(|c| c.licences),
                declared: r.row.get("attivazioni").and_then(|a| a.trim().parse().ok()),
                duplicate: false,
            }
        })
        .collect();
    let mut count = vec![0usize; list.len()];
    for i in returns.iter().filter_map(|c| c.customer) {
        if let Some(n) = count.get_mut(i) {
            *n += 1;
        }
    }
    for c in &mut returns {
        c.duplicate = c
            .customer
            .and_then(|i| count.get(i))
            .is_some_and(|n| *n > 1);
    }
    Comparison {
        returns,
        unanswered: (0..list.len())
            .filter(|i| count.get(*i) == Some(&0))
            .collect(),
    }
}

/// The comparison's three values of a return.
pub fn values(c: &Compared) -> [String; 3] {
    [
        c.licences.map(|l| l.to_string()).unwrap_or_default(),
        c.difference().map(|d| d.to_string()).unwrap_or_default(),
        c.outcome().id().to_string(),
    ]
}

/// `extract --csv` of the records with the [`COLUMNS`] after its own, then
/// one row per customer with no return (its company, Partita IVA, codice
/// cliente and licences; `senza_ritorno`). The same CSV rules
/// ([`crate::table`]) apply to every value, so a negative difference reads
/// `'-1` as a phone number's `+` would.
pub fn write_csv<W: Write>(
    out: W,
    records: &[Record],
    list: &[Listed],
    comparison: &Comparison,
) -> io::Result<()> {
    let header: Vec<&str> = RECORD_COLUMNS.iter().chain(&COLUMNS).copied().collect();
    let returns = records.iter().zip(&comparison.returns).map(|(r, c)| {
        r.values()
            .iter()
            .map(|v| v.to_string())
            .chain(values(c))
            .collect::<Vec<String>>()
    });
    let unanswered = comparison
        .unanswered
        .iter()
        .filter_map(|i| list.get(*i))
        .map(|c| {
            RECORD_COLUMNS
                .iter()
                .map(|column| match *column {
                    "ragione_sociale" => c.company.clone(),
                    "partita_iva" => c.partita_iva.clone(),
                    "codice_cliente" => c.codice_cliente.clone(),
                    _ => String::new(),
                })
                .chain([
                    c.licences.map(|l| l.to_string()).unwrap_or_default(),
                    String::new(),
                    UNANSWERED.to_string(),
                ])
                .collect::<Vec<String>>()
        });
    crate::table::write_rows(out, &header, returns.chain(unanswered))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rinnovo_core::domain::draft::Draft;

    fn record(file: &str, piva: &str, code: &str, activations: &str) -> Record {
        let mut d = Draft::default();
        d.company.ragione_sociale = format!("Azienda {file}");
        d.company.partita_iva = piva.into();
        d.company.codice_cliente = code.into();
        d.activations = activations.into();
        crate::record::from_draft(file, b"{}", &d, &[])
    }

    fn listed(line: usize, piva: &str, code: &str, licences: Option<u32>) -> Listed {
        Listed {
            line,
            company: format!("Cliente {line}"),
            partita_iva: piva.into(),
            codice_cliente: code.into(),
            licences,
        }
    }

    // Valid Partite IVA (check digit by the Agenzia delle Entrate's rule).
    const A: &str = "01114601006";
    const B: &str = "00743110157";
    const C: &str = "12345678903";

    #[test]
    fn fewer_activations_than_licences_are_flagged_with_the_difference() {
        let c = compare(&[record("a.pdf", A, "", "3")], &[listed(2, A, "", Some(5))]);
        let r = &c.returns[0];
        assert_eq!(r.customer, Some(0));
        assert_eq!(r.difference(), Some(2));
        assert_eq!(r.outcome(), Outcome::Fewer);
        assert_eq!(values(r), ["5", "2", "meno_attivazioni"]);
        assert!(c.unanswered.is_empty());
    }

    #[test]
    fn more_and_equal_activations_read_as_such() {
        let list = [listed(2, A, "", Some(5)), listed(3, B, "", Some(4))];
        let c = compare(
            &[record("a.pdf", A, "", "7"), record("b.pdf", B, "", " 4 ")],
            &list,
        );
        assert_eq!(c.returns[0].outcome(), Outcome::More);
        assert_eq!(c.returns[0].difference(), Some(-2));
        assert_eq!(c.returns[1].outcome(), Outcome::Same);
        assert!(!c.returns[1].outcome().flagged());
    }

    #[test]
    fn a_partita_iva_typed_with_spaces_matches_the_lists() {
        let c = compare(
            &[record("a.pdf", "011 146 010 06", "", "5")],
            &[listed(2, A, "", Some(5))],
        );
        assert_eq!(c.returns[0].customer, Some(0));
    }

    #[test]
    fn without_a_known_partita_iva_the_codice_cliente_matches() {
        let c = compare(
            &[record("a.pdf", C, "c-007", "1")],
            &[listed(2, A, "C-007", Some(1))],
        );
        assert_eq!(c.returns[0].customer, Some(0));
        assert_eq!(c.returns[0].outcome(), Outcome::Same);
    }

    #[test]
    fn a_return_from_a_customer_not_on_the_list_is_unknown() {
        let c = compare(
            &[record("a.pdf", C, "X-1", "1")],
            &[listed(2, A, "C-1", Some(1))],
        );
        assert_eq!(c.returns[0].customer, None);
        assert_eq!(c.returns[0].outcome(), Outcome::UnknownCustomer);
        assert_eq!(values(&c.returns[0]), ["", "", "cliente_sconosciuto"]);
        assert_eq!(c.unanswered, [0]);
    }

    #[test]
    fn two_returns_from_one_customer_are_both_flagged() {
        let c = compare(
            &[
                record("a.pdf", A, "", "5"),
                record("b.pdf", B, "", "1"),
                record("c.pdf", A, "", "4"),
            ],
            &[listed(2, A, "", Some(5)), listed(3, B, "", Some(1))],
        );
        let outcomes: Vec<Outcome> = c.returns.iter().map(Compared::outcome).collect();
        assert_eq!(
            outcomes,
            [Outcome::Duplicate, Outcome::Same, Outcome::Duplicate]
        );
        // The counts still compare.
        assert_eq!(c.returns[2].count(), Outcome::Fewer);
    }

    #[test]
    fn customers_without_a_return_are_listed_in_the_lists_order() {
        let list = [
            listed(2, A, "", Some(1)),
            listed(3, B, "", Some(1)),
            listed(4, C, "", None),
        ];
        let c = compare(&[record("b.pdf", B, "", "1")], &list);
        assert_eq!(c.unanswered, [0, 2]);
    }

    #[test]
    fn a_list_read_from_csv_compares_with_its_leading_zeros_restored() {
        // A spreadsheet took the Partita IVA for a number.
        let csv =
            "ragione_sociale;partita_iva;licenze_in_uso\r\nCaff\u{e8} Citt\u{e0};1114601006;6\r\n";
        let list: Vec<Listed> = crate::customers::parse(csv.as_bytes())
            .unwrap()
            .customers
            .iter()
            .map(Listed::from)
            .collect();
        let c = compare(&[record("a.pdf", A, "", "4")], &list);
        assert_eq!(c.returns[0].customer, Some(0));
        assert_eq!(values(&c.returns[0]), ["6", "2", "meno_attivazioni"]);
        assert_eq!(list[0].line, 2);
    }

    #[test]
    fn missing_licences_and_unreadable_activations_are_said() {
        let c = compare(
            &[
                record("a.pdf", A, "", "5"),
                record("b.pdf", B, "", "cinque"),
            ],
            &[listed(2, A, "", None), listed(3, B, "", Some(5))],
        );
        assert_eq!(c.returns[0].outcome(), Outcome::LicencesUnknown);
        assert_eq!(c.returns[1].outcome(), Outcome::ActivationsUnreadable);
        assert_eq!(c.returns[1].difference(), None);
    }

    #[test]
    fn the_csv_is_extracts_with_the_comparison_after_it() {
        let records = [record("a.pdf", A, "", "3"), record("b.pdf", C, "", "2")];
        let list = [listed(2, A, "", Some(5)), listed(3, B, "K-9", Some(4))];
        let c = compare(&records, &list);
        let mut plain = Vec::new();
        crate::table::write_csv(&mut plain, &records).unwrap();
        let mut out = Vec::new();
        write_csv(&mut out, &records, &list, &c).unwrap();
        let plain = String::from_utf8(plain).unwrap();
        let out = String::from_utf8(out).unwrap();
        let plain: Vec<&str> = plain.split("\r\n").collect();
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(
            lines[0],
            format!(
                "{};\"licenze_in_uso\";\"differenza\";\"esito_confronto\"",
                plain[0]
            )
        );
        assert_eq!(
            lines[1],
            format!("{};\"5\";\"2\";\"meno_attivazioni\"", plain[1])
        );
        assert_eq!(
            lines[2],
            format!("{};\"\";\"\";\"cliente_sconosciuto\"", plain[2])
        );
        // The customer with no return, last.
        assert!(
            lines[3].starts_with("\"\";\"\";\"Cliente 3\";"),
            "{}",
            lines[3]
        );
        assert!(lines[3].contains(&format!("\"{B}\"")));
        assert!(lines[3].contains("\"K-9\""));
        assert!(lines[3].ends_with(";\"4\";\"\";\"senza_ritorno\""));
        assert_eq!(lines[3].matches("\";\"").count(), RECORD_COLUMNS.len() + 2);
        assert_eq!(lines[4], "");
    }
}
