//! Document metadata: the Info dictionary (PDF 32000-1, 14.3.3) and the same
//! facts as an XMP packet in the catalog's `/Metadata` (14.3.2). Dates come
//! from the form, never from the clock, so the output stays reproducible.

use crate::pdf::objects::{ascii, name, text};
use crate::Date;
use lopdf::{Dictionary, Document, Object, Stream};

/// What the metadata says about a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    /// `/Title`, and the XMP `dc:title`.
    pub title: String,
    /// `/Author`, and the XMP `dc:creator`: who made or filled the document.
    pub author: String,
    /// `/Subject`, and the XMP `dc:description`.
    pub subject: String,
    /// `/Creator`, and the XMP `xmp:CreatorTool`: the application the
    /// content came from.
    pub creator: String,
    /// `/Producer`, and the XMP `pdf:Producer`: the program that wrote the
    /// PDF.
    pub producer: String,
    /// The creation and modification date, and the XMP metadata date.
    pub date: Date,
    /// The document's language (BCP 47, e.g. `it-IT`), the XMP
    /// `dc:language` (the catalog's `/Lang` is the caller's to set).
    pub language: String,
    /// The PDF/A conformance the document claims, in the XMP `pdfaid`
    /// schema; `None` for a plain PDF.
    pub pdfa: Option<super::pdfa::PdfAId>,
}

/// A PDF date string (PDF 32000-1, 7.9.4): the day only.
pub fn pdf_date(d: Date) -> String {
    format!("D:{:04}{:02}{:02}", d.year, d.month, d.day)
}

/// Sets the trailer's `/Info` dictionary and the catalog's `/Metadata` XMP
/// stream (uncompressed) from `info`, replacing any that were there.
pub fn set(doc: &mut Document, info: &Info) {
    let mut d = Dictionary::new();
    d.set("Title", text(&info.title));
    d.set("Author", text(&info.author));
    d.set("Subject", text(&info.subject));
    d.set("Creator", text(&info.creator));
    d.set("Producer", text(&info.producer));
    d.set("CreationDate", ascii(&pdf_date(info.date)));
    d.set("ModDate", ascii(&pdf_date(info.date)));
    let id = doc.add_object(d);
    doc.trailer.set("Info", Object::Reference(id));

    let mut md = Dictionary::new();
    md.set("Type", name("Metadata"));
    md.set("Subtype", name("XML"));
    // XMP stays uncompressed so that tools scanning for packets find it.
    let stream = Stream::new(md, xmp(info).into_bytes()).with_compression(false);
    let md_id = doc.add_object(stream);
    let root = crate::pdf::objects::catalog_id(doc);
    if let Some(catalog) = root.and_then(|r| crate::pdf::objects::dict_of_mut(doc, r)) {
        catalog.set("Metadata", Object::Reference(md_id));
    }
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An XMP packet (ISO 16684-1) with Dublin Core, XMP basic and PDF schemas.
fn xmp(info: &Info) -> String {
    let date = info.date.iso();
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"{pdfaid_ns}>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdf:Producer>{producer}</pdf:Producer>
{pdfaid}</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = xml_escape(&info.title),
        author = xml_escape(&info.author),
        subject = xml_escape(&info.subject),
        creator = xml_escape(&info.creator),
        producer = xml_escape(&info.producer),
        language = xml_escape(&info.language),
        pdfaid_ns = if info.pdfa.is_some() {
            r#" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/""#
        } else {
            ""
        },
        pdfaid = info.pdfa.map_or(String::new(), |id| format!(
            "<pdfaid:part>{}</pdfaid:part>\n<pdfaid:conformance>{}</pdfaid:conformance>\n",
            id.part, id.conformance
        )),
    )
}
