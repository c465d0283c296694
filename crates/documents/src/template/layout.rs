//! A small page-layout engine for the templates: A4 pages with fixed
//! margins, a cursor that runs down the page, measured and justified
//! paragraphs that break across pages, and the AcroForm fields placed on the
//! current page (text, check box, radio group, push-button areas for images,
//! empty signature fields), named hierarchically by their dotted full names.
//!
//! Text is set in the embedded fonts (Noto Sans regular and bold, subset to
//! the glyphs used); `Font::Helvetica` and `Font::HelveticaBold` in the
//! templates' code select the regular and the bold weight.

use super::page_label;
use super::style::{FOOTER_PT, INK, MARGIN_PT, MUTED, PAGE_HEIGHT_PT, PAGE_WIDTH_PT, RULE};
use super::TemplateError;
use crate::fonts::Fonts;
use crate::paper::{
    self,
    codes::{DocKind, TemplateCode},
};
use acroform::appearance::{self, Mark, WidgetLook, FONT_RESOURCE};
use acroform::content::{Color, Content, Rect};
use acroform::document::font_dict;
use acroform::fields::flags;
use acroform::font::{self, Font};
use acroform::objects::{name, rect_array, text};
use acroform::pagination::{self, Pagination};
use acroform::text::{wrap, Typeface};
use acroform::truetype::{code_bytes, FontUse};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};

/// The resource names of the embedded regular and bold fonts on the pages.
pub const REGULAR_RESOURCE: &str = "F1";
pub const BOLD_RESOURCE: &str = "F2";
/// The default appearance of text fields: Helvetica 10 pt black, so that
/// values typed in a viewer look like the filled ones.
pub const FIELD_DA: &str = "/Helv 10 Tf 0 g";
/// Annotation flag Print (PDF 32000-1, table 165).
const PRINT: i64 = 1 << 2;

/// How a paragraph is set: font, size and line distance in points, colour,
/// and whether lines but the last are justified.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub font: Font,
    pub size: f32,
    pub leading: f32,
    pub color: Color,
    pub justify: bool,
}

impl Para {
    pub fn new(font: Font, size: f32, leading: f32, color: &Color) -> Para {
        Para {
            font,
            size,
            leading,
            color: color.clone(),
            justify: false,
        }
    }

    pub fn justified(mut self) -> Para {
        self.justify = true;
        self
    }
}

/// Text from content that the fonts cannot print.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("content text {text:?} has characters the PDF fonts cannot print: {chars:?}")]
pub struct UnprintableContent {
    pub text: String,
    pub chars: Vec<char>,
}

struct Page {
    id: ObjectId,
    content: Content,
    annots: Vec<ObjectId>,
}

pub struct Builder {
    pub doc: Document,
    pages_id: ObjectId,
    regular: FontUse,
    bold: FontUse,
    /// The pages before the current one.
    done: Vec<Page>,
    /// The page being laid out.
    page: Page,
    roots: Vec<ObjectId>,
    groups: Vec<(String, ObjectId)>,
    /// The top of the free space on the current page.
    pub y: f32,
}

pub type Result<T> = std::result::Result<T, UnprintableContent>;

impl Builder {
    pub fn new(fonts: &Fonts) -> Builder {
        let mut doc = Document::with_version(acroform::write::PDF_VERSION);
        let pages_id = doc.new_object_id();
        let regular = FontUse::new(fonts.regular.clone(), doc.new_object_id());
        let bold = FontUse::new(fonts.bold.clone(), doc.new_object_id());
        let first = Page {
            id: doc.new_object_id(),
            content: Content::new(),
            annots: Vec::new(),
        };
        Builder {
            doc,
            pages_id,
            regular,
            bold,
            done: Vec::new(),
            page: first,
            roots: Vec::new(),
            groups: Vec::new(),
            y: PAGE_HEIGHT_PT - MARGIN_PT,
        }
    }

    pub fn left(&self) -> f32 {
        MARGIN_PT
    }

    pub fn right(&self) -> f32 {
        PAGE_WIDTH_PT - MARGIN_PT
    }

    pub fn width(&self) -> f32 {
        self.right() - self.left()
    }

    fn bottom(&self) -> f32 {
        MARGIN_PT + FOOTER_PT
    }

    pub fn new_page(&mut self) {
        let next = Page {
            id: self.doc.new_object_id(),
            content: Content::new(),
            annots: Vec::new(),
        };
        self.done.push(std::mem::replace(&mut self.page, next));
        self.y = PAGE_HEIGHT_PT - MARGIN_PT;
    }

    /// Starts a new page unless `height_pt` still fits on this one.
    pub fn ensure_space(&mut self, height_pt: f32) {
        if self.y - height_pt < self.bottom() {
            self.new_page();
        }
    }

    fn page(&mut self) -> &mut Page {
        &mut self.page
    }

    fn face(&mut self, f: Font) -> &mut FontUse {
        match f {
            Font::Helvetica => &mut self.regular,
            Font::HelveticaBold => &mut self.bold,
        }
    }

    /// The codes of one line of content text in `f`, or what it cannot print.
    pub fn encode(&mut self, f: Font, s: &str) -> Result<Vec<u16>> {
        self.face(f)
            .encode(&font::normalize(s))
            .map_err(|chars| UnprintableContent {
                text: s.to_string(),
                chars,
            })
    }

    /// The width of one line of content text in `f` at `size`, in points.
    pub fn text_width(&mut self, f: Font, size: f32, s: &str) -> Result<f32> {
        let codes = self.encode(f, s)?;
        Ok(self.face(f).width_pt(&codes, size))
    }

    /// The height of ascenders in `f`, in ems.
    pub fn ascent(&mut self, f: Font) -> f32 {
        Typeface::ascent(self.face(f))
    }

    pub fn content(&mut self) -> &mut Content {
        &mut self.page().content
    }

    /// One line of text with its baseline at `y`.
    pub fn text_at(
        &mut self,
        f: Font,
        size: f32,
        color: &Color,
        x: f32,
        y: f32,
        s: &str,
    ) -> Result<()> {
        let bytes = code_bytes(&self.encode(f, s)?);
        let res = resource(f);
        self.content()
            .begin_text()
            .fill_color(color)
            .font(res, size)
            .text_origin(x, y)
            .show_hex(&bytes)
            .end_text();
        Ok(())
    }

    /// One line of text right-aligned at `x_right`.
    pub fn text_right(
        &mut self,
        f: Font,
        size: f32,
        color: &Color,
        x_right: f32,
        y: f32,
        s: &str,
    ) -> Result<()> {
        let w = self.text_width(f, size, s)?;
        self.text_at(f, size, color, x_right - w, y, s)
    }

    /// The height [`Self::paragraph`] takes for `s` at `width`: its lines
    /// times the leading.
    pub fn paragraph_height(&mut self, style: &Para, width: f32, s: &str) -> Result<f32> {
        let codes = self.encode(style.font, s)?;
        let space = self.encode(style.font, " ")?.first().copied().unwrap_or(0);
        let lines = wrap(self.face(style.font), space, style.size, &codes, width).len();
        Ok(lines as f32 * style.leading)
    }

    /// A paragraph from the cursor, wrapped to `width`, optionally justified
    /// (with `TJ` adjustments after each space: `Tw` applies only to the
    /// single byte 32, not to two-byte codes), breaking across pages.
    /// Leaves the cursor below it.
    pub fn paragraph(&mut self, style: &Para, x: f32, width: f32, s: &str) -> Result<()> {
        let Para {
            font: f,
            size,
            leading,
            ref color,
            justify,
        } = *style;
        let color = &color.clone();
        let codes = self.encode(f, s)?;
        let space = self.encode(f, " ")?.first().copied().unwrap_or(0);
        let ascent = self.ascent(f);
        let lines = wrap(self.face(f), space, size, &codes, width);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            self.ensure_space(leading);
            let baseline = self.y - size * ascent - (leading - size) / 2.0;
            let spaces = line.iter().filter(|&&c| c == space).count();
            let natural = self.face(f).width_pt(&line, size);
            let extra = if justify && i + 1 < count && spaces > 0 {
                (width - natural) / spaces as f32
            } else {
                0.0
            };
            let c = self.content();
            c.begin_text()
                .fill_color(color)
                .font(resource(f), size)
                .text_origin(x, baseline);
            if extra > 0.0 {
                // Each word with its space, then the extra space as a TJ
                // adjustment, in thousandths of the font size.
                let words: Vec<Vec<u8>> = line
                    .split_inclusive(|&c| c == space)
                    .map(code_bytes)
                    .collect();
                c.show_hex_spaced(&words, extra * 1000.0 / size);
            } else {
                c.show_hex(&code_bytes(&line));
            }
            c.end_text();
            self.y -= leading;
        }
        Ok(())
    }

    /// A horizontal rule across the text width at the cursor.
    pub fn rule(&mut self, color: &Color, width_pt: f32) {
        self.rule_to(self.right(), color, width_pt);
    }

    /// A horizontal rule at the cursor from the left margin to `right`.
    pub fn rule_to(&mut self, right: f32, color: &Color, width_pt: f32) {
        let (l, r, y) = (self.left(), right, self.y);
        self.content()
            .save_state()
            .stroke_color(color)
            .line_width(width_pt)
            .move_to(l, y)
            .line_to(r, y)
            .stroke()
            .restore_state();
    }

    /// A rectangle outline.
    pub fn frame(&mut self, r: Rect, color: &Color, width_pt: f32, dashed: bool) {
        let c = self.content();
        c.save_state().stroke_color(color).line_width(width_pt);
        if dashed {
            c.raw("[3 2] 0 d");
        }
        c.rect(r).stroke().restore_state();
    }

    /// Moves the cursor below the data code's area on the first page
    /// (`paper::DATA_AREA` and its quiet zone), so that what follows may
    /// take the whole width.
    pub fn below_data_code(&mut self) {
        self.y = self.y.min(crate::paper::DATA_AREA_CLEAR.1);
    }

    /// The parent field node for a dotted name's prefix, created once.
    fn parent_for(&mut self, full_name: &str) -> (Option<ObjectId>, String) {
        let Some((prefix, last)) = full_name.rsplit_once('.') else {
            return (None, full_name.to_string());
        };
        if let Some((_, id)) = self.groups.iter().find(|(n, _)| n == prefix) {
            return (Some(*id), last.to_string());
        }
        let (grand, partial) = self.parent_for(prefix);
        let mut d = Dictionary::new();
        d.set("T", text(&partial));
        d.set("Kids", Object::Array(Vec::new()));
        if let Some(g) = grand {
            d.set("Parent", Object::Reference(g));
        }
        let id = self.doc.add_object(d);
        self.attach_to(grand, id);
        self.groups.push((prefix.to_string(), id));
        (Some(id), last.to_string())
    }

    fn attach_to(&mut self, parent: Option<ObjectId>, child: ObjectId) {
        match parent {
            None => self.roots.push(child),
            Some(p) => {
                if let Ok(Object::Dictionary(d)) = self.doc.get_object_mut(p) {
                    if let Ok(Object::Array(kids)) = d.get_mut(b"Kids") {
                        kids.push(Object::Reference(child));
                    }
                }
            }
        }
    }

    /// A field merged with its widget on the current page.
    fn widget_field(&mut self, full_name: &str, rect: Rect, mut d: Dictionary) -> ObjectId {
        let (parent, partial) = self.parent_for(full_name);
        let page = self.page().id;
        d.set("Type", name("Annot"));
        d.set("Subtype", name("Widget"));
        d.set("T", text(&partial));
        d.set("Rect", rect_array(rect));
        d.set("P", Object::Reference(page));
        d.set("F", PRINT);
        if let Some(p) = parent {
            d.set("Parent", Object::Reference(p));
        }
        let id = self.doc.add_object(d);
        self.attach_to(parent, id);
        self.page().annots.push(id);
        id
    }

    /// A single-line (or multi-line) text field.
    pub fn text_field(
        &mut self,
        full_name: &str,
        rect: Rect,
        multiline: bool,
        max_len: Option<u32>,
    ) -> ObjectId {
        let mut d = Dictionary::new();
        d.set("FT", name("Tx"));
        d.set("DA", Object::string_literal(FIELD_DA));
        let mut ff = 0u32;
        if multiline {
            ff |= flags::MULTILINE;
        }
        if let Some(m) = max_len {
            d.set("MaxLen", i64::from(m));
        }
        d.set("Ff", i64::from(ff));
        // An empty `/Tx BMC EMC`, where a filled field's text would go
        // (PDF 32000-1, 12.7.3.3).
        let mut variable_text = Content::new();
        variable_text.begin_variable_text().end_marked_content();
        d.set(
            "AP",
            self.empty_appearance(rect, variable_text.into_bytes()),
        );
        self.widget_field(full_name, rect, d)
    }

    /// A check box with "Yes" and "Off" appearances.
    pub fn checkbox(&mut self, full_name: &str, rect: Rect) -> ObjectId {
        let mut d = Dictionary::new();
        d.set("FT", name("Btn"));
        d.set("DA", Object::string_literal("/ZaDb 0 Tf 0 g"));
        d.set("V", name("Off"));
        d.set("AS", name("Off"));
        d.set("MK", Object::Dictionary(button_mk()));
        let ap = self.button_ap(rect, Mark::Check, "Yes");
        d.set("AP", ap);
        self.widget_field(full_name, rect, d)
    }

    /// A radio group whose buttons' export values are the given names.
    pub fn radio_group(&mut self, full_name: &str, buttons: &[(String, Rect)]) -> ObjectId {
        let (parent, partial) = self.parent_for(full_name);
        let mut d = Dictionary::new();
        d.set("FT", name("Btn"));
        d.set("T", text(&partial));
        d.set("Ff", i64::from(flags::RADIO | flags::NO_TOGGLE_TO_OFF));
        d.set("V", name("Off"));
        d.set("DA", Object::string_literal("/ZaDb 0 Tf 0 g"));
        d.set("Kids", Object::Array(Vec::new()));
        if let Some(p) = parent {
            d.set("Parent", Object::Reference(p));
        }
        let group = self.doc.add_object(d);
        self.attach_to(parent, group);
        let page = self.page().id;
        for (export, rect) in buttons {
            let mut w = Dictionary::new();
            w.set("Type", name("Annot"));
            w.set("Subtype", name("Widget"));
            w.set("Rect", rect_array(*rect));
            w.set("P", Object::Reference(page));
            w.set("F", PRINT);
            w.set("Parent", Object::Reference(group));
            w.set("AS", name("Off"));
            w.set("MK", Object::Dictionary(button_mk()));
            let ap = self.button_ap(*rect, Mark::Dot, export);
            w.set("AP", ap);
            let id = self.doc.add_object(w);
            self.attach_to(Some(group), id);
            self.page().annots.push(id);
        }
        group
    }

    fn button_ap(&mut self, rect: Rect, mark: Mark, on: &str) -> Object {
        let look = WidgetLook {
            rect,
            rotation: 0,
            border_width: 1.0,
            border: Some(INK),
            background: Some(Color::Gray(1.0)),
        };
        let on_id = self.doc.add_object(Stream::new(
            look.form_dict(Dictionary::new()),
            appearance::button_state(&look, &INK, mark, true),
        ));
        let off_id = self.doc.add_object(Stream::new(
            look.form_dict(Dictionary::new()),
            appearance::button_state(&look, &INK, mark, false),
        ));
        let mut n = Dictionary::new();
        n.set(on, Object::Reference(on_id));
        n.set("Off", Object::Reference(off_id));
        let mut ap = Dictionary::new();
        ap.set("N", Object::Dictionary(n));
        Object::Dictionary(ap)
    }

    /// A push button: the area where an image (stamp, signature) goes.
    pub fn image_area(&mut self, full_name: &str, rect: Rect) -> ObjectId {
        let mut d = Dictionary::new();
        d.set("FT", name("Btn"));
        d.set("Ff", i64::from(flags::PUSHBUTTON));
        d.set("DA", Object::string_literal(FIELD_DA));
        d.set("MK", Object::Dictionary(Dictionary::new()));
        d.set("AP", self.empty_appearance(rect, Vec::new()));
        self.widget_field(full_name, rect, d)
    }

    /// An empty signature field for a qualified digital signature.
    pub fn signature_field(&mut self, full_name: &str, rect: Rect) -> ObjectId {
        let mut d = Dictionary::new();
        d.set("FT", name("Sig"));
        d.set("AP", self.empty_appearance(rect, Vec::new()));
        self.widget_field(full_name, rect, d)
    }

    /// The `/AP` of a widget that shows nothing yet: `/N` is a form XObject
    /// over the widget's box with the given (empty or nearly empty)
    /// content. PDF 2.0 (ISO 32000-2, 12.5.2) and PDF/A want an appearance
    /// on every widget, and other tools need one to flatten the blank form
    /// (pdf-lib 1.17 stops with "Unexpected N type: undefined"). Only `/N`:
    /// PDF/A-2 (ISO 19005-2, 6.3.3) allows no other appearance key.
    ///
    /// Each widget gets its own stream, even where sizes are equal: pypdf
    /// fills a field by overwriting the object its `/N` refers to, so a
    /// shared stream would show one field's value in all the others.
    fn empty_appearance(&mut self, rect: Rect, content: Vec<u8>) -> Object {
        let bbox = Rect::from_xywh(0.0, 0.0, rect.width(), rect.height());
        let form = appearance::form_dict(bbox, None, Dictionary::new());
        let normal = self.doc.add_object(Stream::new(form, content));
        let mut ap = Dictionary::new();
        ap.set("N", Object::Reference(normal));
        Object::Dictionary(ap)
    }

    /// Finishes the document: footers, with "Pagina N di M" as a
    /// pagination artifact of its own ([`super::page_label`]), the page
    /// tree, the AcroForm, and returns the document to be saved.
    pub fn finish(
        mut self,
        form: DocKind,
        footer_left: &str,
        page_label: impl Fn(usize, usize) -> String,
    ) -> std::result::Result<Document, TemplateError> {
        let last = std::mem::replace(
            &mut self.page,
            Page {
                id: self.pages_id,
                content: Content::new(),
                annots: Vec::new(),
            },
        );
        let mut pages = std::mem::take(&mut self.done);
        pages.push(last);
        let total = pages.len();
        let left = self.left();
        let right = self.right();
        let footer_y = MARGIN_PT;
        let footer = code_bytes(&self.encode(Font::Helvetica, footer_left)?);
        let mut labels = Vec::with_capacity(total);
        for (i, p) in pages.iter_mut().enumerate() {
            let label = font::normalize(&page_label(i + 1, total));
            let body = pagination::label(
                &mut self.regular,
                REGULAR_RESOURCE,
                &page_label::STYLE,
                &label,
            )
            .map_err(|chars| UnprintableContent {
                text: label.clone(),
                chars,
            })?;
            labels.push(pagination::artifact(Pagination::Footer, &body));
            p.content
                .save_state()
                .stroke_color(&RULE)
                .line_width(0.5)
                .move_to(left, footer_y + 12.0)
                .line_to(right, footer_y + 12.0)
                .stroke()
                .restore_state()
                .begin_text()
                .fill_color(&MUTED)
                .font(REGULAR_RESOURCE, 8.0)
                .text_origin(left, footer_y)
                .show_hex(&footer)
                .end_text();
        }
        // Each page's identity for a form filled in by hand and scanned:
        // which form, its version (the digest of what its pages draw),
        // "page i of n", in the page code's place (`paper::PAGE_AREA`),
        // which filling paints over with the filled page's code.
        let version = {
            let mut h = Sha256::new();
            for p in &pages {
                h.update(p.content.as_bytes());
            }
            let mut v = [0; 4];
            v.copy_from_slice(h.finalize().get(..4).unwrap_or(&[0; 4]));
            v
        };
        // A page code counts pages in a byte.
        let count =
            u8::try_from(total).map_err(|_| TemplateError::Code(paper::DrawError::TooLong))?;
        let mut marks = Vec::with_capacity(total);
        for page in 1..=count {
            let code = TemplateCode {
                doc: form,
                version,
                page,
                count,
            };
            let body = paper::page_code(&code.text()).map_err(TemplateError::Code)?;
            marks.push(pagination::artifact(Pagination::Bates, &body));
        }
        self.regular.write(&mut self.doc)?;
        self.bold.write(&mut self.doc)?;
        let mut fonts = Dictionary::new();
        fonts.set(REGULAR_RESOURCE, Object::Reference(self.regular.id()));
        fonts.set(BOLD_RESOURCE, Object::Reference(self.bold.id()));
        let mut resources = Dictionary::new();
        resources.set("Font", Object::Dictionary(fonts));
        let mut kids = Vec::new();
        for ((p, label), mark) in pages.into_iter().zip(labels).zip(marks) {
            let content = self.doc.add_object(flate_stream(p.content.into_bytes()));
            let label = self.doc.add_object(Stream::new(Dictionary::new(), label));
            let mark = self.doc.add_object(Stream::new(Dictionary::new(), mark));
            let mut d = Dictionary::new();
            d.set("Type", name("Page"));
            d.set("Parent", Object::Reference(self.pages_id));
            d.set(
                "MediaBox",
                rect_array(Rect::from_xywh(0.0, 0.0, PAGE_WIDTH_PT, PAGE_HEIGHT_PT)),
            );
            d.set("Resources", Object::Dictionary(resources.clone()));
            d.set(
                "Contents",
                Object::Array(vec![
                    Object::Reference(content),
                    Object::Reference(label),
                    Object::Reference(mark),
                ]),
            );
            if !p.annots.is_empty() {
                d.set(
                    "Annots",
                    Object::Array(p.annots.iter().map(|&a| Object::Reference(a)).collect()),
                );
            }
            self.doc.objects.insert(p.id, Object::Dictionary(d));
            kids.push(Object::Reference(p.id));
        }
        let mut pages = Dictionary::new();
        pages.set("Type", name("Pages"));
        pages.set("Count", kids.len() as i64);
        pages.set("Kids", Object::Array(kids));
        self.doc
            .objects
            .insert(self.pages_id, Object::Dictionary(pages));

        // The fonts other tools fill the blank form with, named by the
        // fields' /DA: standard fonts, used for no appearance here.
        let mut dr = Dictionary::new();
        let mut dr_fonts = Dictionary::new();
        dr_fonts.set(
            FONT_RESOURCE,
            Object::Reference(self.doc.add_object(font_dict(Font::Helvetica))),
        );
        dr_fonts.set(
            "ZaDb",
            Object::Reference(self.doc.add_object(zapf_dingbats())),
        );
        dr.set("Font", Object::Dictionary(dr_fonts));
        let mut form = Dictionary::new();
        form.set(
            "Fields",
            Object::Array(self.roots.iter().map(|&r| Object::Reference(r)).collect()),
        );
        form.set("DR", Object::Dictionary(dr));
        form.set("DA", Object::string_literal(FIELD_DA));
        let form_id = self.doc.add_object(form);

        let mut catalog = Dictionary::new();
        catalog.set("Type", name("Catalog"));
        catalog.set("Pages", Object::Reference(self.pages_id));
        catalog.set("AcroForm", Object::Reference(form_id));
        catalog.set("Lang", Object::string_literal("it-IT"));
        let catalog_id = self.doc.add_object(catalog);
        self.doc.trailer.set("Root", Object::Reference(catalog_id));
        Ok(self.doc)
    }
}

fn resource(f: Font) -> &'static str {
    match f {
        Font::Helvetica => REGULAR_RESOURCE,
        Font::HelveticaBold => BOLD_RESOURCE,
    }
}

/// A content stream, Flate-compressed.
fn flate_stream(bytes: Vec<u8>) -> Stream {
    let mut d = Dictionary::new();
    d.set("Filter", name("FlateDecode"));
    Stream::new(d, miniz_oxide::deflate::compress_to_vec_zlib(&bytes, 9)).with_compression(false)
}

fn button_mk() -> Dictionary {
    let mut mk = Dictionary::new();
    mk.set("BC", Object::Array(vec![Object::Integer(0)]));
    mk.set("BG", Object::Array(vec![Object::Integer(1)]));
    mk
}

/// ZapfDingbats, named in button `/DA`s as viewers expect.
fn zapf_dingbats() -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", name("Font"));
    d.set("Subtype", name("Type1"));
    d.set("BaseFont", name("ZapfDingbats"));
    d
}
