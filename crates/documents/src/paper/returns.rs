//! A paper return read back from its scan: the QR codes found on each
//! scanned page (by a reader such as `rinnovo-scan`) sorted into the
//! documents they belong to ([`super::codes`]), the row of the back office
//! from the data codes, and which pages are present, missing, repeated,
//! from another renewal, or without a readable code. Pure: the back
//! office's command and its web page share it.
//!
//! A page is known by its code alone; a code's checksum refuses a misread,
//! and a page whose digest is not the one its document's data lists was
//! replaced by another version of that page: none of them can turn into
//! wrong data. A scanned contract signed by hand is a copy (art. 22 CAD,
//! art. 2719 c.c.): the reports say that the original must be kept.

use super::codes::{
    hex, Code, CodeError, ContractId, Data, DataPart, DocKind, PageCode, TemplateCode,
};
use rinnovo_core::record::Row;
use std::collections::BTreeMap;

/// One page of the scanned file as the reader saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedPage {
    /// From 1, in the file.
    pub number: usize,
    /// The texts of every QR code found on it.
    pub codes: Vec<String>,
    /// Why the page could not be looked at (an image refused, no image).
    pub problem: Option<String>,
    /// Whether the page draws a scanned image at all: a page made
    /// digitally draws none.
    pub image: bool,
}

/// What a page of the file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageFinding {
    /// A page of a filled document.
    Page(PageCode),
    /// A page of a blank template (filled in by hand).
    Template(TemplateCode),
    /// A Rinnovo code was found but refused (misread or damaged).
    Damaged(CodeError),
    /// No Rinnovo code found.
    NoCode,
    /// The page could not be read at all.
    Unreadable(String),
}

/// One document of one contract as found in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFound {
    pub contract: ContractId,
    pub doc: DocKind,
    /// The document's page count, as its codes say.
    pub count: u8,
    /// For each of its pages found (from 1), the pages of the file that
    /// carry it.
    pub pages: BTreeMap<u8, Vec<usize>>,
    /// The data from its first page's codes, or why not.
    pub data: Result<Data, CodeError>,
    /// Pages of the file whose code gives a digest other than the one the
    /// document's data lists for that page: another version of the page.
    pub replaced: Vec<(usize, u8)>,
}

impl DocumentFound {
    /// Its pages that no page of the file carries.
    pub fn missing(&self) -> Vec<u8> {
        (1..=self.count)
            .filter(|p| !self.pages.contains_key(p))
            .collect()
    }

    /// Its pages that two or more pages of the file carry.
    pub fn repeated(&self) -> Vec<(u8, Vec<usize>)> {
        self.pages
            .iter()
            .filter(|(_, at)| at.len() > 1)
            .map(|(p, at)| (*p, at.clone()))
            .collect()
    }

    /// Whether every page is there once, as made, and the data was read.
    pub fn complete(&self) -> bool {
        self.missing().is_empty()
            && self.repeated().is_empty()
            && self.replaced.is_empty()
            && self.data.is_ok()
    }
}

/// The whole scanned file, sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperReturn {
    /// Every page of the file, in order, and what it is.
    pub pages: Vec<(usize, PageFinding)>,
    /// How many pages draw a scanned image: none in a PDF made digitally.
    pub scanned: usize,
    /// The documents found, the contract with the most pages first.
    pub documents: Vec<DocumentFound>,
}

impl PaperReturn {
    /// Sorts the codes of a scanned file's pages.
    pub fn read(scanned: &[ScannedPage]) -> PaperReturn {
        let mut pages = Vec::with_capacity(scanned.len());
        let mut parts: BTreeMap<(ContractId, DocKind), Vec<DataPart>> = BTreeMap::new();
        for s in scanned {
            let mut finding = match &s.problem {
                Some(p) => PageFinding::Unreadable(p.clone()),
                None => PageFinding::NoCode,
            };
            for text in &s.codes {
                match Code::parse(text) {
                    Ok(Code::Page(p)) => finding = PageFinding::Page(p),
                    Ok(Code::Template(t)) => {
                        if !matches!(finding, PageFinding::Page(_)) {
                            finding = PageFinding::Template(t);
                        }
                    }
                    Ok(Code::Data(d)) => {
                        parts.entry((d.contract, d.doc)).or_default().push(d);
                    }
                    Err(CodeError::Foreign) => {}
                    Err(e) => {
                        if matches!(finding, PageFinding::NoCode | PageFinding::Unreadable(_)) {
                            finding = PageFinding::Damaged(e);
                        }
                    }
                }
            }
            pages.push((s.number, finding));
        }
        let mut documents: BTreeMap<(ContractId, DocKind), DocumentFound> = BTreeMap::new();
        for (at, finding) in &pages {
            if let PageFinding::Page(p) = finding {
                let d = documents
                    .entry((p.contract, p.doc))
                    .or_insert_with(|| DocumentFound {
                        contract: p.contract,
                        doc: p.doc,
                        count: p.count,
                        pages: BTreeMap::new(),
                        data: Err(CodeError::Parts),
                        replaced: Vec::new(),
                    });
                d.count = d.count.max(p.count);
                d.pages.entry(p.page).or_default().push(*at);
            }
        }
        // Data whose pages' codes were not read still names its document.
        for (key, ps) in &parts {
            let refs: Vec<&DataPart> = ps.iter().collect();
            let data = Data::assemble(&refs);
            let d = documents.entry(*key).or_insert_with(|| DocumentFound {
                contract: key.0,
                doc: key.1,
                count: 0,
                pages: BTreeMap::new(),
                data: Err(CodeError::Parts),
                replaced: Vec::new(),
            });
            if let Ok(data) = &data {
                d.count = d
                    .count
                    .max(u8::try_from(data.page_digests.len()).unwrap_or(u8::MAX));
            }
            d.data = data;
        }
        for d in documents.values_mut() {
            let Ok(data) = &d.data else { continue };
            for (at, finding) in &pages {
                if let PageFinding::Page(p) = finding {
                    if p.contract == d.contract && p.doc == d.doc {
                        let listed = usize::from(p.page)
                            .checked_sub(1)
                            .and_then(|i| data.page_digests.get(i));
                        if listed != Some(&p.digest) {
                            d.replaced.push((*at, p.page));
                        }
                    }
                }
            }
        }
        let mut documents: Vec<DocumentFound> = documents.into_values().collect();
        // The contract with the most pages in the file is the one it
        // returns; ties go to the one with data, then to the smallest id
        // (the same file gives the same answer).
        let weight = |c: ContractId| {
            let (n, with_data) =
                documents
                    .iter()
                    .filter(|d| d.contract == c)
                    .fold((0, false), |(n, w), d| {
                        (
                            n + d.pages.values().map(Vec::len).sum::<usize>(),
                            w || d.data.is_ok(),
                        )
                    });
            (n, with_data)
        };
        let mut order: Vec<ContractId> = documents.iter().map(|d| d.contract).collect();
        order.dedup();
        order.sort_by_key(|c| std::cmp::Reverse(weight(*c)));
        documents.sort_by_key(|d| {
            (
                order
                    .iter()
                    .position(|c| *c == d.contract)
                    .unwrap_or(usize::MAX),
                d.doc,
            )
        });
        PaperReturn {
            pages,
            scanned: scanned.iter().filter(|p| p.image).count(),
            documents,
        }
    }

    /// Whether any page carries a Rinnovo code, readable or not.
    pub fn found_any(&self) -> bool {
        !self.documents.is_empty()
            || self.pages.iter().any(|(_, f)| {
                matches!(
                    f,
                    PageFinding::Page(_) | PageFinding::Template(_) | PageFinding::Damaged(_)
                )
            })
    }

    /// The contract the file returns: the one with the most pages.
    pub fn contract(&self) -> Option<ContractId> {
        self.documents.first().map(|d| d.contract)
    }

    /// The documents of the contract the file returns.
    pub fn own_documents(&self) -> impl Iterator<Item = &DocumentFound> {
        let c = self.contract();
        self.documents.iter().filter(move |d| Some(d.contract) == c)
    }

    /// The data of the contract the file returns, from the first of its
    /// documents whose data codes were read.
    pub fn data(&self) -> Option<&Data> {
        self.own_documents().find_map(|d| d.data.as_ref().ok())
    }

    /// The row, and the data's SHA-256 in hex, if the data was read.
    pub fn row(&self) -> Option<(String, Row)> {
        self.data().map(|d| (hex(&d.dati_sha256), d.row.clone()))
    }

    /// Pages of the file that belong to another contract.
    pub fn foreign_pages(&self) -> Vec<(usize, PageCode)> {
        let c = self.contract();
        self.pages
            .iter()
            .filter_map(|(at, f)| match f {
                PageFinding::Page(p) if Some(p.contract) != c => Some((*at, *p)),
                _ => None,
            })
            .collect()
    }

    /// The pages found, as the `pagine` column says them: each document
    /// with the pages present, e.g. `modulo 1/1; condizioni 1/2 2/2`.
    pub fn pages_found(&self) -> String {
        self.own_documents()
            .map(|d| {
                let present: Vec<String> =
                    d.pages.keys().map(|p| format!("{p}/{}", d.count)).collect();
                if present.is_empty() {
                    format!("{} -", d.doc.id())
                } else {
                    format!("{} {}", d.doc.id(), present.join(" "))
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The documents of the contract that no page of the file belongs to:
    /// a renewal is both, the form and the general conditions (with the
    /// approval of the onerous clauses).
    pub fn absent_documents(&self) -> Vec<DocKind> {
        if self.contract().is_none() {
            return Vec::new();
        }
        DocKind::ALL
            .into_iter()
            .filter(|k| {
                !self
                    .own_documents()
                    .any(|d| d.doc == *k && !d.pages.is_empty())
            })
            .collect()
    }

    /// The pages that are missing, as the `pagine_mancanti` column says
    /// them: `condizioni 2/2`, or a whole document's name when none of its
    /// pages is in the file (`condizioni`).
    pub fn pages_missing(&self) -> String {
        let pages = self
            .own_documents()
            .filter(|d| !d.pages.is_empty())
            .flat_map(|d| {
                d.missing()
                    .into_iter()
                    .map(move |p| format!("{} {p}/{}", d.doc.id(), d.count))
            });
        let documents = self
            .absent_documents()
            .into_iter()
            .map(|k| k.id().to_string());
        pages.chain(documents).collect::<Vec<_>>().join("; ")
    }

    /// Whether the file is one contract's documents, both of them, each
    /// page once, as made, with its data read.
    pub fn complete(&self) -> bool {
        self.contract().is_some()
            && self.absent_documents().is_empty()
            && self
                .own_documents()
                .all(|d| d.complete() || d.pages.is_empty())
            && self.own_documents().any(|d| !d.pages.is_empty())
            && self.foreign_pages().is_empty()
            && self
                .pages
                .iter()
                .all(|(_, f)| matches!(f, PageFinding::Page(_)))
    }

    /// The report `rinnovo-pdf verify` prints for a scan, a line each.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![
            "kind: a scanned paper return: the signatures are on paper; this scan is a copy (art. 22 CAD, art. 2719 c.c.), keep the signed original".to_string(),
        ];
        match self.contract() {
            Some(c) => out.push(format!("contract: {}", c.hex())),
            None => out.push("contract: none found (no page carries a Rinnovo page code)".into()),
        }
        match self.data() {
            Some(d) => out.push(format!(
                "data: read from the QR code ({}, Partita IVA {})",
                d.row.get("ragione_sociale").unwrap_or_default(),
                d.row.get("partita_iva").unwrap_or_default()
            )),
            None if self.contract().is_some() => {
                out.push("data: not read (the first page's data code is missing or damaged): type the row from the pages".into())
            }
            None => {}
        }
        for d in self.own_documents() {
            let present: Vec<String> = d
                .pages
                .iter()
                .map(|(p, at)| {
                    let at: Vec<String> = at.iter().map(usize::to_string).collect();
                    format!("{p}/{} (file page {})", d.count, at.join(", "))
                })
                .collect();
            out.push(format!(
                "{}: present {}",
                d.doc.id(),
                if present.is_empty() {
                    "none".to_string()
                } else {
                    present.join(", ")
                }
            ));
            if !d.pages.is_empty() {
                for p in d.missing() {
                    out.push(format!("{}: page {p}/{} missing", d.doc.id(), d.count));
                }
            }
            for (p, at) in d.repeated() {
                let at: Vec<String> = at.iter().map(usize::to_string).collect();
                out.push(format!(
                    "{}: page {p}/{} repeated (file pages {})",
                    d.doc.id(),
                    d.count,
                    at.join(", ")
                ));
            }
            for (at, p) in &d.replaced {
                out.push(format!(
                    "{}: file page {at} says it is page {p}/{} but is not the page this document was made with",
                    d.doc.id(),
                    d.count
                ));
            }
        }
        for k in self.absent_documents() {
            out.push(format!(
                "{}: not in this file (no page of it found)",
                k.id()
            ));
        }
        for (at, p) in self.foreign_pages() {
            out.push(format!(
                "file page {at}: from another renewal (contract {}, {} {}/{})",
                p.contract.hex(),
                p.doc.id(),
                p.page,
                p.count
            ));
        }
        for (at, f) in &self.pages {
            match f {
                PageFinding::Template(t) => out.push(format!(
                    "file page {at}: a blank {} filled in by hand (page {}/{}, template version {}): type its data",
                    t.doc.id(),
                    t.page,
                    t.count,
                    hex(&t.version)
                )),
                PageFinding::Damaged(e) => {
                    out.push(format!("file page {at}: a Rinnovo code was found but refused ({e})"))
                }
                PageFinding::NoCode => out.push(format!("file page {at}: no Rinnovo code found")),
                PageFinding::Unreadable(why) => out.push(format!("file page {at}: not read ({why})")),
                PageFinding::Page(_) => {}
            }
        }
        out.push(if self.complete() {
            "result: complete, every page as made (signed on paper: keep the original)".to_string()
        } else {
            "result: incomplete or mixed (see above)".to_string()
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rinnovo_core::record::ROW_LEN;

    fn data(sha: u8, doc: DocKind, digests: Vec<[u8; 6]>) -> Data {
        let mut values: [String; ROW_LEN] = Default::default();
        values[0] = format!("Azienda {sha}");
        Data {
            dati_sha256: [sha; 32],
            doc,
            page_digests: digests,
            row: Row::from_values(values),
        }
    }

    fn page(d: &Data, page: u8, digest: [u8; 6]) -> String {
        PageCode {
            contract: d.contract(),
            doc: d.doc,
            page,
            count: u8::try_from(d.page_digests.len()).unwrap(),
            digest,
        }
        .text()
    }

    fn scanned(number: usize, codes: Vec<String>) -> ScannedPage {
        ScannedPage {
            number,
            codes,
            problem: None,
            image: true,
        }
    }

    #[test]
    fn a_page_whose_digest_is_not_its_documents_is_named_as_replaced() {
        let d = data(1, DocKind::Conditions, vec![[1; 6], [2; 6]]);
        let mut first = vec![page(&d, 1, [1; 6])];
        first.extend(d.parts(1000).iter().map(DataPart::text));
        let r = PaperReturn::read(&[
            scanned(1, first),
            // Page 2 of the same contract, but another drawing of it.
            scanned(2, vec![page(&d, 2, [9; 6])]),
        ]);
        let doc = &r.documents[0];
        assert_eq!(doc.replaced, vec![(2, 2)]);
        assert!(!r.complete());
        assert!(r
            .lines()
            .iter()
            .any(|l| l.contains("file page 2 says it is page 2/2 but is not")));
        // The row is still read, from the first page.
        assert_eq!(r.row().unwrap().1.values()[0], "Azienda 1");
    }

    #[test]
    fn a_complete_return_is_complete_and_its_row_is_its_data() {
        let m = data(3, DocKind::SupportForm, vec![[7; 6]]);
        let c = data(3, DocKind::Conditions, vec![[1; 6], [2; 6]]);
        let mut form = vec![page(&m, 1, [7; 6])];
        form.extend(m.parts(1000).iter().map(DataPart::text));
        let mut first = vec![page(&c, 1, [1; 6])];
        first.extend(c.parts(20).iter().map(DataPart::text));
        let r = PaperReturn::read(&[
            scanned(1, form),
            scanned(2, first),
            scanned(3, vec![page(&c, 2, [2; 6])]),
        ]);
        assert!(r.complete(), "{:?}", r.lines());
        assert_eq!(r.pages_found(), "modulo 1/1; condizioni 1/2 2/2");
        assert_eq!(r.pages_missing(), "");
        let (sha, row) = r.row().unwrap();
        assert_eq!(sha, hex(&[3; 32]));
        assert_eq!(row, c.row);
    }

    #[test]
    fn a_return_of_one_document_names_the_other_as_missing() {
        let m = data(8, DocKind::SupportForm, vec![[7; 6]]);
        let mut form = vec![page(&m, 1, [7; 6])];
        form.extend(m.parts(1000).iter().map(DataPart::text));
        let r = PaperReturn::read(&[scanned(1, form)]);
        assert!(!r.complete());
        assert_eq!(r.pages_missing(), "condizioni");
        assert!(r
            .lines()
            .iter()
            .any(|l| l == "condizioni: not in this file (no page of it found)"));
        // Its row is read all the same.
        assert!(r.row().is_some());
    }

    #[test]
    fn a_damaged_code_or_a_page_without_one_is_named_and_gives_no_data() {
        let d = data(4, DocKind::SupportForm, vec![[1; 6]]);
        let mut damaged = page(&d, 1, [1; 6]);
        damaged.pop();
        damaged.push('Z');
        let r = PaperReturn::read(&[
            scanned(1, vec![damaged, "https://example.com".into()]),
            scanned(2, vec![]),
            ScannedPage {
                number: 3,
                codes: vec![],
                problem: Some("its image 1 could not be read".into()),
                image: true,
            },
        ]);
        assert!(r.documents.is_empty());
        assert!(r.row().is_none());
        assert!(!r.complete());
        let lines = r.lines().join("\n");
        assert!(
            lines.contains("file page 1: a Rinnovo code was found but refused"),
            "{lines}"
        );
        assert!(
            lines.contains("file page 2: no Rinnovo code found"),
            "{lines}"
        );
        assert!(
            lines.contains("file page 3: not read (its image 1 could not be read)"),
            "{lines}"
        );
    }

    #[test]
    fn the_contract_with_most_pages_is_the_files_and_the_others_are_foreign() {
        let a = data(5, DocKind::Conditions, vec![[1; 6], [2; 6]]);
        let b = data(6, DocKind::Conditions, vec![[1; 6], [2; 6]]);
        let r = PaperReturn::read(&[
            scanned(1, vec![page(&b, 2, [2; 6])]),
            scanned(2, vec![page(&a, 1, [1; 6])]),
            scanned(3, vec![page(&a, 2, [2; 6])]),
        ]);
        assert_eq!(r.contract(), Some(a.contract()));
        assert_eq!(r.foreign_pages().len(), 1);
        assert_eq!(r.foreign_pages()[0].0, 1);
    }
}
