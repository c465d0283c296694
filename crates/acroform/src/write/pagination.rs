//! Pagination artifacts (PDF 32000-1, 14.8.2.2.2): the running headers and
//! footers, such as "Page 2 of 5", that say where a page stands in its
//! document rather than what the document says.
//!
//! A document that keeps each one in a content stream of its own, written
//! by [`artifact`], can have them painted again when its pages move: after
//! [`FormDocument::append`](crate::FormDocument::append) joins two
//! documents of one and two pages, [`repaint`] turns "Page 1 of 1" and
//! "Page 1 of 2" into "Page 1 of 3" to "Page 3 of 3". The new labels are
//! page content, as the old ones were: no field, no annotation. Streams
//! that hold anything else, or artifacts written otherwise, are left as
//! they are.

use crate::font::text::Typeface;
use crate::form::fields;
use crate::form::flatten::page_resources;
use crate::pdf::content::{Color, Content};
use crate::pdf::objects::{self, dict_of, dict_of_mut};
use crate::read::filter;
use crate::read::lexer::{Lexer, Token};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// The most bytes a pagination artifact's stream may decode to: a running
/// header or footer is a few lines of text, so a larger stream is not one,
/// and is not decoded.
const MAX_ARTIFACT_BYTES: usize = 16 * 1024;

/// The subtype of a pagination artifact (PDF 32000-1, table 330).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pagination {
    /// A running head at the top of the page.
    Header,
    /// A running foot at the bottom of the page.
    Footer,
    /// A watermark.
    Watermark,
    /// A mark that identifies the page in a set of documents, as Bates
    /// numbers do in legal files (ISO 32000-2, table 363): a printed page
    /// number or a machine-readable code.
    Bates,
}

impl Pagination {
    /// Every subtype.
    pub const ALL: [Pagination; 4] = [
        Pagination::Header,
        Pagination::Footer,
        Pagination::Watermark,
        Pagination::Bates,
    ];
}

impl Pagination {
    /// The `/Subtype` name.
    pub fn name(self) -> &'static str {
        match self {
            Pagination::Header => "Header",
            Pagination::Footer => "Footer",
            Pagination::Watermark => "Watermark",
            Pagination::Bates => "Bates",
        }
    }

    /// The `BDC` operator that opens the artifact, with its property list.
    fn begin(self) -> String {
        format!(
            "/Artifact <</Type /Pagination /Subtype /{}>> BDC\n",
            self.name()
        )
    }
}

/// How a page label is set: one line of text, right-aligned.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelStyle {
    /// Where the text ends, from the page's left edge.
    pub x_right_pt: f32,
    /// The baseline, from the page's bottom edge.
    pub baseline_pt: f32,
    /// The font size.
    pub font_size_pt: f32,
    /// The fill colour.
    pub color: Color,
}

/// The content that shows `text` (one line, already normalized) as `style`
/// says, in `face` under the page's font resource `resource`: what
/// [`artifact`] wraps. Or the characters `face` cannot show.
pub fn label(
    face: &mut dyn Typeface,
    resource: &str,
    style: &LabelStyle,
    text: &str,
) -> Result<Vec<u8>, Vec<char>> {
    let codes = face.encode(text)?;
    let width = face.width_pt(&codes, style.font_size_pt);
    let mut c = Content::new();
    c.begin_text()
        .fill_color(&style.color)
        .font(resource, style.font_size_pt)
        .text_origin(style.x_right_pt - width, style.baseline_pt);
    face.show(&mut c, &codes);
    c.end_text();
    Ok(c.into_bytes())
}

/// The whole content of a stream that is one pagination artifact: `body`
/// between `/Artifact <</Type /Pagination /Subtype /…>> BDC` and `EMC`,
/// its graphics state saved and restored (`q … Q`), so that the stream can
/// stand anywhere in a page's `/Contents`. `body` uses the page's
/// resources.
pub fn artifact(subtype: Pagination, body: &[u8]) -> Vec<u8> {
    let mut out = subtype.begin().into_bytes();
    out.extend_from_slice(b"q\n");
    out.extend_from_slice(body);
    if !body.ends_with(b"\n") {
        out.push(b'\n');
    }
    out.extend_from_slice(b"Q\nEMC\n");
    out
}

/// Whether a content stream is wholly a pagination artifact of this
/// subtype as [`artifact`] writes it.
fn is_artifact(doc: &Document, id: ObjectId, subtype: Pagination) -> bool {
    let Ok(Object::Stream(s)) = doc.get_object(id) else {
        return false;
    };
    let Ok(data) = filter::decode(s, MAX_ARTIFACT_BYTES) else {
        return false;
    };
    data.trim_ascii_start()
        .starts_with(subtype.begin().as_bytes())
        && closes_at_end(&data)
}

/// Whether the marked-content sequence that opens `data` closes with its
/// last operator, so that everything in the stream is inside it. Text
/// strings are read as tokens, so an "EMC" inside one is not counted; a
/// stream with an inline image (whose data the tokenizer cannot read) is
/// never one.
fn closes_at_end(data: &[u8]) -> bool {
    let mut lexer = Lexer::new(data, 0);
    let mut depth = 0usize;
    let mut closed = false;
    loop {
        match lexer.next_token() {
            Ok(None) => return closed,
            Err(_) => return false,
            Ok(Some(Token::Keyword(k))) => {
                if closed {
                    return false;
                }
                match k {
                    b"BDC" | b"BMC" => depth += 1,
                    b"EMC" => match depth.checked_sub(1) {
                        Some(d) => {
                            depth = d;
                            closed = d == 0;
                        }
                        None => return false,
                    },
                    b"ID" | b"BI" => return false,
                    _ => {}
                }
            }
            Ok(Some(_)) if closed => return false,
            Ok(Some(_)) => {}
        }
    }
}

/// The font repainted artifacts are set in: its font dictionary, and the
/// resource name pages should know it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArtifactFont<'a> {
    /// The font dictionary (it may be written later, as an embedded
    /// subset is).
    pub id: ObjectId,
    /// The resource name; where a page already uses it for another font,
    /// the first free one of `name1`, `name2`, ... is used instead.
    pub resource: &'a str,
}

/// Replaces, on every page, each content stream that is wholly a
/// pagination artifact of `subtype` (as [`artifact`] writes them) with the
/// artifact whose body is `paint(page_number, page_count, resource)`, pages
/// counted from 1 in the document's order; `resource` is the name under
/// which that page's resources now hold `font`. Returns how many streams
/// were replaced, or the first error of `paint`.
///
/// The old streams are not changed, only no longer referenced, so a stream
/// that two pages share is safe; saving drops it.
pub fn repaint<E>(
    doc: &mut Document,
    subtype: Pagination,
    font: ArtifactFont<'_>,
    mut paint: impl FnMut(usize, usize, &str) -> Result<Vec<u8>, E>,
) -> Result<usize, E> {
    paint_artifacts(doc, subtype, Some(font), false, |i, count, resource| {
        paint(i, count, resource.unwrap_or(font.resource))
    })
}

/// Paints on every page an artifact of `subtype` whose body is
/// `paint(page_number, page_count)`, drawn without fonts (vector marks,
/// such as a page's code): it replaces each content stream of the page that
/// is wholly such an artifact, or, on a page that has none, is added after
/// its content. Returns how many were painted, or the first error of
/// `paint`.
pub fn mark<E>(
    doc: &mut Document,
    subtype: Pagination,
    mut paint: impl FnMut(usize, usize) -> Result<Vec<u8>, E>,
) -> Result<usize, E> {
    paint_artifacts(doc, subtype, None, true, |i, count, _| paint(i, count))
}

fn paint_artifacts<E>(
    doc: &mut Document,
    subtype: Pagination,
    font: Option<ArtifactFont<'_>>,
    add_where_none: bool,
    mut paint: impl FnMut(usize, usize, Option<&str>) -> Result<Vec<u8>, E>,
) -> Result<usize, E> {
    let pages = fields::pages(doc);
    let count = pages.len();
    let mut replaced = 0;
    for (i, &page) in pages.iter().enumerate() {
        let (mut streams, single) = page_contents(doc, page);
        let mut found: Vec<usize> = streams
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.as_reference()
                    .is_ok_and(|id| is_artifact(doc, id, subtype))
            })
            .map(|(n, _)| n)
            .collect();
        if found.is_empty() {
            if !add_where_none {
                continue;
            }
            found.push(streams.len());
            streams.push(Object::Null);
        }
        let mut resources = page_resources(doc, page);
        let resource = match font {
            Some(font) => {
                let mut fonts = objects::get_dict(doc, &resources, b"Font")
                    .cloned()
                    .unwrap_or_default();
                let resource = font_name(&fonts, font);
                fonts.set(resource.as_str(), Object::Reference(font.id));
                resources.set("Font", Object::Dictionary(fonts));
                Some(resource)
            }
            None => None,
        };
        for n in found {
            let body = paint(i + 1, count, resource.as_deref())?;
            let new = doc.add_object(Stream::new(Dictionary::new(), artifact(subtype, &body)));
            if let Some(s) = streams.get_mut(n) {
                *s = Object::Reference(new);
                replaced += 1;
            }
        }
        let contents = match (single, streams.as_slice()) {
            (true, [one]) => one.clone(),
            _ => Object::Array(streams),
        };
        if let Some(p) = dict_of_mut(doc, page) {
            if font.is_some() {
                p.set("Resources", Object::Dictionary(resources));
            }
            p.set("Contents", contents);
        }
    }
    Ok(replaced)
}

/// A page's content streams, as the objects of its `/Contents`, and
/// whether that is a single stream rather than an array.
fn page_contents(doc: &Document, page: ObjectId) -> (Vec<Object>, bool) {
    let Some(contents) = dict_of(doc, page)
        .and_then(|p| p.get(b"Contents").ok())
        .cloned()
    else {
        return (Vec::new(), false);
    };
    // `/Contents` is a stream, an array of streams, or a reference to
    // such an array (PDF 32000-1, table 30).
    match &contents {
        Object::Reference(id) => match doc.get_object(*id) {
            Ok(Object::Array(a)) => (a.clone(), false),
            _ => (vec![contents.clone()], true),
        },
        Object::Array(a) => (a.clone(), false),
        _ => (Vec::new(), false),
    }
}

/// The most bytes [`drawing`] reads of one page, in all.
const MAX_DRAWING_BYTES: usize = 64 * 1024 * 1024;
/// How deep [`drawing`] follows form XObjects that draw other XObjects.
const MAX_XOBJECT_DEPTH: usize = 8;

/// What a page draws, as bytes to be digested: each content stream that is
/// not a pagination artifact (its page numbers and codes are left out, so
/// the same page numbered otherwise in a joined document gives the same
/// bytes), decoded where it can be, then each XObject of its resources,
/// in their dictionary's order, with those they draw in turn. Bounded in
/// bytes and depth.
pub fn drawing(doc: &Document, page: ObjectId) -> Vec<u8> {
    let mut out = Vec::new();
    let (streams, _) = page_contents(doc, page);
    for s in streams {
        let Ok(id) = s.as_reference() else { continue };
        if Pagination::ALL
            .iter()
            .any(|&subtype| is_artifact(doc, id, subtype))
        {
            continue;
        }
        if let Ok(Object::Stream(s)) = doc.get_object(id) {
            stream_bytes(s, &mut out);
        }
    }
    xobjects(doc, &page_resources(doc, page), 0, &mut out);
    out
}

/// A stream's decoded data, or its data as stored where it cannot be
/// decoded (an image), within [`MAX_DRAWING_BYTES`] in all.
fn stream_bytes(s: &Stream, out: &mut Vec<u8>) {
    let room = MAX_DRAWING_BYTES.saturating_sub(out.len());
    if room == 0 {
        return;
    }
    let data = filter::decode(s, room).unwrap_or_else(|_| s.content.clone());
    let n = data.len().min(room);
    out.extend_from_slice(data.get(..n).unwrap_or_default());
}

/// The most XObjects [`drawing`] reads of one page, however they nest.
const MAX_XOBJECTS: usize = 10_000;

fn xobjects(doc: &Document, resources: &Dictionary, depth: usize, out: &mut Vec<u8>) {
    let mut seen = 0;
    xobjects_within(doc, resources, depth, &mut seen, out);
}

fn xobjects_within(
    doc: &Document,
    resources: &Dictionary,
    depth: usize,
    seen: &mut usize,
    out: &mut Vec<u8>,
) {
    if depth > MAX_XOBJECT_DEPTH {
        return;
    }
    let Some(xobjects) = objects::get_dict(doc, resources, b"XObject") else {
        return;
    };
    // In the dictionary's order, which the file keeps: the same file gives
    // the same bytes (and the worker links no sort for it).
    for (name, o) in xobjects.iter() {
        *seen += 1;
        if *seen > MAX_XOBJECTS {
            return;
        }
        let target = match o {
            Object::Reference(id) => doc.get_object(*id).ok(),
            other => Some(other),
        };
        let Some(Object::Stream(s)) = target else {
            continue;
        };
        out.extend_from_slice(name);
        stream_bytes(s, out);
        if let Some(inner) = objects::get_dict(doc, &s.dict, b"Resources") {
            xobjects_within(doc, inner, depth + 1, seen, out);
        }
    }
}

/// The name `font` has, or can take, in a page's font resources.
fn font_name(fonts: &Dictionary, font: ArtifactFont<'_>) -> String {
    let free_or_same = |name: &str| match fonts.get(name.as_bytes()) {
        Err(_) => true,
        Ok(o) => o.as_reference().ok() == Some(font.id),
    };
    if free_or_same(font.resource) {
        return font.resource.to_string();
    }
    // A page has fewer fonts than this; the last is used regardless.
    (1..=fonts.len() + 1)
        .map(|n| format!("{}{n}", font.resource))
        .find(|name| free_or_same(name))
        .unwrap_or_else(|| format!("{}{}", font.resource, fonts.len() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document of `n` pages, each with a body stream and a footer
    /// artifact that says `old`.
    fn document(n: usize, old: &str) -> Document {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let mut kids = Vec::new();
        for _ in 0..n {
            let body = doc.add_object(Stream::new(Dictionary::new(), b"BT ET".to_vec()));
            let footer = doc.add_object(Stream::new(
                Dictionary::new(),
                artifact(Pagination::Footer, old.as_bytes()),
            ));
            let mut p = Dictionary::new();
            p.set("Type", Object::Name(b"Page".to_vec()));
            p.set("Parent", Object::Reference(pages_id));
            p.set(
                "Contents",
                Object::Array(vec![Object::Reference(body), Object::Reference(footer)]),
            );
            kids.push(Object::Reference(doc.add_object(p)));
        }
        let mut pages = Dictionary::new();
        pages.set("Type", Object::Name(b"Pages".to_vec()));
        pages.set("Count", n as i64);
        pages.set("Kids", Object::Array(kids));
        doc.objects.insert(pages_id, Object::Dictionary(pages));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages_id));
        let catalog = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog));
        doc
    }

    const FONT: ArtifactFont<'static> = ArtifactFont {
        id: (99, 0),
        resource: "F",
    };

    /// Repaints footers as `(<page> of <count>) Tj` in font `<resource>`.
    fn renumber(doc: &mut Document, subtype: Pagination) -> usize {
        repaint(doc, subtype, FONT, |i, m, res| {
            Ok::<_, ()>(format!("/{res} 8 Tf ({i} of {m}) Tj").into_bytes())
        })
        .unwrap()
    }

    fn page_streams(doc: &Document) -> Vec<Vec<Vec<u8>>> {
        fields::pages(doc)
            .iter()
            .map(|&p| {
                let d = doc.get_dictionary(p).unwrap();
                d.get(b"Contents")
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| {
                        let s = doc.get_object(r.as_reference().unwrap()).unwrap();
                        s.as_stream().unwrap().content.clone()
                    })
                    .collect()
            })
            .collect()
    }

    fn page_font(doc: &Document, page: usize, name: &str) -> Option<ObjectId> {
        let p = fields::pages(doc)[page];
        let res = page_resources(doc, p);
        let fonts = res.get(b"Font").ok()?.as_dict().ok()?;
        fonts.get(name.as_bytes()).ok()?.as_reference().ok()
    }

    #[test]
    fn footers_are_painted_again_for_each_page_and_the_rest_is_kept() {
        let mut doc = document(3, "(old) Tj");
        assert_eq!(renumber(&mut doc, Pagination::Footer), 3);
        let streams = page_streams(&doc);
        for (i, page) in streams.iter().enumerate() {
            assert_eq!(page[0], b"BT ET");
            assert_eq!(
                page[1],
                artifact(
                    Pagination::Footer,
                    format!("/F 8 Tf ({} of 3) Tj", i + 1).as_bytes()
                )
            );
            assert_eq!(page_font(&doc, i, "F"), Some(FONT.id));
        }
    }

    #[test]
    fn only_artifacts_of_the_subtype_asked_for_are_replaced() {
        let mut doc = document(2, "(old) Tj");
        assert_eq!(renumber(&mut doc, Pagination::Header), 0);
        let streams = page_streams(&doc);
        assert_eq!(streams[1][1], artifact(Pagination::Footer, b"(old) Tj"));
        assert_eq!(page_font(&doc, 1, "F"), None);
    }

    #[test]
    fn a_font_name_the_page_uses_for_another_font_is_not_taken() {
        let mut doc = document(1, "(old) Tj");
        let p = fields::pages(&doc)[0];
        let mut fonts = Dictionary::new();
        fonts.set("F", Object::Reference((7, 0)));
        fonts.set("F1", Object::Reference((8, 0)));
        let mut res = Dictionary::new();
        res.set("Font", Object::Dictionary(fonts));
        doc.get_object_mut(p)
            .unwrap()
            .as_dict_mut()
            .unwrap()
            .set("Resources", Object::Dictionary(res));
        assert_eq!(renumber(&mut doc, Pagination::Footer), 1);
        assert_eq!(page_font(&doc, 0, "F"), Some((7, 0)));
        assert_eq!(page_font(&doc, 0, "F1"), Some((8, 0)));
        assert_eq!(page_font(&doc, 0, "F2"), Some(FONT.id));
        assert_eq!(
            page_streams(&doc)[0][1],
            artifact(Pagination::Footer, b"/F2 8 Tf (1 of 1) Tj")
        );
    }

    #[test]
    fn an_error_of_the_painter_is_returned() {
        let mut doc = document(2, "(old) Tj");
        let r = repaint(&mut doc, Pagination::Footer, FONT, |i, _, _| {
            if i == 2 {
                Err("unprintable")
            } else {
                Ok(Vec::new())
            }
        });
        assert_eq!(r, Err("unprintable"));
    }

    #[test]
    fn a_compressed_artifact_is_recognised() {
        let mut doc = document(1, "(old) Tj");
        let footer = page_streams(&doc)[0][1].clone();
        let id = fields::pages(&doc)[0];
        let mut d = Dictionary::new();
        d.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let packed = Stream::new(d, miniz_oxide::deflate::compress_to_vec_zlib(&footer, 6))
            .with_compression(false);
        let packed = doc.add_object(packed);
        let page = doc.get_object_mut(id).unwrap().as_dict_mut().unwrap();
        let contents = page.get_mut(b"Contents").unwrap().as_array_mut().unwrap();
        contents[1] = Object::Reference(packed);
        assert_eq!(renumber(&mut doc, Pagination::Footer), 1);
    }

    #[test]
    fn an_artifact_followed_by_other_content_is_not_replaced() {
        let mut doc = document(1, "(old) Tj");
        let id = fields::pages(&doc)[0];
        let mut mixed = artifact(Pagination::Footer, b"(EMC) Tj");
        mixed.extend_from_slice(b"BT (body) Tj ET\n/Span <<>> BDC EMC\n");
        let mixed = doc.add_object(Stream::new(Dictionary::new(), mixed));
        let page = doc.get_object_mut(id).unwrap().as_dict_mut().unwrap();
        page.set("Contents", Object::Reference(mixed));
        assert_eq!(renumber(&mut doc, Pagination::Footer), 0);
        // The same artifact alone, "EMC" in its text included, is one.
        let alone = artifact(Pagination::Footer, b"(EMC) Tj");
        let alone = doc.add_object(Stream::new(Dictionary::new(), alone));
        let page = doc.get_object_mut(id).unwrap().as_dict_mut().unwrap();
        page.set("Contents", Object::Reference(alone));
        assert_eq!(renumber(&mut doc, Pagination::Footer), 1);
    }

    #[test]
    fn text_that_merely_mentions_an_artifact_is_not_one() {
        let mut doc = document(1, "(old) Tj");
        let id = fields::pages(&doc)[0];
        let body = doc.add_object(Stream::new(
            Dictionary::new(),
            b"BT (/Artifact <</Type /Pagination /Subtype /Footer>> BDC) Tj ET".to_vec(),
        ));
        let page = doc.get_object_mut(id).unwrap().as_dict_mut().unwrap();
        page.set("Contents", Object::Reference(body));
        assert_eq!(renumber(&mut doc, Pagination::Footer), 0);
    }

    #[test]
    fn a_label_is_right_aligned_in_its_face() {
        let mut face = crate::font::text::Standard(crate::font::Font::Helvetica);
        let style = LabelStyle {
            x_right_pt: 500.0,
            baseline_pt: 50.0,
            font_size_pt: 10.0,
            color: Color::Gray(0.5),
        };
        let body = String::from_utf8(label(&mut face, "Helv", &style, "ii").unwrap()).unwrap();
        // Helvetica's "i" is 222/1000 em wide: 4.44 pt at 10 pt.
        assert!(body.contains("/Helv 10 Tf"), "{body}");
        assert!(body.contains("495.56 50 Tm"), "{body}");
        assert!(body.contains("(ii) Tj"), "{body}");
        assert_eq!(label(&mut face, "Helv", &style, "Ł"), Err(vec!['Ł']));
    }
}
