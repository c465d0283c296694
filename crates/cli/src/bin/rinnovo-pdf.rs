//! `rinnovo-pdf`: the back office's command-line tool over the same PDF code
//! the app runs in the browser.
//!
//! - `fields TEMPLATE.pdf` lists the fields and their kinds, and which of
//!   the documented fields are missing or of the wrong kind;
//! - `fill TEMPLATE.pdf DATA.json -o OUT.pdf [--flatten]` fills any AcroForm
//!   PDF from a JSON object of field names to values (text, `true`/`false`
//!   for check boxes, export values for radio groups and choices, PNG file
//!   paths for push buttons);
//! - `extract FILLED.pdf` prints the embedded JSON (for a scan, the row its
//!   QR codes carry);
//! - `extract --csv|--json [-o OUT] PATH...` writes one row per contract
//!   found in the files and folders given, digital PDFs by their attached
//!   data, scanned PDFs and images (JPEG, PNG, TIFF) by their QR codes
//!   (see `rinnovo_cli::table` and `rinnovo_cli::paper`); each
//!   file that fails gets a line on stderr, and the exit code is non-zero
//!   only if one did;
//! - `verify FILE.pdf` says whether a returned PDF is as Rinnovo made it,
//!   what was added after it and whether its data matches its pages (see
//!   `rinnovo_cli::verify`); for a scan, which pages are present, missing,
//!   repeated or from another renewal, and that the signatures are on
//!   paper (`rinnovo_cli::paper`); the exit code is 0 only when it is
//!   intact, or complete;
//! - `keys new -o KEY` writes a new key pair for prepared links: the
//!   private key into the file KEY (kept by the office), the public key
//!   on stdout for `site.json`;
//! - `links CUSTOMERS.csv --key KEY -o LINKS.csv [--url URL]` writes one
//!   signed link per customer of the list (`rinnovo_cli::customers`), with
//!   an invitation as a `mailto:` URL, for a mail merge; each customer
//!   without a link gets a line on stderr saying why;
//! - `templates [DIR]` regenerates the blank templates (default
//!   `assets/templates`).
//!
//! Errors are one line on stderr with a non-zero exit; nothing panics.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use acroform::{FieldKind, FormDocument};
    use rinnovo_core::content::Content;
    use rinnovo_core::jobs::Doc;
    use rinnovo_documents::fonts::Fonts;
    use rinnovo_documents::template;
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    const USAGE: &str = "usage: rinnovo-pdf fields TEMPLATE.pdf | fill TEMPLATE.pdf DATA.json -o OUT.pdf [--flatten] | extract FILE | extract --csv|--json [-o OUT] PATH... | verify FILE | keys new -o KEY | links CUSTOMERS.csv --key KEY -o LINKS.csv [--url URL] | templates [DIR]";

    /// Prints a line to stdout; a closed pipe (`| head`) is not an error.
    macro_rules! say {
        ($($arg:tt)*) => {{
            use std::io::Write as _;
            let _ = writeln!(std::io::stdout().lock(), $($arg)*);
        }};
    }

    use rinnovo_cli::files::MAX_INPUT_BYTES;

    enum Failure {
        Usage(String),
        Error(String),
        /// Already said on stderr: only the exit code is left.
        Said,
    }

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(Failure::Usage(m)) => {
                {
                    use std::io::Write as _;
                    let _ = writeln!(std::io::stderr().lock(), "rinnovo-pdf: {m}\n{USAGE}");
                }
                ExitCode::from(2)
            }
            Err(Failure::Error(m)) => {
                {
                    use std::io::Write as _;
                    let _ = writeln!(std::io::stderr().lock(), "rinnovo-pdf: {m}");
                }
                ExitCode::FAILURE
            }
            Err(Failure::Said) => ExitCode::FAILURE,
        }
    }

    fn run(args: &[String]) -> Result<(), Failure> {
        let (cmd, rest) = args
            .split_first()
            .ok_or_else(|| Failure::Usage("no command given".into()))?;
        match cmd.as_str() {
            "fields" => match rest {
                [path] => fields(Path::new(path)),
                _ => Err(Failure::Usage("fields takes one PDF".into())),
            },
            "fill" => fill(rest),
            "extract" => match rest {
                [path] if !path.starts_with('-') => extract(Path::new(path)),
                _ => extract_table(rest),
            },
            "verify" => match rest {
                [path] => verify(Path::new(path)),
                _ => Err(Failure::Usage("verify takes one PDF".into())),
            },
            "keys" => match rest {
                [new, o, path] if new == "new" && (o == "-o" || o == "--output") => {
                    keys_new(Path::new(path))
                }
                _ => Err(Failure::Usage("keys takes new -o KEY".into())),
            },
            "links" => links(rest),
            "templates" => match rest {
                [] => templates(Path::new("assets/templates")),
                [dir] => templates(Path::new(dir)),
                _ => Err(Failure::Usage(
                    "templates takes at most one directory".into(),
                )),
            },
            "-h" | "--help" | "help" => {
                say!("{USAGE}");
                Ok(())
            }
            other => Err(Failure::Usage(format!("unknown command {other:?}"))),
        }
    }

    fn read(path: &Path) -> Result<Vec<u8>, Failure> {
        let meta = std::fs::metadata(path)
            .map_err(|e| Failure::Error(format!("{}: {e}", path.display())))?;
        if meta.len() > MAX_INPUT_BYTES {
            return Err(Failure::Error(format!(
                "{}: file too large",
                path.display()
            )));
        }
        std::fs::read(path).map_err(|e| Failure::Error(format!("{}: {e}", path.display())))
    }

    fn load(path: &Path) -> Result<FormDocument, Failure> {
        FormDocument::load(&read(path)?)
            .map_err(|e| Failure::Error(format!("{}: {e}", path.display())))
    }

    fn fields(path: &Path) -> Result<(), Failure> {
        let form = load(path)?;
        if form.fields().is_empty() {
            // Read, but not a form: an error for a template check.
            return Err(Failure::Error(format!(
                "{}: read ({} pages), but no form fields",
                path.display(),
                form.document().get_pages().len()
            )));
        }
        for f in form.fields() {
            let options = if f.options.is_empty() {
                String::new()
            } else {
                format!("\t[{}]", f.options.join(", "))
            };
            say!("{}\t{}{}", f.name, f.kind, options);
        }
        // Compare with whichever documented template it resembles more.
        let matches =
            |set: &[(&str, FieldKind)]| set.iter().filter(|(n, _)| form.field(n).is_ok()).count();
        let support_form = template::support_form_fields();
        let (label, expected) = if matches(&support_form) >= matches(template::CONDITIONS_FIELDS) {
            ("support form", support_form.as_slice())
        } else {
            ("general conditions", template::CONDITIONS_FIELDS)
        };
        let mut problems = 0;
        for (name, kind) in expected {
            match form.field(name) {
                Err(_) => {
                    say!("missing ({label}): {name} ({kind})");
                    problems += 1;
                }
                Ok(f) if f.kind != *kind => {
                    say!(
                        "wrong kind ({label}): {name} is {}, expected {kind}",
                        f.kind
                    );
                    problems += 1;
                }
                Ok(_) => {}
            }
        }
        if problems == 0 {
            say!("all {} fields of the {label} are present", expected.len());
        }
        Ok(())
    }

    fn fill(args: &[String]) -> Result<(), Failure> {
        let mut positional = Vec::new();
        let mut out: Option<PathBuf> = None;
        let mut flatten = false;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "-o" | "--output" => {
                    out = Some(PathBuf::from(
                        it.next()
                            .ok_or_else(|| Failure::Usage("-o needs a file".into()))?,
                    ));
                }
                "--flatten" => flatten = true,
                s if s.starts_with('-') => {
                    return Err(Failure::Usage(format!("unknown option {s:?}")))
                }
                s => positional.push(s),
            }
        }
        let ([template_path, data_path], Some(out)) = (positional.as_slice(), out) else {
            return Err(Failure::Usage(
                "fill takes TEMPLATE.pdf DATA.json -o OUT.pdf".into(),
            ));
        };
        let mut form = load(Path::new(template_path))?;
        // Values in Noto Sans, embedded: any Latin, Greek or Cyrillic text.
        form.set_text_font(fonts()?.regular);
        let data = read(Path::new(data_path))?;
        let json: serde_json::Value = serde_json::from_slice(&data)
            .map_err(|e| Failure::Error(format!("{data_path}: {e}")))?;
        let serde_json::Value::Object(map) = json else {
            return Err(Failure::Error(format!(
                "{data_path}: expected a JSON object of field names to values"
            )));
        };
        let base = Path::new(data_path).parent().unwrap_or(Path::new("."));
        for (name, value) in &map {
            let kind = form
                .field(name)
                .map_err(|e| Failure::Error(e.to_string()))?
                .kind;
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Bool(b) => b.to_string(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Null => String::new(),
                _ => {
                    return Err(Failure::Error(format!(
                        "field {name:?}: expected a string, number or boolean"
                    )))
                }
            };
            let result = if kind == FieldKind::Pushbutton {
                let path = base.join(&text);
                let png = read(&path)?;
                form.set_image(name, &png)
            } else {
                form.set_value(name, &text)
            };
            result.map_err(|e| Failure::Error(e.to_string()))?;
        }
        if flatten {
            form.flatten(|f| f.kind == FieldKind::Signature);
        }
        let bytes = form.to_bytes().map_err(|e| Failure::Error(e.to_string()))?;
        std::fs::write(&out, bytes).map_err(|e| Failure::Error(format!("{}: {e}", out.display())))
    }

    /// The documents' fonts, built into this command.
    fn fonts() -> Result<Fonts, Failure> {
        rinnovo_cli::fonts().map_err(|e| Failure::Error(format!("fonts: {e}")))
    }

    /// The attached JSON of a digital return; for a scan, the row its
    /// codes carry, as a JSON object.
    fn extract(path: &Path) -> Result<(), Failure> {
        let bytes = read(path)?;
        let failed = |e: &dyn std::fmt::Display| Failure::Error(format!("{}: {e}", path.display()));
        match rinnovo_cli::paper::classify(&bytes).map_err(|e| failed(&e))? {
            rinnovo_cli::paper::Received::Digital(json) => say!("{json}"),
            rinnovo_cli::paper::Received::Scan => {
                let content =
                    Content::embedded().map_err(|e| Failure::Error(format!("content: {e}")))?;
                let name = path.to_string_lossy();
                let record = rinnovo_cli::paper::read_return(&name, &bytes, &content.province)
                    .map_err(|e| failed(&e))?;
                let json = serde_json::to_string_pretty(&record).map_err(|e| failed(&e))?;
                say!("{json}");
            }
        }
        Ok(())
    }

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Format {
        Csv,
        Json,
    }

    /// `extract --csv|--json [-o OUT] PATH...`: every readable contract is a
    /// row; every file that is not gets one line on stderr, and fails the
    /// exit code, after the others are written.
    fn extract_table(args: &[String]) -> Result<(), Failure> {
        let mut format = None;
        let mut out: Option<PathBuf> = None;
        let mut paths = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let wanted = match a.as_str() {
                "--csv" => Format::Csv,
                "--json" => Format::Json,
                "-o" | "--output" => {
                    out = Some(PathBuf::from(
                        it.next()
                            .ok_or_else(|| Failure::Usage("-o needs a file".into()))?,
                    ));
                    continue;
                }
                "--" => {
                    paths.extend(it.by_ref().map(PathBuf::from));
                    break;
                }
                s if s.starts_with('-') => {
                    return Err(Failure::Usage(format!("unknown option {s:?}")))
                }
                s => {
                    paths.push(PathBuf::from(s));
                    continue;
                }
            };
            if format.is_some_and(|f| f != wanted) {
                return Err(Failure::Usage("choose one of --csv and --json".into()));
            }
            format = Some(wanted);
        }
        let Some(format) = format else {
            return Err(Failure::Usage(
                "extract takes one PDF, or --csv or --json and files or folders".into(),
            ));
        };
        if paths.is_empty() {
            return Err(Failure::Usage(
                "extract --csv|--json needs a file or folder".into(),
            ));
        }
        let content = Content::embedded().map_err(|e| Failure::Error(format!("content: {e}")))?;
        let (files, walk_errors) = rinnovo_cli::files::collect(&paths);
        let mut failed = walk_errors.len();
        for e in &walk_errors {
            complain(&format!("{}: {}", e.path.display(), e.message));
        }
        let mut records = Vec::with_capacity(files.len());
        for path in &files {
            let name = path.to_string_lossy();
            let row = read(path).and_then(|bytes| {
                rinnovo_cli::paper::read_return(&name, &bytes, &content.province)
                    .map_err(|e| Failure::Error(format!("{name}: {e}")))
            });
            match row {
                Ok(r) => records.push(r),
                Err(Failure::Error(m) | Failure::Usage(m)) => {
                    failed += 1;
                    complain(&m);
                }
                Err(Failure::Said) => failed += 1,
            }
        }
        let write = |w: &mut dyn std::io::Write| match format {
            Format::Csv => rinnovo_cli::table::write_csv(w, &records),
            Format::Json => rinnovo_cli::table::write_json(w, &records),
        };
        let written = match &out {
            Some(path) => std::fs::File::create(path)
                .and_then(|f| write(&mut std::io::BufWriter::new(f)))
                .map_err(|e| format!("{}: {e}", path.display())),
            None => match write(&mut std::io::BufWriter::new(std::io::stdout().lock())) {
                // A closed pipe (`| head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.map_err(|e| format!("stdout: {e}")),
            },
        };
        written.map_err(Failure::Error)?;
        // Each failure has had its line; the rows of the others are written.
        if failed == 0 {
            Ok(())
        } else {
            Err(Failure::Said)
        }
    }

    /// `keys new -o KEY`: a new key pair; the private key into a new file
    /// readable by its owner only, the public key on stdout.
    fn keys_new(path: &Path) -> Result<(), Failure> {
        use std::io::Write as _;
        let key = rinnovo_cli::links::SigningKey::generate();
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        options
            .open(path)
            .and_then(|mut f| f.write_all(key.to_file().as_bytes()))
            .map_err(|e| Failure::Error(format!("{}: {e}", path.display())))?;
        say!(
            "The private key is in {}: keep it in the office, out of the site's files.\n\
             Put the public key into assets/content/site.json:\n  \"links\": {{ \"url\": \"https://...\", \"public_key\": \"{}\" }}",
            path.display(),
            key.public_key()
        );
        Ok(())
    }

    /// `links CUSTOMERS.csv --key KEY -o LINKS.csv [--url URL]`.
    fn links(args: &[String]) -> Result<(), Failure> {
        let (mut list, mut key, mut out, mut url) = (None, None, None, None);
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = |what: &str| {
                it.next()
                    .cloned()
                    .ok_or_else(|| Failure::Usage(format!("{a} needs {what}")))
            };
            match a.as_str() {
                "--key" => key = Some(value("a key file")?),
                "-o" | "--output" => out = Some(value("a file")?),
                "--url" => url = Some(value("the page's address")?),
                s if s.starts_with('-') => {
                    return Err(Failure::Usage(format!("unknown option {s:?}")))
                }
                s if list.is_none() => list = Some(s.to_string()),
                _ => return Err(Failure::Usage("links takes one customer list".into())),
            }
        }
        let (Some(list), Some(key), Some(out)) = (list, key, out) else {
            return Err(Failure::Usage(
                "links takes CUSTOMERS.csv --key KEY -o LINKS.csv".into(),
            ));
        };
        let content = Content::embedded().map_err(|e| Failure::Error(format!("content: {e}")))?;
        let url = match url.or_else(|| content.site.links.as_ref().map(|l| l.url.clone())) {
            Some(u) => u,
            None => {
                return Err(Failure::Error(
                    "site.json has no \"links\" (url and public_key): add them, or give --url"
                        .into(),
                ))
            }
        };
        let key_text =
            std::fs::read_to_string(&key).map_err(|e| Failure::Error(format!("{key}: {e}")))?;
        let key = rinnovo_cli::links::SigningKey::from_file(&key_text)
            .map_err(|e| Failure::Error(format!("{key}: {e}")))?;
        if let Some(site) = &content.site.links {
            if rinnovo_core::link::public_key(&key.public_key()).ok() != Some(site.public_key) {
                complain(&format!(
                    "warning: the key's public key is not site.json's: this site's page will refuse these links (its public key is {})",
                    key.public_key()
                ));
            }
        }
        let wording = rinnovo_core::mail::Invitation::embedded()
            .map_err(|e| Failure::Error(format!("content: {e}")))?;
        let bytes = read(Path::new(&list))?;
        let customers = rinnovo_cli::customers::parse(&bytes)
            .map_err(|e| Failure::Error(format!("{list}: {e}")))?;
        let mut failed = customers.skipped.len();
        for s in &customers.skipped {
            complain(&format!("{list}: line {}: skipped: {}", s.line, s.problem));
        }
        if !customers.ignored_columns.is_empty() {
            complain(&format!(
                "{list}: columns ignored: {}",
                customers.ignored_columns.join(", ")
            ));
        }
        let mut rows = Vec::with_capacity(customers.customers.len());
        for c in &customers.customers {
            match rinnovo_cli::links::Invitation::new(c, &url, &key, &wording, &content) {
                Ok(row) => {
                    let chars = row.mailto.chars().count();
                    if chars > rinnovo_core::mail::MAX_MAILTO_CHARS {
                        complain(&format!(
                            "{list}: line {} ({}): warning: the invitation's mailto: is {chars} characters, and some mail programs cut it over {}: for this customer, send the link column",
                            c.line,
                            c.company.ragione_sociale,
                            rinnovo_core::mail::MAX_MAILTO_CHARS
                        ));
                    }
                    rows.push(row)
                }
                Err(e) => {
                    failed += 1;
                    complain(&format!(
                        "{list}: line {} ({}): no link: {e}",
                        c.line, c.company.ragione_sociale
                    ));
                }
            }
        }
        std::fs::File::create(&out)
            .and_then(|f| rinnovo_cli::links::write_csv(std::io::BufWriter::new(f), &rows))
            .map_err(|e| Failure::Error(format!("{out}: {e}")))?;
        say!(
            "{out}: {} links of {} customers",
            rows.len(),
            rows.len() + failed
        );
        if failed == 0 {
            Ok(())
        } else {
            Err(Failure::Said)
        }
    }

    /// One line on stderr.
    fn complain(message: &str) {
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), "rinnovo-pdf: {message}");
    }

    fn verify(path: &Path) -> Result<(), Failure> {
        let bytes = read(path)?;
        // A scan (an image, or a PDF without the app's data): its pages by
        // their QR codes.
        let scanned = matches!(
            rinnovo_cli::paper::classify(&bytes),
            Ok(rinnovo_cli::paper::Received::Scan)
        );
        let paper = if scanned {
            rinnovo_cli::paper::read_scan(&bytes)
                .map_err(|e| Failure::Error(format!("{}: {e}", path.display())))?
        } else {
            rinnovo_cli::paper::PaperReturn::read(&[])
        };
        // A PDF without the app's data and without its codes on scanned
        // pages is verified as a digital file (which says what it is not).
        let image = !matches!(
            rinnovo_scan::Format::sniff(&bytes),
            Some(rinnovo_scan::Format::Pdf)
        );
        if image || paper.found_any() {
            say!("file: {}", path.display());
            for line in paper.lines() {
                say!("{line}");
            }
            return if paper.complete() {
                Ok(())
            } else {
                Err(Failure::Error(format!(
                    "{}: pages missing, repeated, replaced or from another renewal, or codes not read",
                    path.display()
                )))
            };
        }
        let report = rinnovo_cli::verify::verify(&bytes)
            .map_err(|e| Failure::Error(format!("{}: {e}", path.display())))?;
        say!("file: {}", path.display());
        for line in report.lines() {
            say!("{line}");
        }
        if report.intact() {
            Ok(())
        } else {
            Err(Failure::Error(format!(
                "{}: changed after Rinnovo made it, or not made by Rinnovo",
                path.display()
            )))
        }
    }

    fn templates(dir: &Path) -> Result<(), Failure> {
        let content = Content::embedded().map_err(|e| Failure::Error(format!("content: {e}")))?;
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::Error(format!("{}: {e}", dir.display())))?;
        let fonts = fonts()?;
        for doc in Doc::SINGLE {
            // The site's path, as assets/ keeps it: its file name in `dir`.
            let (Some(bytes), Some(file)) = (
                template::blank(doc, &content, &fonts),
                doc.template().and_then(|t| Path::new(t).file_name()),
            ) else {
                continue;
            };
            let bytes = bytes.map_err(|e| Failure::Error(e.to_string()))?;
            let path = dir.join(file);
            std::fs::write(&path, &bytes)
                .map_err(|e| Failure::Error(format!("{}: {e}", path.display())))?;
            say!("{} ({} bytes)", path.display(), bytes.len());
        }
        Ok(())
    }
}
