//! A loaded AcroForm PDF being filled: set text, check boxes, radio groups,
//! choices and images by full field name, each with a freshly built
//! appearance stream; then flatten, add metadata and the data attachment,
//! and write the bytes. Works on any AcroForm template, not only ours.

use crate::font::text::{Standard, Typeface};
use crate::font::truetype::{FontProgram, FontUse};
use crate::form::appearance::{
    self, AppearanceError, Mark, TextParams, TextStyle, WidgetLook, FONT_RESOURCE,
};
use crate::form::fields::{self, flags, Field, FieldKind};
use crate::form::image;
use crate::pdf::content::Rect;
use crate::pdf::objects::{self, dict_of, dict_of_mut, name};
use crate::read::load;
use crate::write::pagination::{self, ArtifactFont, LabelStyle, Pagination};
use crate::PdfError;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::sync::Arc;

/// The resource name appearances use for the embedded font.
pub const EMBEDDED_FONT_RESOURCE: &str = "FE";

/// A PDF form being filled.
#[derive(Debug, Clone)]
pub struct FormDocument {
    pub(crate) doc: Document,
    fields: Vec<Field>,
    font: Option<ObjectId>,
    /// The embedded font values are set in, once [`FormDocument::set_text_font`]
    /// is called; Helvetica in WinAnsi until then.
    text_font: Option<FontUse>,
    /// Images already added, by their PNG bytes: the same signature in two
    /// areas is stored once.
    images: Vec<(Vec<u8>, image::ImageXObject)>,
}

impl FormDocument {
    /// Loads a template through the hostile-input guard of [`load`].
    pub fn load(bytes: &[u8]) -> Result<FormDocument, PdfError> {
        let doc = load::load(bytes)?;
        Ok(FormDocument::from_document(doc))
    }

    /// Wraps a document already in memory, such as one built with lopdf or
    /// read by another reader; its fields are read at once.
    pub fn from_document(doc: Document) -> FormDocument {
        let fields = fields::read_fields(&doc);
        FormDocument {
            doc,
            fields,
            font: None,
            text_font: None,
            images: Vec::new(),
        }
    }

    /// Sets every value from now on in `font`, embedded as a subset of the
    /// glyphs used, with a `/ToUnicode` map: any character the font covers
    /// prints, where Helvetica (the default) covers only Windows-1252.
    pub fn set_text_font(&mut self, font: Arc<FontProgram>) {
        let id = self.doc.new_object_id();
        self.text_font = Some(FontUse::new(font, id));
    }

    /// Runs `f` with the typeface values are set in and its resource name.
    fn with_face<T>(&mut self, f: impl FnOnce(&mut dyn Typeface, &str) -> T) -> T {
        match self.text_font.as_mut() {
            Some(embedded) => f(embedded, EMBEDDED_FONT_RESOURCE),
            None => f(&mut Standard(crate::font::Font::Helvetica), FONT_RESOURCE),
        }
    }

    /// The underlying lopdf document, as filled so far.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The terminal fields, in the order of the field tree.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The terminal field of this full name (such as `"company.name"`).
    pub fn field(&self, name: &str) -> Result<&Field, PdfError> {
        fields::find(&self.fields, name).ok_or_else(|| PdfError::FieldNotFound(name.to_string()))
    }

    fn field_of_kind(&self, name: &str, kinds: &[FieldKind]) -> Result<Field, PdfError> {
        let f = self.field(name)?;
        if kinds.contains(&f.kind) {
            Ok(f.clone())
        } else {
            Err(PdfError::WrongKind {
                field: name.to_string(),
                expected: kinds.first().copied().unwrap_or(FieldKind::Unknown),
                found: f.kind,
            })
        }
    }

    /// The one Helvetica (WinAnsiEncoding) font object appearances use.
    fn font_id(&mut self) -> ObjectId {
        if let Some(id) = self.font {
            return id;
        }
        let id = self.doc.add_object(helvetica_font());
        self.font = Some(id);
        id
    }

    fn font_resources(&mut self) -> Dictionary {
        let mut fonts = Dictionary::new();
        match &self.text_font {
            Some(embedded) => {
                fonts.set(EMBEDDED_FONT_RESOURCE, Object::Reference(embedded.id()));
            }
            None => {
                let font = self.font_id();
                fonts.set(FONT_RESOURCE, Object::Reference(font));
            }
        }
        let mut res = Dictionary::new();
        res.set("Font", Object::Dictionary(fonts));
        res
    }

    /// Once a value is set the document carries its own appearances: drop
    /// `NeedAppearances` and any XFA form (which would override the fields),
    /// and make sure `/DR` has the font the appearances use.
    fn prepare_acroform(&mut self) {
        let font = self.font_id();
        let Some(form_id) = acroform_id(&self.doc) else {
            return;
        };
        let dr_font = {
            let Some(form) = self.form_dict_mut(form_id) else {
                return;
            };
            form.remove(b"NeedAppearances");
            form.remove(b"XFA");
            form.get(b"DR").ok().cloned()
        };
        // /DR and its /Font may be indirect; rebuild them as direct copies.
        let mut dr = dr_font
            .as_ref()
            .and_then(|o| objects::as_dict(&self.doc, o))
            .cloned()
            .unwrap_or_default();
        let mut fonts = objects::get_dict(&self.doc, &dr, b"Font")
            .cloned()
            .unwrap_or_default();
        if !fonts.has(FONT_RESOURCE.as_bytes()) {
            fonts.set(FONT_RESOURCE, Object::Reference(font));
            dr.set("Font", Object::Dictionary(fonts));
            if let Some(form) = self.form_dict_mut(form_id) {
                form.set("DR", Object::Dictionary(dr));
            }
        }
    }

    fn form_dict_mut(&mut self, form: AcroFormRef) -> Option<&mut Dictionary> {
        match form {
            AcroFormRef::Indirect(id) => dict_of_mut(&mut self.doc, id),
            AcroFormRef::Direct(catalog) => match dict_of_mut(&mut self.doc, catalog)?
                .get_mut(b"AcroForm")
                .ok()?
            {
                Object::Dictionary(d) => Some(d),
                _ => None,
            },
        }
    }

    fn set_field_entry(&mut self, field: ObjectId, key: &str, value: Object) {
        if let Some(d) = dict_of_mut(&mut self.doc, field) {
            d.set(key, value);
        }
    }

    /// Stores each widget's normal appearance (PDF 32000-1 section 12.5.5)
    /// as a form XObject over the widget's box, with the form's font.
    fn write_appearances(&mut self, streams: Vec<(ObjectId, WidgetLook, Vec<u8>)>) {
        self.prepare_acroform();
        let resources = self.font_resources();
        for (w, look, content) in streams {
            let ap = self
                .doc
                .add_object(Stream::new(look.form_dict(resources.clone()), content));
            self.set_widget_ap(w, Object::Reference(ap), None);
        }
    }

    fn set_widget_ap(&mut self, widget: ObjectId, normal: Object, state: Option<&str>) {
        if let Some(w) = dict_of_mut(&mut self.doc, widget) {
            let mut ap = Dictionary::new();
            ap.set("N", normal);
            w.set("AP", Object::Dictionary(ap));
            match state {
                Some(s) => w.set("AS", name(s)),
                None => {
                    w.remove(b"AS");
                }
            }
        }
    }

    fn widget_looks(&self, f: &Field) -> Vec<(ObjectId, WidgetLook)> {
        f.widgets
            .iter()
            .filter_map(|&w| Some((w, WidgetLook::read(&self.doc, dict_of(&self.doc, w)?)?)))
            .collect()
    }

    /// Sets a text field's value and builds the appearance of each widget.
    /// Nothing changes when the value cannot be shown.
    pub fn set_text(&mut self, field_name: &str, value: &str) -> Result<(), PdfError> {
        let f = self.field_of_kind(field_name, &[FieldKind::Text])?;
        let style = TextStyle::parse(f.da.as_deref());
        let params = TextParams {
            flags: f.flags,
            quadding: f.quadding,
            max_len: f.max_len,
        };
        let looks = self.widget_looks(&f);
        let streams = self
            .with_face(|face, resource| {
                // Even with no widget the value must be printable.
                appearance::encode_value(value, face)?;
                looks
                    .into_iter()
                    .map(|(w, look)| {
                        let content =
                            appearance::text_field(&look, &style, &params, value, face, resource)?;
                        Ok((w, look, content))
                    })
                    .collect::<Result<Vec<_>, AppearanceError>>()
            })
            .map_err(|e| field_error(field_name, e))?;
        self.write_appearances(streams);
        let stored = crate::font::normalize(value);
        self.set_field_entry(f.id, "V", objects::text(&stored));
        if let Some(d) = dict_of_mut(&mut self.doc, f.id) {
            d.remove(b"RV");
        }
        Ok(())
    }

    /// Checks or clears a check box.
    pub fn set_checkbox(&mut self, field_name: &str, on: bool) -> Result<(), PdfError> {
        let f = self.field_of_kind(field_name, &[FieldKind::Checkbox])?;
        self.prepare_acroform();
        let chosen = if on { Some(0) } else { None };
        // Every widget of a check box shares the on state of the first.
        let on_name = f.options.first().cloned().unwrap_or_else(|| "Yes".into());
        self.set_button_states(&f, chosen, Mark::Check, |_| on_name.clone(), true);
        Ok(())
    }

    /// Selects the radio button whose export value is `export`.
    pub fn set_radio(&mut self, field_name: &str, export: &str) -> Result<(), PdfError> {
        let f = self.field_of_kind(field_name, &[FieldKind::Radio, FieldKind::Checkbox])?;
        let index =
            f.options
                .iter()
                .position(|o| o == export)
                .ok_or_else(|| PdfError::NotAnOption {
                    field: field_name.to_string(),
                    value: export.to_string(),
                })?;
        self.prepare_acroform();
        let has_opt = objects::dict_of(&self.doc, f.id).is_some_and(|d| d.has(b"Opt"));
        let states: Vec<String> = f
            .widgets
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                fields::on_state(&self.doc, w).unwrap_or_else(|| {
                    if has_opt {
                        i.to_string()
                    } else {
                        f.options.get(i).cloned().unwrap_or_else(|| i.to_string())
                    }
                })
            })
            .collect();
        self.set_button_states(
            &f,
            Some(index),
            Mark::Dot,
            |i| states.get(i).cloned().unwrap_or_default(),
            false,
        );
        Ok(())
    }

    /// Sets `/V` and `/AS` for a button field, building the state
    /// appearances of widgets that lack them.
    fn set_button_states(
        &mut self,
        f: &Field,
        chosen: Option<usize>,
        mark: Mark,
        state_name: impl Fn(usize) -> String,
        all_share: bool,
    ) {
        let style = TextStyle::parse(f.da.as_deref());
        let looks = self.widget_looks(f);
        for (i, &w) in f.widgets.iter().enumerate() {
            let on_name = state_name(i);
            let on = match chosen {
                Some(c) => all_share || c == i,
                None => false,
            };
            let has_states = dict_of(&self.doc, w)
                .and_then(|wd| objects::get_dict(&self.doc, wd, b"AP"))
                .and_then(|ap| objects::get_dict(&self.doc, ap, b"N"))
                .is_some_and(|n| n.has(on_name.as_bytes()));
            if !has_states {
                if let Some((_, look)) = looks.iter().find(|(id, _)| *id == w) {
                    let on_ap = self.doc.add_object(Stream::new(
                        look.form_dict(Dictionary::new()),
                        appearance::button_state(look, &style.color, mark, true),
                    ));
                    let off_ap = self.doc.add_object(Stream::new(
                        look.form_dict(Dictionary::new()),
                        appearance::button_state(look, &style.color, mark, false),
                    ));
                    let mut n = Dictionary::new();
                    n.set(on_name.as_str(), Object::Reference(on_ap));
                    n.set("Off", Object::Reference(off_ap));
                    self.set_widget_ap(w, Object::Dictionary(n), None);
                }
            }
            if let Some(wd) = dict_of_mut(&mut self.doc, w) {
                wd.set("AS", name(if on { &on_name } else { "Off" }));
            }
        }
        let value = match chosen {
            Some(c) => state_name(c),
            None => "Off".to_string(),
        };
        self.set_field_entry(f.id, "V", name(&value));
    }

    /// Selects an option of a combo box or list box by export value; an
    /// editable combo box also takes free text.
    pub fn set_choice(&mut self, field_name: &str, value: &str) -> Result<(), PdfError> {
        let f = self.field_of_kind(field_name, &[FieldKind::ComboBox, FieldKind::ListBox])?;
        let pairs = {
            let d = dict_of(&self.doc, f.id);
            let opt = d.and_then(|d| objects::get(&self.doc, d, b"Opt")).cloned();
            fields::choice_pairs(&self.doc, opt.as_ref())
        };
        let index = pairs.iter().position(|(e, _)| e == value);
        let editable = f.kind == FieldKind::ComboBox && f.flags & flags::EDIT != 0;
        if index.is_none() && !editable {
            return Err(PdfError::NotAnOption {
                field: field_name.to_string(),
                value: value.to_string(),
            });
        }
        let shown = index
            .and_then(|i| pairs.get(i))
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| value.to_string());
        let style = TextStyle::parse(f.da.as_deref());
        let looks = self.widget_looks(&f);
        let streams = self
            .with_face(|face, resource| {
                looks
                    .into_iter()
                    .map(|(w, look)| {
                        let content = match (f.kind, index) {
                            (FieldKind::ListBox, Some(i)) => {
                                let shown_all: Vec<String> =
                                    pairs.iter().map(|(_, s)| s.clone()).collect();
                                appearance::list_box(&look, &style, &shown_all, i, face, resource)
                            }
                            _ => appearance::text_field(
                                &look,
                                &style,
                                &TextParams {
                                    flags: 0,
                                    quadding: f.quadding,
                                    max_len: None,
                                },
                                &shown,
                                face,
                                resource,
                            ),
                        }?;
                        Ok((w, look, content))
                    })
                    .collect::<Result<Vec<_>, AppearanceError>>()
            })
            .map_err(|e| field_error(field_name, e))?;
        self.write_appearances(streams);
        self.set_field_entry(f.id, "V", objects::text(value));
        if let (FieldKind::ListBox, Some(i)) = (f.kind, index) {
            self.set_field_entry(f.id, "I", Object::Array(vec![Object::Integer(i as i64)]));
        }
        Ok(())
    }

    /// Sets a field from text whatever its kind, as the command line does:
    /// text as is; a check box from `true`/`false`, `yes`/`no`, `1`/`0`,
    /// `on`/`off` or its export value; a radio group or choice by export value.
    pub fn set_value(&mut self, field_name: &str, value: &str) -> Result<(), PdfError> {
        let kind = self.field(field_name)?.kind;
        match kind {
            FieldKind::Text => self.set_text(field_name, value),
            FieldKind::Checkbox => {
                let on_name = self
                    .field(field_name)?
                    .options
                    .first()
                    .cloned()
                    .unwrap_or_default();
                let on = match value.trim().to_ascii_lowercase().as_str() {
                    "true" | "yes" | "1" | "on" | "si" | "sì" | "x" => true,
                    "false" | "no" | "0" | "off" | "" => false,
                    _ if value == on_name => true,
                    _ => {
                        return Err(PdfError::NotAnOption {
                            field: field_name.to_string(),
                            value: value.to_string(),
                        })
                    }
                };
                self.set_checkbox(field_name, on)
            }
            FieldKind::Radio => self.set_radio(field_name, value),
            FieldKind::ComboBox | FieldKind::ListBox => self.set_choice(field_name, value),
            FieldKind::Pushbutton | FieldKind::Signature | FieldKind::Unknown => {
                Err(PdfError::WrongKind {
                    field: field_name.to_string(),
                    expected: FieldKind::Text,
                    found: kind,
                })
            }
        }
    }

    /// Puts a PNG image in every widget of a push button (or text) field,
    /// fitted with its aspect ratio kept.
    pub fn set_image(&mut self, field_name: &str, png: &[u8]) -> Result<(), PdfError> {
        let f = self.field_of_kind(field_name, &[FieldKind::Pushbutton, FieldKind::Text])?;
        let img = match self.images.iter().find(|(bytes, _)| bytes == png) {
            Some((_, img)) => *img,
            None => {
                let img = image::add_png(&mut self.doc, png).map_err(|error| PdfError::Image {
                    field: field_name.to_string(),
                    error,
                })?;
                self.images.push((png.to_vec(), img));
                img
            }
        };
        self.prepare_acroform();
        for (w, look) in self.widget_looks(&f) {
            let form = image::image_form(&mut self.doc, img, look.bbox(), look.matrix());
            self.set_widget_ap(w, Object::Reference(form), None);
        }
        Ok(())
    }

    /// Paints a PNG image into a rectangle of a page (0-based) as page
    /// content, aspect ratio kept: for templates that mark an area by
    /// drawing rather than with a field. See also [`Self::field_area`].
    pub fn draw_image(
        &mut self,
        page_index: usize,
        rect: Rect,
        png: &[u8],
    ) -> Result<(), PdfError> {
        let page = *fields::pages(&self.doc)
            .get(page_index)
            .ok_or(PdfError::PageNotFound(page_index))?;
        let img = image::add_png(&mut self.doc, png).map_err(|error| PdfError::Image {
            field: format!("page {}", page_index + 1),
            error,
        })?;
        let form = image::image_form(&mut self.doc, img, rect, None);
        crate::form::flatten::paint_form_in(&mut self.doc, page, form, rect);
        Ok(())
    }

    /// The rectangle and page of a field's first widget.
    pub fn field_area(&self, field_name: &str) -> Result<(ObjectId, Rect), PdfError> {
        let f = self.field(field_name)?;
        let pages = fields::pages(&self.doc);
        let placements = fields::widget_pages(&self.doc, &pages);
        f.widgets
            .iter()
            .find_map(|w| {
                let page = placements.iter().find(|(a, _)| a == w).map(|(_, p)| *p)?;
                let rect = objects::get_rect(&self.doc, dict_of(&self.doc, *w)?, b"Rect")?;
                Some((page, rect))
            })
            .ok_or_else(|| PdfError::FieldNotFound(field_name.to_string()))
    }

    /// Flattens the form: every widget's appearance becomes page content and
    /// every field is removed, except the signature fields `keep` accepts.
    pub fn flatten(&mut self, keep: impl Fn(&Field) -> bool) {
        let kept: Vec<Field> = self.fields.iter().filter(|f| keep(f)).cloned().collect();
        crate::form::flatten::flatten(&mut self.doc, &kept);
        self.fields = fields::read_fields(&self.doc);
    }

    /// Sets the document information and the XMP metadata.
    pub fn set_info(&mut self, info: &crate::write::metadata::Info) {
        crate::write::metadata::set(&mut self.doc, info);
    }

    /// Sets the PDF/A output intent (see [`crate::write::pdfa`]).
    pub fn set_output_intent(&mut self, intent: &crate::write::pdfa::OutputIntent<'_>) {
        crate::write::pdfa::set_output_intent(&mut self.doc, intent);
    }

    /// Keeps the template's PDF/A output intent ([`crate::write::pdfa::has_output_intent`]),
    /// refusing a template without one: filling then embeds no profile.
    pub fn require_output_intent(&self) -> Result<(), PdfError> {
        if crate::write::pdfa::has_output_intent(&self.doc) {
            Ok(())
        } else {
            Err(PdfError::NoOutputIntent)
        }
    }

    /// Embeds a file as the document's data attachment.
    pub fn attach(&mut self, file: &crate::write::attachment::Attachment<'_>) {
        crate::write::attachment::attach(&mut self.doc, file);
    }

    /// Paints every pagination artifact of `subtype` (see
    /// [`crate::write::pagination`]) again as one line of text, `text(page,
    /// count)` for its page's place in this document, set as `style` says
    /// in the font values are set in (so an embedded subset gets its
    /// glyphs): after [`Self::append`], "Page 1 of 1" and "Page 1 of 2"
    /// become "Page 1 of 3" to "Page 3 of 3". Returns how many labels were
    /// painted.
    pub fn repaint_pagination(
        &mut self,
        subtype: Pagination,
        style: &LabelStyle,
        text: impl Fn(usize, usize) -> String,
    ) -> Result<usize, PdfError> {
        let font = match &self.text_font {
            Some(embedded) => ArtifactFont {
                id: embedded.id(),
                resource: EMBEDDED_FONT_RESOURCE,
            },
            None => ArtifactFont {
                id: self.font_id(),
                resource: FONT_RESOURCE,
            },
        };
        let text_font = &mut self.text_font;
        pagination::repaint(&mut self.doc, subtype, font, |page, count, resource| {
            let line = crate::font::normalize(&text(page, count));
            let mut standard = Standard(crate::font::Font::Helvetica);
            let face: &mut dyn Typeface = match text_font.as_mut() {
                Some(embedded) => embedded,
                None => &mut standard,
            };
            pagination::label(face, resource, style, &line).map_err(|chars| PdfError::Unprintable {
                field: format!("page {page}"),
                chars,
            })
        })
    }

    /// What each page draws, in page order, its pagination artifacts left
    /// out (see [`pagination::drawing`]): bytes to digest, so that a page
    /// can be recognised whatever it is numbered.
    pub fn page_drawings(&self) -> Vec<Vec<u8>> {
        fields::pages(&self.doc)
            .into_iter()
            .map(|p| pagination::drawing(&self.doc, p))
            .collect()
    }

    /// Paints on every page a pagination artifact of `subtype` drawn
    /// without fonts, `paint(page, count)` (see [`pagination::mark`]):
    /// it replaces the page's artifact of that subtype, or is added to a
    /// page that has none. Returns how many were painted.
    pub fn mark_pages<E>(
        &mut self,
        subtype: Pagination,
        paint: impl FnMut(usize, usize) -> Result<Vec<u8>, E>,
    ) -> Result<usize, E> {
        pagination::mark(&mut self.doc, subtype, paint)
    }

    /// Appends another document's pages and fields after this one's; its
    /// embedded font comes along, written as it is.
    pub fn append(&mut self, mut other: FormDocument) -> Result<(), PdfError> {
        other.write_font()?;
        crate::write::append(&mut self.doc, other.doc);
        self.fields = fields::read_fields(&self.doc);
        self.font = None;
        self.images.clear();
        Ok(())
    }

    /// Writes the embedded font, subset to the glyphs used so far.
    fn write_font(&mut self) -> Result<(), PdfError> {
        if let Some(font) = self.text_font.take() {
            font.write(&mut self.doc)?;
        }
        Ok(())
    }

    /// The finished file: the embedded font subset written, unused objects
    /// dropped, objects renumbered, and `/ID` derived from the content, so
    /// the same input gives the same bytes.
    pub fn to_bytes(mut self) -> Result<Vec<u8>, PdfError> {
        self.write_font()?;
        crate::write::save(&mut self.doc)
    }
}

fn field_error(field: &str, e: AppearanceError) -> PdfError {
    let field = field.to_string();
    match e {
        AppearanceError::Unprintable(chars) => PdfError::Unprintable { field, chars },
        AppearanceError::DoesNotFit => PdfError::DoesNotFit { field },
        AppearanceError::TooLong { max_len } => PdfError::TooLong { field, max_len },
    }
}

/// Where the AcroForm dictionary lives.
#[derive(Debug, Clone, Copy)]
enum AcroFormRef {
    Indirect(ObjectId),
    /// Directly inside the catalog (whose id is given).
    Direct(ObjectId),
}

fn acroform_id(doc: &Document) -> Option<AcroFormRef> {
    let catalog_id = doc.trailer.get(b"Root").ok()?.as_reference().ok()?;
    match dict_of(doc, catalog_id)?.get(b"AcroForm").ok()? {
        Object::Reference(id) => Some(AcroFormRef::Indirect(*id)),
        Object::Dictionary(_) => Some(AcroFormRef::Direct(catalog_id)),
        _ => None,
    }
}

/// Helvetica with WinAnsiEncoding, a standard 14 font (PDF 32000-1, 9.6.2.2).
pub fn helvetica_font() -> Dictionary {
    font_dict(crate::font::Font::Helvetica)
}

/// The font dictionary of one of the standard 14 fonts, in WinAnsiEncoding.
pub fn font_dict(font: crate::font::Font) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", name("Font"));
    d.set("Subtype", name("Type1"));
    d.set("BaseFont", name(font.base_font()));
    d.set("Encoding", name("WinAnsiEncoding"));
    d
}
