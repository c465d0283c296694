//! Flattening: each widget's normal appearance is drawn into its page's
//! content, positioned as PDF 32000-1, 12.5.5 describes (the form's box,
//! transformed by its `/Matrix`, mapped onto the annotation's `/Rect`), then
//! the widget and its field are removed. Fields the caller keeps (the empty
//! signature field for a qualified digital signature) stay interactive.

use super::fields::{self, Field};
use crate::pdf::content::{Content, Rect};
use crate::pdf::objects::{self, dict_of, dict_of_mut, get_array, get_int};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::BTreeSet;

/// Annotation flags (PDF 32000-1, table 165): Hidden and NoView.
const HIDDEN: i64 = 1 << 1;
const NO_VIEW: i64 = 1 << 5;

/// Paints the normal appearance of every visible widget into its page and
/// removes the widgets and their fields, except the fields in `kept`, whose
/// widgets stay interactive.
pub fn flatten(doc: &mut Document, kept: &[Field]) {
    // Filled by `extend`, which inserts: `collect` would sort a vector
    // first, with a stable sort the wasm would otherwise not need.
    let mut kept_widgets = BTreeSet::new();
    kept_widgets.extend(kept.iter().flat_map(|f| f.widgets.iter().copied()));
    let mut kept_fields = BTreeSet::new();
    kept_fields.extend(kept.iter().map(|f| f.id));
    for page in fields::pages(doc) {
        flatten_page(doc, page, &kept_widgets);
    }
    prune_field_tree(doc, &kept_fields, &kept_widgets);
}

fn flatten_page(doc: &mut Document, page: ObjectId, kept_widgets: &BTreeSet<ObjectId>) {
    let Some(p) = dict_of(doc, page) else { return };
    let Some(annots) = get_array(doc, p, b"Annots").cloned() else {
        return;
    };
    let mut remaining = Vec::new();
    let mut draws: Vec<(ObjectId, [f32; 6])> = Vec::new();
    for a in annots.iter().take(fields::MAX_FIELDS) {
        let Some(ad) = objects::as_dict(doc, a) else {
            continue;
        };
        let id = a.as_reference().ok();
        if !fields::is_widget(doc, ad) || id.is_some_and(|id| kept_widgets.contains(&id)) {
            remaining.push(a.clone());
            continue;
        }
        let flags = get_int(doc, ad, b"F").unwrap_or(0);
        if flags & (HIDDEN | NO_VIEW) != 0 {
            continue;
        }
        let (Some(form), Some(rect)) = (
            fields::normal_appearance(doc, ad),
            objects::get_rect(doc, ad, b"Rect"),
        ) else {
            continue;
        };
        if let Some(m) = placement(doc, form, rect) {
            draws.push((form, m));
        }
    }
    if draws.is_empty() && remaining.len() == annots.len() {
        return;
    }
    paint_forms(doc, page, &draws);
    if let Some(p) = dict_of_mut(doc, page) {
        if remaining.is_empty() {
            p.remove(b"Annots");
        } else {
            p.set("Annots", Object::Array(remaining));
        }
    }
}

/// Paints form XObjects on a page, each with its matrix, after the page's
/// own content (wrapped in `q ... Q` so its graphics state cannot leak).
pub fn paint_forms(doc: &mut Document, page: ObjectId, draws: &[(ObjectId, [f32; 6])]) {
    if draws.is_empty() {
        return;
    }
    let mut resources = page_resources(doc, page);
    let mut xobjects = objects::get_dict(doc, &resources, b"XObject")
        .cloned()
        .unwrap_or_default();
    let mut c = Content::new();
    c.restore_state();
    let mut n = 0usize;
    for (form, m) in draws {
        let res_name = loop {
            n += 1;
            let candidate = format!("Flat{n}");
            if !xobjects.has(candidate.as_bytes()) {
                break candidate;
            }
        };
        xobjects.set(res_name.as_str(), Object::Reference(*form));
        c.save_state()
            .transform(*m)
            .paint_xobject(&res_name)
            .restore_state();
    }
    resources.set("XObject", Object::Dictionary(xobjects));
    let before = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let after = doc.add_object(Stream::new(Dictionary::new(), c.into_bytes()));
    let mut contents = vec![Object::Reference(before)];
    match dict_of(doc, page)
        .and_then(|p| p.get(b"Contents").ok())
        .cloned()
    {
        Some(Object::Reference(id)) => match doc.get_object(id) {
            Ok(Object::Array(a)) => contents.extend(a.iter().cloned()),
            _ => contents.push(Object::Reference(id)),
        },
        Some(Object::Array(a)) => contents.extend(a),
        _ => {}
    }
    contents.push(Object::Reference(after));
    if let Some(p) = dict_of_mut(doc, page) {
        p.set("Resources", Object::Dictionary(resources));
        p.set("Contents", Object::Array(contents));
    }
}

/// Paints a form XObject (an image placed by [`super::image::image_form`])
/// into `rect` on a page, as page content.
pub fn paint_form_in(doc: &mut Document, page: ObjectId, form: ObjectId, rect: Rect) {
    if let Some(m) = placement(doc, form, rect) {
        paint_forms(doc, page, &[(form, m)]);
    }
}

/// The matrix that draws a form XObject into `rect` (PDF 32000-1, 12.5.5).
fn placement(doc: &Document, form: ObjectId, rect: Rect) -> Option<[f32; 6]> {
    let d = dict_of(doc, form)?;
    let bbox = objects::get_rect(doc, d, b"BBox")?;
    let m = d
        .get(b"Matrix")
        .ok()
        .and_then(|o| objects::numbers::<6>(doc, o))
        .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    let corners = [
        (bbox.x0, bbox.y0),
        (bbox.x1, bbox.y0),
        (bbox.x0, bbox.y1),
        (bbox.x1, bbox.y1),
    ];
    let t: Vec<(f32, f32)> = corners
        .iter()
        .map(|&(x, y)| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]))
        .collect();
    let min_x = t.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
    let max_x = t.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
    let min_y = t.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
    let max_y = t.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
    let (tw, th) = (max_x - min_x, max_y - min_y);
    if !(tw > 0.0 && th > 0.0 && tw.is_finite() && th.is_finite()) {
        return None;
    }
    let sx = rect.width() / tw;
    let sy = rect.height() / th;
    Some([sx, 0.0, 0.0, sy, rect.x0 - min_x * sx, rect.y0 - min_y * sy])
}

/// A page's resources as a direct dictionary, inherited ones included
/// (PDF 32000-1, 7.7.3.4).
pub fn page_resources(doc: &Document, page: ObjectId) -> Dictionary {
    let mut node = Some(page);
    let mut depth = 0;
    while let Some(id) = node {
        let Some(d) = dict_of(doc, id) else { break };
        if let Some(r) = objects::get_dict(doc, d, b"Resources") {
            return r.clone();
        }
        node = d.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
        depth += 1;
        if depth > fields::MAX_FIELD_DEPTH {
            break;
        }
    }
    Dictionary::new()
}

/// Removes every field but the kept ones, and the AcroForm itself when none
/// remains.
fn prune_field_tree(
    doc: &mut Document,
    kept_fields: &BTreeSet<ObjectId>,
    kept_widgets: &BTreeSet<ObjectId>,
) {
    let Some(form) = fields::acroform(doc).cloned() else {
        return;
    };
    let roots: Vec<Object> = get_array(doc, &form, b"Fields")
        .cloned()
        .unwrap_or_default();
    let mut seen = BTreeSet::new();
    let kept_roots: Vec<Object> = roots
        .into_iter()
        .filter(|r| {
            r.as_reference()
                .is_ok_and(|id| keep_node(doc, id, kept_fields, kept_widgets, 0, &mut seen))
        })
        .collect();
    let Some(catalog_id) = crate::pdf::objects::catalog_id(doc) else {
        return;
    };
    if kept_roots.is_empty() {
        if let Some(c) = dict_of_mut(doc, catalog_id) {
            c.remove(b"AcroForm");
        }
        return;
    }
    let mut form = form;
    form.set("Fields", Object::Array(kept_roots));
    form.remove(b"NeedAppearances");
    form.remove(b"XFA");
    if let Some(c) = dict_of_mut(doc, catalog_id) {
        c.set("AcroForm", Object::Dictionary(form));
    }
}

/// Whether a field node stays; trims its `/Kids` to the nodes that stay.
fn keep_node(
    doc: &mut Document,
    id: ObjectId,
    kept_fields: &BTreeSet<ObjectId>,
    kept_widgets: &BTreeSet<ObjectId>,
    depth: usize,
    seen: &mut BTreeSet<ObjectId>,
) -> bool {
    if depth > fields::MAX_FIELD_DEPTH || !seen.insert(id) {
        return false;
    }
    if kept_fields.contains(&id) || kept_widgets.contains(&id) {
        return true;
    }
    let kids: Vec<Object> = dict_of(doc, id)
        .and_then(|d| get_array(doc, d, b"Kids"))
        .cloned()
        .unwrap_or_default();
    if kids.is_empty() {
        return false;
    }
    let kept_kids: Vec<Object> = kids
        .into_iter()
        .filter(|k| {
            k.as_reference()
                .is_ok_and(|kid| keep_node(doc, kid, kept_fields, kept_widgets, depth + 1, seen))
        })
        .collect();
    if kept_kids.is_empty() {
        return false;
    }
    if let Some(d) = dict_of_mut(doc, id) {
        d.set("Kids", Object::Array(kept_kids));
    }
    true
}
