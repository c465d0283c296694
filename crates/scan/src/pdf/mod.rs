//! The images a PDF's pages draw: each page's image XObjects (in its
//! /Resources, inherited from the page tree, and in the Form XObjects it
//! draws, to [`Limits::max_form_depth`]), decoded by [`image`].
//!
//! Inline images (`BI … ID … EI` in a content stream) are not read: scanners
//! write image XObjects. An image listed in a page's resources counts as
//! drawn by the page, whether the content stream paints it or not.

mod flate;
mod image;

use crate::{Gray, ImageError, Limits, PageProblem, ScanError};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeSet;

/// The page tree's nodes above a page are followed this far for inherited
/// /Resources.
const MAX_PARENTS: usize = 32;

/// Loads `bytes` with acroform's bounded reader and calls `page` with each
/// page's decoded images (or why they were refused), in page order.
pub(crate) fn for_each_page(
    bytes: &[u8],
    limits: &Limits,
    mut page: impl FnMut(&mut dyn Iterator<Item = Result<Gray, ImageError>>, Option<PageProblem>),
) -> Result<usize, ScanError> {
    let load_limits = acroform::Limits {
        max_file_bytes: limits.max_file_bytes,
        ..acroform::Limits::default()
    };
    let doc = acroform::load::load_with(bytes, load_limits)?;
    let pages = acroform::fields::pages(&doc);
    if pages.len() > limits.max_pages {
        return Err(ScanError::TooManyPages {
            pages: pages.len(),
            limit: limits.max_pages,
        });
    }
    let mut budget = crate::limits::PixelBudget::new(limits);
    // XObjects looked at in the whole file: resources shared by every page
    // are walked again for each, so the walk is bounded per file too.
    let mut visits = 0usize;
    for id in &pages {
        let mut images = Vec::new();
        collect_images(&doc, *id, limits, &mut visits, &mut images);
        let mut problem = None;
        if images.len() > limits.max_images_per_page {
            problem = Some(PageProblem::TooManyImages {
                count: images.len(),
            });
            images.truncate(limits.max_images_per_page);
        }
        // Decoded one at a time, as the page's search asks for them.
        let mut decoded = images
            .iter()
            .map(|image| image::decode(&doc, *image, limits, &mut budget));
        page(&mut decoded, problem);
    }
    Ok(pages.len())
}

/// The image XObjects page `page` draws, each once, in resource order.
fn collect_images(
    doc: &Document,
    page: ObjectId,
    limits: &Limits,
    visits: &mut usize,
    out: &mut Vec<ObjectId>,
) {
    let Some(resources) = page_resources(doc, page) else {
        return;
    };
    let mut seen = BTreeSet::new();
    seen.insert(page);
    walk_xobjects(doc, resources, 0, limits, visits, &mut seen, out);
}

/// The most XObjects looked at in one file, over all its pages: far more
/// than a scan has (one image, or a few strips, a page).
const MAX_XOBJECT_VISITS: usize = 100_000;

/// The page's /Resources, or the nearest ancestor's (§7.7.3.4).
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = dict(doc, doc.get_object(page).ok()?)?;
    for _ in 0..MAX_PARENTS {
        if let Some(r) = node.get(b"Resources").ok().and_then(|r| dict(doc, r)) {
            return Some(r);
        }
        node = dict(doc, node.get(b"Parent").ok()?)?;
    }
    None
}

fn walk_xobjects(
    doc: &Document,
    resources: &Dictionary,
    depth: usize,
    limits: &Limits,
    visits: &mut usize,
    seen: &mut BTreeSet<ObjectId>,
    out: &mut Vec<ObjectId>,
) {
    let Some(xobjects) = resources.get(b"XObject").ok().and_then(|x| dict(doc, x)) else {
        return;
    };
    for (_, value) in xobjects.iter() {
        // More than the page may hold: enough to report TooManyImages.
        if out.len() > limits.max_images_per_page {
            return;
        }
        *visits += 1;
        if *visits > MAX_XOBJECT_VISITS {
            return;
        }
        let Ok(id) = value.as_reference() else {
            continue; // a direct stream cannot be an XObject
        };
        if !seen.insert(id) {
            continue;
        }
        let Ok(Object::Stream(stream)) = doc.get_object(id) else {
            continue;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => out.push(id),
            Ok(b"Form") if depth < limits.max_form_depth => {
                if let Some(inner) = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|r| dict(doc, r))
                {
                    walk_xobjects(doc, inner, depth + 1, limits, visits, seen, out);
                }
            }
            _ => {}
        }
    }
}

/// `object` as a dictionary, following a reference (a stream's dictionary
/// counts).
fn dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match doc.dereference(object).ok()?.1 {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// `object` after references.
fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map(|(_, o)| o).unwrap_or(object)
}

/// A dictionary entry as an integer, after references.
fn int(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<i64> {
    match resolve(doc, d.get(key).ok()?) {
        Object::Integer(i) => Some(*i),
        Object::Real(r) => Some(*r as i64),
        _ => None,
    }
}

/// A dictionary entry as a boolean, after references.
fn boolean(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<bool> {
    match resolve(doc, d.get(key).ok()?) {
        Object::Boolean(b) => Some(*b),
        _ => None,
    }
}
