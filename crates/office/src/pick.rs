//! The files the vendor chose or dropped, each with the name its row
//! gives it: its path inside the folder chosen or dropped
//! (`returns/2026/a.pdf`, `File.webkitRelativePath` or the dropped entry's
//! path), or its own name. A folder gives only what `rinnovo-pdf extract`
//! searches a folder for (`rinnovo_cli::files::is_return_name`); files
//! chosen one by one are all read. The order is the command's: paths
//! compared folder by folder, by name, so that the same folder gives the
//! same table and the same CSV.

use std::cmp::Ordering;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file to read, and its row's name.
pub struct Picked {
    pub name: String,
    pub file: web_sys::File,
}

/// `walkdir`'s order with `sort_by_file_name`: component by component.
fn by_path(a: &Picked, b: &Picked) -> Ordering {
    a.name.split('/').cmp(b.name.split('/'))
}

/// Sorted, and only the returns among the files found in folders.
fn finish(mut picked: Vec<(Picked, bool)>) -> Vec<Picked> {
    picked.retain(|(p, in_folder)| !in_folder || rinnovo_cli::files::is_return_name(&p.name));
    let mut picked: Vec<Picked> = picked.into_iter().map(|(p, _)| p).collect();
    picked.sort_by(by_path);
    picked
}

/// The files of an `<input type=file>` (with `webkitdirectory`, each has
/// its path in the folder).
pub fn from_input(input: &web_sys::HtmlInputElement) -> Vec<Picked> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    let picked = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| {
            let path = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let in_folder = !path.is_empty();
            let name = if in_folder { path } else { file.name() };
            (Picked { name, file }, in_folder)
        })
        .collect();
    finish(picked)
}

/// The entries of a drop, taken while the event lasts (the browser
/// empties its `DataTransfer` after it).
pub fn dropped_entries(
    ev: &web_sys::DragEvent,
) -> (Vec<web_sys::FileSystemEntry>, Vec<web_sys::File>) {
    let Some(dt) = ev.data_transfer() else {
        return (Vec::new(), Vec::new());
    };
    let items = dt.items();
    let entries: Vec<web_sys::FileSystemEntry> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect();
    // Without entries (a browser without them), the plain files.
    let files = match (entries.is_empty(), dt.files()) {
        (true, Some(list)) => (0..list.length()).filter_map(|i| list.get(i)).collect(),
        _ => Vec::new(),
    };
    (entries, files)
}

/// The files of a drop: folders walked to the end.
pub async fn from_drop(
    entries: Vec<web_sys::FileSystemEntry>,
    files: Vec<web_sys::File>,
) -> Vec<Picked> {
    let mut picked: Vec<(Picked, bool)> = files
        .into_iter()
        .map(|file| {
            (
                Picked {
                    name: file.name(),
                    file,
                },
                false,
            )
        })
        .collect();
    // Depth first, without recursion of futures: a stack of entries.
    let mut stack: Vec<(web_sys::FileSystemEntry, bool)> =
        entries.into_iter().map(|e| (e, false)).collect();
    while let Some((entry, in_folder)) = stack.pop() {
        if entry.is_directory() {
            let dir: web_sys::FileSystemDirectoryEntry = entry.unchecked_into();
            for child in read_directory(&dir).await {
                stack.push((child, true));
            }
        } else if let Some(file) = file_of(entry.clone().unchecked_into()).await {
            let name = entry.full_path().trim_start_matches('/').to_string();
            picked.push((Picked { name, file }, in_folder));
        }
    }
    finish(picked)
}

/// Every entry of a folder: `readEntries` gives them in batches (100 in
/// Chromium) until an empty one.
async fn read_directory(dir: &web_sys::FileSystemDirectoryEntry) -> Vec<web_sys::FileSystemEntry> {
    let reader = dir.create_reader();
    let mut all = Vec::new();
    loop {
        let batch = JsFuture::from(js_sys::Promise::new(&mut |resolve, reject| {
            let _ = reader.read_entries_with_callback_and_callback(&resolve, &reject);
        }))
        .await;
        let Ok(batch) = batch.and_then(|b| b.dyn_into::<js_sys::Array>()) else {
            break;
        };
        if batch.length() == 0 {
            break;
        }
        all.extend(batch.iter().filter_map(|e| e.dyn_into().ok()));
    }
    all
}

async fn file_of(entry: web_sys::FileSystemFileEntry) -> Option<web_sys::File> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_callback(&resolve, &reject);
    });
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}
