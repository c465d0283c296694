//! The interactive form's field tree (PDF 32000-1, 12.7.3): fields found by
//! full name through `/Kids` hierarchies, each with the attributes it
//! inherits (`/FT`, `/Ff`, `/DA`, `/Q`, `/V`, `/MaxLen`) and its widget
//! annotations. The walk is bounded in depth and count and never revisits an
//! object, so a template with loops or absurd depth cannot hang it.

use crate::pdf::objects::{self, dict_of, get, get_array, get_int, get_name, get_text};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeSet;

/// The deepest field hierarchy walked.
pub const MAX_FIELD_DEPTH: usize = 32;
/// The most fields and widgets read from one form.
pub const MAX_FIELDS: usize = 5_000;

pub mod flags {
    //! Field flags (`/Ff`), PDF 32000-1, tables 221, 226, 228 and 230, as
    //! bit masks: bit 1 of the specification is `1 << 0`.

    /// Any field: the user may not change the value.
    pub const READ_ONLY: u32 = 1 << 0;
    /// Text: the value may span several lines.
    pub const MULTILINE: u32 = 1 << 12;
    /// Text: the value is shown as asterisks.
    pub const PASSWORD: u32 = 1 << 13;
    /// Radio group: exactly one button is always on.
    pub const NO_TOGGLE_TO_OFF: u32 = 1 << 14;
    /// Button: a radio group, not a check box.
    pub const RADIO: u32 = 1 << 15;
    /// Button: a push button, which holds no value.
    pub const PUSHBUTTON: u32 = 1 << 16;
    /// Choice: a combo box (drop-down), not a list box.
    pub const COMBO: u32 = 1 << 17;
    /// Combo box: the user may type a value that is not an option.
    pub const EDIT: u32 = 1 << 18;
    /// Text: the value is the path of a file to submit.
    pub const FILE_SELECT: u32 = 1 << 20;
    /// List box: several options may be selected.
    pub const MULTI_SELECT: u32 = 1 << 21;
    /// Text: the value may not scroll past the field's box.
    pub const DO_NOT_SCROLL: u32 = 1 << 23;
    /// Text: the box is split into `/MaxLen` equal cells, one character each.
    pub const COMB: u32 = 1 << 24;
}

/// What kind of field, as `/FT` and `/Ff` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldKind {
    /// A text field (`/FT /Tx`).
    Text,
    /// A check box (`/FT /Btn` without the radio or push-button flag).
    Checkbox,
    /// A radio group (`/FT /Btn` with [`flags::RADIO`]).
    Radio,
    /// A push button (`/FT /Btn` with [`flags::PUSHBUTTON`]): no value; this
    /// crate shows images in it.
    Pushbutton,
    /// A drop-down choice (`/FT /Ch` with [`flags::COMBO`]).
    ComboBox,
    /// A scrollable list of choices (`/FT /Ch` without [`flags::COMBO`]).
    ListBox,
    /// A signature field (`/FT /Sig`), for a digital signature.
    Signature,
    /// No `/FT`, or one this crate does not know.
    Unknown,
}

impl FieldKind {
    /// A short lower-case name, as [`Display`](std::fmt::Display) shows it.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Checkbox => "checkbox",
            FieldKind::Radio => "radio",
            FieldKind::Pushbutton => "button",
            FieldKind::ComboBox => "combo",
            FieldKind::ListBox => "list",
            FieldKind::Signature => "signature",
            FieldKind::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for FieldKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One terminal field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The full name: partial names joined with `.` (PDF 32000-1, 12.7.3.2).
    pub name: String,
    /// What kind of field it is.
    pub kind: FieldKind,
    /// The terminal field's dictionary.
    pub id: ObjectId,
    /// Its widget annotations, which may be the field dictionary itself.
    pub widgets: Vec<ObjectId>,
    /// The field flags (`/Ff`), inherited if not set; see [`flags`].
    pub flags: u32,
    /// The default appearance string, inherited or from the AcroForm.
    pub da: Option<Vec<u8>>,
    /// Quadding: 0 left, 1 centred, 2 right.
    pub quadding: i64,
    /// `/MaxLen`: the most characters a text field takes.
    pub max_len: Option<u32>,
    /// The value (`/V`, inherited if not set) as text: a string's text, or a
    /// name's (a button's state, such as `Off`).
    pub value: Option<String>,
    /// For choice fields the export values of `/Opt`; for check boxes and
    /// radio buttons the export value of each widget, in widget order.
    pub options: Vec<String>,
}

#[derive(Clone, Default)]
struct Inherited {
    ft: Option<Vec<u8>>,
    ff: Option<i64>,
    da: Option<Vec<u8>>,
    q: Option<i64>,
    v: Option<Object>,
    max_len: Option<i64>,
    opt: Option<Object>,
}

/// The AcroForm dictionary, if the document has one.
pub fn acroform(doc: &Document) -> Option<&Dictionary> {
    let catalog = doc.catalog().ok()?;
    objects::get_dict(doc, catalog, b"AcroForm")
}

/// Every terminal field of the form, in the order of the field tree.
pub fn read_fields(doc: &Document) -> Vec<Field> {
    let mut out = Vec::new();
    let Some(form) = acroform(doc) else {
        return out;
    };
    let base = Inherited {
        da: match get(doc, form, b"DA") {
            Some(Object::String(s, _)) => Some(s.clone()),
            _ => None,
        },
        q: get_int(doc, form, b"Q"),
        ..Inherited::default()
    };
    let Some(roots) = get_array(doc, form, b"Fields") else {
        return out;
    };
    let mut seen = BTreeSet::new();
    for root in roots {
        if let Ok(id) = root.as_reference() {
            walk(doc, id, "", &base, 0, &mut seen, &mut out);
        }
    }
    out
}

fn walk(
    doc: &Document,
    id: ObjectId,
    parent_name: &str,
    inherited: &Inherited,
    depth: usize,
    seen: &mut BTreeSet<ObjectId>,
    out: &mut Vec<Field>,
) {
    if depth > MAX_FIELD_DEPTH || seen.len() > MAX_FIELDS || !seen.insert(id) {
        return;
    }
    let Some(d) = dict_of(doc, id) else {
        return;
    };
    let partial = get_text(doc, d, b"T");
    let name = match (&partial, parent_name.is_empty()) {
        (Some(p), true) => p.clone(),
        (Some(p), false) => format!("{parent_name}.{p}"),
        (None, _) => parent_name.to_string(),
    };
    let mut inh = inherited.clone();
    if let Some(ft) = get_name(doc, d, b"FT") {
        inh.ft = Some(ft.to_vec());
    }
    if let Some(ff) = get_int(doc, d, b"Ff") {
        inh.ff = Some(ff);
    }
    if let Some(Object::String(s, _)) = get(doc, d, b"DA") {
        inh.da = Some(s.clone());
    }
    if let Some(q) = get_int(doc, d, b"Q") {
        inh.q = Some(q);
    }
    if let Some(v) = get(doc, d, b"V") {
        inh.v = Some(v.clone());
    }
    if let Some(m) = get_int(doc, d, b"MaxLen") {
        inh.max_len = Some(m);
    }
    if let Some(o) = get(doc, d, b"Opt") {
        inh.opt = Some(o.clone());
    }

    let kids: Vec<ObjectId> = get_array(doc, d, b"Kids")
        .map(|a| a.iter().filter_map(|k| k.as_reference().ok()).collect())
        .unwrap_or_default();
    let mut widgets = Vec::new();
    let mut has_field_kids = false;
    for kid in &kids {
        let Some(kd) = dict_of(doc, *kid) else {
            continue;
        };
        let is_widget = !kd.has(b"T") && !kd.has(b"Kids");
        if is_widget {
            if seen.len() <= MAX_FIELDS && seen.insert(*kid) {
                widgets.push(*kid);
            }
        } else {
            has_field_kids = true;
            walk(doc, *kid, &name, &inh, depth + 1, seen, out);
        }
    }
    if kids.is_empty() {
        // A field merged with its only widget.
        if d.has(b"Rect") || get_name(doc, d, b"Subtype") == Some(b"Widget") {
            widgets.push(id);
        }
    } else if widgets.is_empty() && has_field_kids {
        return;
    }
    if name.is_empty() || out.len() >= MAX_FIELDS {
        return;
    }
    let flags = inh
        .ff
        .and_then(|f| u32::try_from(f & 0xFFFF_FFFF).ok())
        .unwrap_or(0);
    let kind = kind_of(inh.ft.as_deref(), flags);
    let options = match kind {
        FieldKind::ComboBox | FieldKind::ListBox => choice_options(doc, inh.opt.as_ref()),
        FieldKind::Checkbox | FieldKind::Radio => button_options(doc, &widgets, inh.opt.as_ref()),
        _ => Vec::new(),
    };
    out.push(Field {
        name,
        kind,
        id,
        widgets,
        flags,
        da: inh.da,
        quadding: inh.q.unwrap_or(0).clamp(0, 2),
        max_len: inh.max_len.and_then(|m| u32::try_from(m).ok()),
        value: inh.v.as_ref().and_then(objects::text_of),
        options,
    });
}

fn kind_of(ft: Option<&[u8]>, flags: u32) -> FieldKind {
    match ft {
        Some(b"Tx") => FieldKind::Text,
        Some(b"Btn") if flags & flags::PUSHBUTTON != 0 => FieldKind::Pushbutton,
        Some(b"Btn") if flags & flags::RADIO != 0 => FieldKind::Radio,
        Some(b"Btn") => FieldKind::Checkbox,
        Some(b"Ch") if flags & flags::COMBO != 0 => FieldKind::ComboBox,
        Some(b"Ch") => FieldKind::ListBox,
        Some(b"Sig") => FieldKind::Signature,
        _ => FieldKind::Unknown,
    }
}

/// A choice field's options as (export value, display text), from `/Opt`
/// (PDF 32000-1, table 231).
pub fn choice_pairs(doc: &Document, opt: Option<&Object>) -> Vec<(String, String)> {
    let Some(Object::Array(items)) = opt.and_then(|o| objects::resolve(doc, o)) else {
        return Vec::new();
    };
    items
        .iter()
        .take(MAX_FIELDS)
        .filter_map(|item| match objects::resolve(doc, item)? {
            Object::Array(pair) => {
                let export = objects::text_of(objects::resolve(doc, pair.first()?)?)?;
                let shown = pair
                    .get(1)
                    .and_then(|o| objects::resolve(doc, o))
                    .and_then(objects::text_of)
                    .unwrap_or_else(|| export.clone());
                Some((export, shown))
            }
            other => {
                let t = objects::text_of(other)?;
                Some((t.clone(), t))
            }
        })
        .collect()
}

fn choice_options(doc: &Document, opt: Option<&Object>) -> Vec<String> {
    choice_pairs(doc, opt).into_iter().map(|(e, _)| e).collect()
}

/// The export value of each widget of a check box or radio group: `/Opt`
/// when present (PDF 32000-1, 12.7.4.2.4), otherwise the name of the
/// widget's "on" appearance state.
fn button_options(doc: &Document, widgets: &[ObjectId], opt: Option<&Object>) -> Vec<String> {
    let opt: Vec<String> = match opt.and_then(|o| objects::resolve(doc, o)) {
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| objects::resolve(doc, o).and_then(objects::text_of))
            .collect(),
        _ => Vec::new(),
    };
    widgets
        .iter()
        .enumerate()
        .map(|(i, w)| match opt.get(i) {
            Some(e) => e.clone(),
            None => on_state(doc, *w).unwrap_or_else(|| "Yes".to_string()),
        })
        .collect()
}

/// The name of a button widget's "on" appearance state: the key of
/// `/AP /N` (or `/AP /D`) that is not `Off`.
pub fn on_state(doc: &Document, widget: ObjectId) -> Option<String> {
    let w = dict_of(doc, widget)?;
    let ap = objects::get_dict(doc, w, b"AP")?;
    for key in [b"N".as_slice(), b"D"] {
        if let Some(states) = objects::get_dict(doc, ap, key) {
            if let Some((k, _)) = states.iter().find(|(k, _)| k.as_slice() != b"Off") {
                return Some(String::from_utf8_lossy(k).into_owned());
            }
        }
    }
    None
}

/// Finds a field by its full name.
pub fn find<'a>(fields: &'a [Field], name: &str) -> Option<&'a Field> {
    fields.iter().find(|f| f.name == name)
}

/// The page each widget annotation sits on, from the pages' `/Annots`.
pub fn widget_pages(doc: &Document, pages: &[ObjectId]) -> Vec<(ObjectId, ObjectId)> {
    let mut out = Vec::new();
    for &page in pages {
        let Some(p) = dict_of(doc, page) else {
            continue;
        };
        let Some(annots) = get_array(doc, p, b"Annots") else {
            continue;
        };
        for a in annots.iter().take(MAX_FIELDS) {
            if let Ok(id) = a.as_reference() {
                out.push((id, page));
            }
        }
    }
    out
}

/// The pages of the document in order, walking `/Pages` with a depth bound
/// and without revisiting a node.
pub fn pages(doc: &Document) -> Vec<ObjectId> {
    let mut out = Vec::new();
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
    else {
        return out;
    };
    let mut seen = BTreeSet::new();
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if depth > MAX_FIELD_DEPTH || !seen.insert(id) || out.len() >= MAX_FIELDS {
            continue;
        }
        let Some(d) = dict_of(doc, id) else { continue };
        match get_name(doc, d, b"Type") {
            Some(b"Page") => out.push(id),
            _ => {
                if let Some(kids) = get_array(doc, d, b"Kids") {
                    for k in kids.iter().rev() {
                        if let Ok(kid) = k.as_reference() {
                            stack.push((kid, depth + 1));
                        }
                    }
                } else if d.has(b"Contents") || d.has(b"MediaBox") {
                    out.push(id);
                }
            }
        }
    }
    out
}

/// Whether a dictionary is a widget annotation.
pub fn is_widget(doc: &Document, d: &Dictionary) -> bool {
    get_name(doc, d, b"Subtype") == Some(b"Widget")
}

/// The terminal field a widget belongs to: its `/Parent` when the widget
/// has no `/T`, the widget itself otherwise.
pub fn field_of_widget(doc: &Document, widget: ObjectId) -> Option<ObjectId> {
    let d = dict_of(doc, widget)?;
    if d.has(b"T") {
        return Some(widget);
    }
    d.get(b"Parent").ok()?.as_reference().ok()
}

/// Reads a field's `/AP /N` entry for a widget as given, resolved.
pub fn normal_appearance(doc: &Document, widget: &Dictionary) -> Option<ObjectId> {
    let ap = objects::get_dict(doc, widget, b"AP")?;
    match ap.get(b"N").ok()? {
        Object::Reference(id) => match doc.get_object(*id).ok()? {
            Object::Stream(_) => Some(*id),
            Object::Dictionary(states) => state_stream(doc, widget, states),
            _ => None,
        },
        Object::Dictionary(states) => state_stream(doc, widget, states),
        _ => None,
    }
}

/// The stream of the appearance state `/AS` names in a state dictionary.
fn state_stream(doc: &Document, widget: &Dictionary, states: &Dictionary) -> Option<ObjectId> {
    let state = get_name(doc, widget, b"AS")?;
    states.get(state).ok()?.as_reference().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_type_and_flags() {
        assert_eq!(kind_of(Some(b"Btn"), flags::RADIO), FieldKind::Radio);
        assert_eq!(
            kind_of(Some(b"Btn"), flags::PUSHBUTTON | flags::RADIO),
            FieldKind::Pushbutton
        );
        assert_eq!(kind_of(Some(b"Btn"), 0), FieldKind::Checkbox);
        assert_eq!(kind_of(Some(b"Ch"), flags::COMBO), FieldKind::ComboBox);
        assert_eq!(kind_of(None, 0), FieldKind::Unknown);
    }
}
