//! Oripan's customer list, as the office keeps it in a spreadsheet: the
//! input of the prepared links (`rinnovo-pdf links`) and of the office
//! page's comparison of the returns with the licences in use.
//!
//! The file is CSV as Excel and LibreOffice save it, read without asking
//! how it was saved:
//! - UTF-8 with or without a byte-order mark; a file that is not UTF-8 is
//!   Windows-1252, what Excel's plain "CSV" writes on an Italian Windows;
//! - `;` (Italian settings, where `,` is the decimal comma), `,` or a tab
//!   as the separator, whichever the header line uses most outside quotes;
//! - RFC 4180 quotes (separators, quotes and line breaks inside a value),
//!   CRLF, LF or (Excel for Mac) CR line ends, blank lines skipped.
//!
//! The header names the columns, in any order and letter case, with spaces
//! or underscores: the back office's column names of the company's fields
//! (`ragione_sociale`, `partita_iva`, `codice_fiscale`, `indirizzo`, `cap`,
//! `comune`, `provincia`, `email`, `pec`, `sdi`, `telefono`,
//! `codice_cliente`, `rappresentante_nome`, ...; the same as the
//! `extract --csv` header) and `licenze_in_uso`. `ragione_sociale` and
//! `partita_iva` are required; other columns are ignored and named.
//!
//! A value is text, never a formula: a cell such as `=HYPERLINK(..)` stays
//! those characters, and whoever writes it back to a spreadsheet escapes it
//! (`crate::table`). A Partita IVA that a spreadsheet took for a number and
//! stripped of its leading zeros gets them back when the check digit then
//! holds. A row that cannot be used is skipped with its line and reason;
//! the others are read.

use rinnovo_core::domain::fields::{CompanyDraft, FieldId, COMPANY};
use rinnovo_core::domain::ids::PartitaIva;

/// The column of the licences Oripan counts in use.
pub const LICENCES_COLUMN: &str = "licenze_in_uso";

/// The largest list read, in bytes (a list of 100,000 customers is about
/// 20 MB).
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// The most customers read from one list.
pub const MAX_ROWS: usize = 200_000;

/// The longest value of a cell, in characters: the longest a prepared link
/// carries.
pub const MAX_VALUE_CHARS: usize = rinnovo_core::link::MAX_VALUE_CHARS;

/// The largest count of licences in use.
pub const MAX_LICENCES: u32 = 1_000_000;

/// One customer of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    /// The line of the file the customer's row starts on (the header is 1).
    pub line: usize,
    /// The company's values by the field table's columns, trimmed; the
    /// Partita IVA in its 11 digits when it is valid (with its leading
    /// zeros restored), else as the list has it.
    pub company: CompanyDraft,
    /// The licences Oripan counts in use, when the list says.
    pub licences: Option<u32>,
}

impl Customer {
    /// The company's Partita IVA, when it is a valid one.
    pub fn partita_iva(&self) -> Option<PartitaIva> {
        PartitaIva::parse(&self.company.partita_iva).ok()
    }
}

/// Why a row was skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    /// A required value is blank.
    #[error("no {0}")]
    Missing(&'static str),
    /// A value longer than [`MAX_VALUE_CHARS`].
    #[error("the {0} is longer than {MAX_VALUE_CHARS} characters")]
    TooLong(&'static str),
    /// A value with a control character other than a line break or tab.
    #[error("the {0} holds a control character")]
    Control(&'static str),
    /// The licences are not a whole number from 0 to [`MAX_LICENCES`].
    #[error("{LICENCES_COLUMN} is not a whole number from 0 to {MAX_LICENCES}: {0:?}")]
    Licences(String),
    /// The row could not be split into values.
    #[error("the row is not valid CSV: {0}")]
    Csv(String),
}

/// One skipped row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub problem: RowProblem,
}

/// The list as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Customers {
    pub customers: Vec<Customer>,
    /// The rows left out, with their line and reason.
    pub skipped: Vec<Skipped>,
    /// Header cells that name no known column, as written.
    pub ignored_columns: Vec<String>,
    /// The separator found: `;`, `,` or a tab.
    pub separator: char,
}

/// Why the list cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CustomersError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {} MB", MAX_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("the list has more than {MAX_ROWS} customers")]
    TooManyRows,
    /// The header lacks a required column.
    #[error("the header has no column {0} (the header is the first line: {1})")]
    MissingColumn(&'static str, String),
    /// Two header cells name the same column.
    #[error("the header names the column {0} twice")]
    DuplicateColumn(&'static str),
    #[error("the header is not valid CSV: {0}")]
    Header(String),
}

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Company(FieldId),
    Licences,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::Company(id) => COMPANY.iter().find(|f| f.id == id).map_or("", |f| f.column),
            Column::Licences => LICENCES_COLUMN,
        }
    }

    /// The column a header cell names: its letters in lower case, spaces
    /// and dashes as underscores (`Ragione sociale`, `PARTITA-IVA`).
    fn of(header: &str) -> Option<Column> {
        let key: String = header
            .trim()
            .chars()
            .map(|c| match c {
                ' ' | '-' | '.' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        if key == LICENCES_COLUMN {
            return Some(Column::Licences);
        }
        COMPANY
            .iter()
            .find(|f| f.column == key)
            .map(|f| Column::Company(f.id))
    }
}

/// Reads a customer list (see the module's notes).
pub fn parse(bytes: &[u8]) -> Result<Customers, CustomersError> {
    if bytes.len() > MAX_BYTES {
        return Err(CustomersError::TooLarge);
    }
    let text = decode(bytes);
    if text.trim().is_empty() {
        return Err(CustomersError::Empty);
    }
    let separator = separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator as u8)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();

    let header = loop {
        match records.next() {
            None => return Err(CustomersError::Empty),
            Some(Err(e)) => return Err(CustomersError::Header(e.to_string())),
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
        }
    };
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header.len());
    let mut ignored_columns = Vec::new();
    for cell in &header {
        let column = Column::of(cell);
        if let Some(c) = column {
            if columns.contains(&Some(c)) {
                return Err(CustomersError::DuplicateColumn(c.name()));
            }
        } else if !cell.trim().is_empty() {
            ignored_columns.push(cell.trim().to_string());
        }
        columns.push(column);
    }
    for required in [FieldId::RagioneSociale, FieldId::PartitaIva] {
        if !columns.contains(&Some(Column::Company(required))) {
            let line = header
                .iter()
                .collect::<Vec<_>>()
                .join(&separator.to_string());
            return Err(CustomersError::MissingColumn(
                Column::Company(required).name(),
                line.chars().take(120).collect(),
            ));
        }
    }

    let mut lines = Lines {
        text: text.as_bytes(),
        at: 0,
        line: 1,
    };
    let mut list = Customers {
        separator,
        ignored_columns,
        ..Customers::default()
    };
    for record in records {
        let (line, cells) = match record {
            Ok(r) => (lines.of(r.position()), r),
            Err(e) => {
                let line = lines.of(e.position());
                list.skipped.push(Skipped {
                    line,
                    problem: RowProblem::Csv(e.to_string()),
                });
                continue;
            }
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if list.customers.len() + list.skipped.len() >= MAX_ROWS {
            return Err(CustomersError::TooManyRows);
        }
        match customer(line, &columns, &cells) {
            Ok(c) => list.customers.push(c),
            Err(problem) => list.skipped.push(Skipped { line, problem }),
        }
    }
    Ok(list)
}

/// The file's text: UTF-8 without its byte-order mark, else Windows-1252.
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.into(),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// The separator the header line uses most outside quotes: `;`, `,` or a
/// tab (`,` when it has none: a one-column list).
fn separator(text: &str) -> char {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.trim_start_matches(['\r', '\n']).chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ';' | ',' | '\t' if !quoted => {
                let i = match c {
                    ';' => 0,
                    ',' => 1,
                    _ => 2,
                };
                if let Some(n) = counts.get_mut(i) {
                    *n += 1;
                }
            }
            _ => {}
        }
    }
    let [semicolons, commas, tabs] = counts;
    if semicolons >= commas && semicolons >= tabs && semicolons > 0 {
        ';'
    } else if tabs > commas {
        '\t'
    } else {
        ','
    }
}

/// Numbers the records' lines, counting on from the previous record's
/// (counting from the start of the file for each record took a minute for
/// 10,000 customers).
struct Lines<'a> {
    text: &'a [u8],
    /// The byte the count has reached, and the line it is on.
    at: usize,
    line: usize,
}

impl Lines<'_> {
    /// The line a record starts on (1 for the first), from its byte
    /// offset. A line ends with LF, CRLF or a CR alone (Excel for Mac's
    /// "CSV (Macintosh)"), as the reader ends records; its own line count
    /// lags by one after each CRLF, whose `\n` it takes as the start of the
    /// next record.
    fn of(&mut self, position: Option<&csv::Position>) -> usize {
        let Some(byte) = position.and_then(|p| usize::try_from(p.byte()).ok()) else {
            return 0;
        };
        let rest = self.text.get(byte..).unwrap_or_default();
        let start = byte
            + rest
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        if start < self.at {
            self.at = 0;
            self.line = 1;
        }
        let (text, at) = (self.text, self.at);
        let breaks = text
            .get(at..start)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(i, b)| match b {
                b'\n' => true,
                b'\r' => text.get(at + i + 1) != Some(&b'\n'),
                _ => false,
            })
            .count();
        self.line += breaks;
        self.at = start;
        self.line
    }
}

/// One row as a customer.
fn customer(
    line: usize,
    columns: &[Option<Column>],
    cells: &csv::StringRecord,
) -> Result<Customer, RowProblem> {
    let mut company = CompanyDraft::default();
    let mut licences = None;
    for (column, cell) in columns.iter().zip(cells.iter()) {
        let Some(column) = column else { continue };
        let value = cell.trim();
        if value.chars().count() > MAX_VALUE_CHARS {
            return Err(RowProblem::TooLong(column.name()));
        }
        // A line break inside a quoted value is LF or, as RFC 4180 writes
        // it, CRLF.
        if value
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return Err(RowProblem::Control(column.name()));
        }
        match column {
            Column::Licences if value.is_empty() => {}
            Column::Licences => licences = Some(licences_of(value)?),
            Column::Company(FieldId::PartitaIva) => company.partita_iva = partita_iva(value),
            Column::Company(id) => {
                if let Some(slot) = company.typed_mut(*id) {
                    // A line break inside an address cell is one line on
                    // the form.
                    *slot = value.split_whitespace().collect::<Vec<_>>().join(" ");
                }
            }
        }
    }
    for required in [FieldId::RagioneSociale, FieldId::PartitaIva] {
        if company.typed(required).is_none_or(str::is_empty) {
            return Err(RowProblem::Missing(Column::Company(required).name()));
        }
    }
    Ok(Customer {
        line,
        company,
        licences,
    })
}

/// A count of licences: digits, maybe with `.` as the thousands separator
/// (Italian) or a decimal part of zeros (`7,0`, as a spreadsheet may
/// write a number).
fn licences_of(value: &str) -> Result<u32, RowProblem> {
    let bad = || RowProblem::Licences(value.chars().take(40).collect());
    let whole = match value.split_once([',']) {
        Some((whole, zeros)) if !zeros.is_empty() && zeros.chars().all(|c| c == '0') => whole,
        Some(_) => return Err(bad()),
        None => value,
    };
    let digits: String = whole.chars().filter(|c| *c != '.').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    match digits.parse::<u32>() {
        Ok(n) if n <= MAX_LICENCES => Ok(n),
        _ => Err(bad()),
    }
}

/// The Partita IVA in its 11 digits when it is valid, with the leading
/// zeros a spreadsheet strips from a number put back; else as written.
fn partita_iva(value: &str) -> String {
    if let Ok(p) = PartitaIva::parse(value) {
        return p.as_str().to_string();
    }
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.is_empty() && digits.len() < 11 && digits.chars().all(|c| c.is_ascii_digit()) {
        let padded = format!("{digits:0>11}");
        if let Ok(p) = PartitaIva::parse(&padded) {
            return p.as_str().to_string();
        }
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Customers {
        parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn reads_an_excel_list_with_bom_semicolons_and_crlf() {
        let text = "\u{FEFF}Codice cliente;Ragione sociale;Partita IVA;Licenze in uso\r\n\
                    C-001;\"Caffè Città; S.r.l.\";01114601006;7\r\n\
                    \r\n\
                    C-002;Rossi \"\"Impianti\"\";IT 01114601006;12\r\n";
        let list = parsed(text);
        assert_eq!(list.separator, ';');
        assert_eq!(list.skipped, vec![]);
        assert_eq!(list.customers.len(), 2);
        let c = &list.customers[0];
        assert_eq!(
            list.customers.iter().map(|c| c.line).collect::<Vec<_>>(),
            vec![2, 4]
        );
        assert_eq!(c.company.codice_cliente, "C-001");
        assert_eq!(c.company.ragione_sociale, "Caffè Città; S.r.l.");
        assert_eq!(c.company.partita_iva, "01114601006");
        assert_eq!(c.licences, Some(7));
        assert_eq!(list.customers[1].company.partita_iva, "01114601006");
    }

    #[test]
    fn a_stripped_leading_zero_is_put_back_only_when_the_check_digit_holds() {
        assert_eq!(partita_iva("1114601006"), "01114601006");
        assert_eq!(partita_iva("1114601007"), "1114601007");
        assert_eq!(partita_iva(" 011 146 010 06 "), "01114601006");
    }

    #[test]
    fn windows_1252_is_read_when_the_file_is_not_utf8() {
        let mut bytes = b"ragione_sociale,partita_iva,comune\n".to_vec();
        bytes.extend_from_slice(b"Caff\xE8 \x80uro,01114601006,Forl\xEC\n");
        let list = parse(&bytes).unwrap();
        assert_eq!(list.separator, ',');
        assert_eq!(list.customers[0].company.ragione_sociale, "Caffè €uro");
        assert_eq!(list.customers[0].company.comune, "Forlì");
    }

    #[test]
    fn a_formula_stays_text_and_a_bad_row_is_skipped_with_its_line() {
        let text = "ragione_sociale,partita_iva,licenze_in_uso,note\n\
                    \"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",01114601006,3,a\n\
                    Senza IVA,,4,b\n\
                    Troppe,01114601006,tre,c\n\
                    Migliaia,01114601006,\"1.200\",d\n";
        let list = parsed(text);
        assert_eq!(list.ignored_columns, vec!["note".to_string()]);
        assert_eq!(
            list.customers[0].company.ragione_sociale,
            "=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(list.customers[1].licences, Some(1200));
        assert_eq!(
            list.skipped,
            vec![
                Skipped {
                    line: 3,
                    problem: RowProblem::Missing("partita_iva")
                },
                Skipped {
                    line: 4,
                    problem: RowProblem::Licences("tre".into())
                },
            ]
        );
    }

    #[test]
    fn the_header_must_name_the_required_columns_once() {
        assert!(matches!(
            parse(b"ragione_sociale;licenze_in_uso\nA;1\n"),
            Err(CustomersError::MissingColumn("partita_iva", _))
        ));
        assert_eq!(
            parse(b"partita_iva,ragione_sociale,Partita IVA\n"),
            Err(CustomersError::DuplicateColumn("partita_iva"))
        );
        assert_eq!(parse(b"\xEF\xBB\xBF\r\n  \n"), Err(CustomersError::Empty));
    }

    #[test]
    fn lines_end_with_lf_crlf_or_a_cr_alone() {
        // Excel for Mac's "CSV (Macintosh)" ends its lines with a CR alone;
        // a quoted value may hold any line break.
        for end in ["\n", "\r\n", "\r"] {
            let text = format!(
                "ragione_sociale;partita_iva;indirizzo{end}\
                 Alfa Srl;01114601006;\"Via Roma 1{end}scala B\"{end}{end}\
                 Senza IVA;;{end}\
                 Beta Sas;00743110157;{end}"
            );
            let list = parsed(&text);
            assert_eq!(
                list.customers.iter().map(|c| c.line).collect::<Vec<_>>(),
                vec![2, 6],
                "{end:?}"
            );
            assert_eq!(list.skipped[0].line, 5, "{end:?}");
        }
    }

    #[test]
    fn licences_are_whole_numbers() {
        assert_eq!(licences_of("7"), Ok(7));
        assert_eq!(licences_of("7,00"), Ok(7));
        assert_eq!(licences_of("1.200"), Ok(1200));
        assert!(licences_of("7,5").is_err());
        assert!(licences_of("-1").is_err());
        assert!(licences_of("99999999999").is_err());
        assert!(licences_of("").is_err());
    }
}
