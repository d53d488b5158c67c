//! Load: turn the paths given on the command line into [`Source`]s — UTF-8
//! text with its YAML front matter split off — and name every file that
//! cannot be read, with its line where there is one. This module and
//! `report` are the only ones that touch the filesystem.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::Diagnostic;

/// What a statute file says about itself in its front matter (or what is
/// guessed when it has none).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Meta {
    /// Title of the instrument.
    pub title: Option<String>,
    /// Jurisdiction the document belongs to; the file stem when not given.
    pub jurisdiction: String,
    /// ISO 639-1 language code (`en`, `zh`, `fr`, `es`), guessed from the text
    /// when not given, `und` when no guess is possible.
    pub language: String,
    /// How the language was known.
    #[serde(skip)]
    pub language_from: LanguageFrom,
    /// Year of the instrument.
    pub year: Option<i64>,
    /// act, code-extract, regulation, bill, …
    pub kind: Option<String>,
    /// draft, enacted, …
    pub status: Option<String>,
    /// Version or edition; documents of one jurisdiction with different
    /// versions are reported separately.
    pub version: Option<String>,
    /// The jurisdiction's name as shown (`name:`), when given.
    pub name: Option<String>,
    /// The region it belongs to (`region:`), when given.
    pub region: Option<String>,
    /// Keys the front matter has that lexalign does not use, kept as given.
    pub extra: BTreeMap<String, Value>,
}

/// The English short name (ISO 3166-1) of the country whose alpha-2 code
/// `code` is, in any case (`ke` → Kenya); none for any other jurisdiction
/// key (`eu`, `norland`). Three-letter keys are not looked up: a file stem
/// such as `and` or `per` would name a country by accident.
pub fn country_name(code: &str) -> Option<&'static str> {
    let code = code.trim();
    if code.len() != 2 {
        return None;
    }
    rust_iso3166::from_alpha2(&code.to_ascii_uppercase()).map(|c| c.name)
}

/// How a document's language was known.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum LanguageFrom {
    /// Given in the front matter.
    #[default]
    FrontMatter,
    /// Identified from the text.
    Identified {
        /// The identifier's confidence, 0–1.
        confidence: f64,
        /// Whether the identification can be relied on.
        reliable: bool,
    },
    /// Neither given nor identifiable (`und`).
    Unknown,
}

/// One statute file, read and split.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given or found.
    pub path: String,
    /// Front matter.
    pub meta: Meta,
    /// The whole file text (BOM removed).
    pub text: String,
    /// Byte offset where the Markdown body starts (after the front matter).
    pub body_start: usize,
    line_starts: Vec<usize>,
}

impl Source {
    /// Build a source from text already in memory (used by tests and by
    /// [`load_file`]). Front-matter problems are returned as the error.
    pub fn from_text(path: &str, text: String) -> Result<Source, Diagnostic> {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let text = without_invisible(lone_cr_as_lf(text));
        let line_starts = line_starts(&text);
        let (raw_meta, body_start) = split_front_matter(path, &text)?;
        let meta = build_meta(path, raw_meta, &text[body_start..])?;
        Ok(Source {
            path: path.to_string(),
            meta,
            text,
            body_start,
            line_starts,
        })
    }

    /// The Markdown body, after the front matter.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// 1-based line of a byte offset into [`Source::text`].
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Old Mac line ends (a carriage return alone) as line feeds, byte for
/// byte, so that Markdown and line numbers see the same lines (`\r\n`
/// stays as it is).
fn lone_cr_as_lf(text: String) -> String {
    // Looked for with the vectorised search (`str::contains` reads a word
    // at a time).
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Zero-width characters (the zero-width space, the word joiner, a BOM inside the
/// text) removed: they are invisible, and inside a number (`1\u{200b}2`)
/// they would break it. Lines stay where they are.
fn without_invisible(text: String) -> String {
    const INVISIBLE: [char; 3] = ['\u{200b}', '\u{2060}', '\u{feff}'];
    // Looked for as bytes, in one pass (not character by character).
    static BYTES: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(INVISIBLE.map(|c| c.to_string())).ok()
        });
    let found = match BYTES.as_ref() {
        Some(bytes) => bytes.is_match(&text),
        None => text.contains(INVISIBLE),
    };
    if found {
        text.replace(INVISIBLE, "")
    } else {
        text
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

/// A Markdown file to analyse: where it is, and the name the output gives
/// it (see [`display_name`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where the file is.
    pub path: PathBuf,
    /// Its name in messages and reports: never an absolute path.
    pub name: String,
}

impl Input {
    /// A file given by its path, named as [`display_name`] names it.
    pub fn given(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let name = display_name(&path);
        Input { path, name }
    }
}

/// The largest statute file read. Real statutes are a few megabytes; the
/// limit keeps memory bounded (about 4× the largest file) whatever is
/// given.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The longest front matter read (it is a few `key: value` lines).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// How the output names a path given on the command line: as given when
/// it is relative (`corpus/./a/../a` as `corpus/a`); by its last component
/// when it is absolute, so that no report publishes the folders of the
/// machine it was made on.
pub fn display_name(given: &Path) -> String {
    use std::path::Component;
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for c in given.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => absolute = true,
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.last().is_some_and(|p| p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..".to_string());
                }
            }
            Component::Normal(n) => parts.push(n.to_string_lossy().into_owned()),
        }
    }
    if absolute {
        return parts.pop().unwrap_or_else(|| "input".to_string());
    }
    if parts.is_empty() {
        return ".".to_string();
    }
    parts.join("/")
}

/// The name of a file found under a folder given as `root` (named
/// `root_name`): the root's name and the path inside it, `/`-separated.
fn name_under(root: &Path, root_name: &str, file: &Path) -> String {
    let inside = file.strip_prefix(root).unwrap_or(file);
    let inside: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if root_name == "." {
        inside.join("/")
    } else {
        format!("{root_name}/{}", inside.join("/"))
    }
}

/// What kind of file system entry a path is, following symbolic links.
fn not_regular(md: &std::fs::Metadata) -> Option<&'static str> {
    let t = md.file_type();
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Expand the paths given into a list of Markdown files (each folder's
/// files sorted, folders in the order given). A missing path, a folder
/// without Markdown or an entry that is not a regular file (a FIFO, a
/// device) is a diagnostic; the other paths still count. A file reached
/// twice (named directly and through its folder, or through two spellings
/// of one folder) is read once.
pub fn collect_paths(inputs: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for input in inputs {
        let shown = display_name(input);
        match std::fs::metadata(input) {
            Err(err) => diags.push(
                Diagnostic::error(&shown, format!("cannot read this path: {err}"))
                    .with_help("check the spelling, or give a folder of .md files"),
            ),
            Ok(md) if md.is_dir() => {
                let mut found: Vec<Input> = Vec::new();
                for e in walkdir::WalkDir::new(input).follow_links(true) {
                    let e = match e {
                        Ok(e) => e,
                        Err(err) => {
                            let p = err
                                .path()
                                .map(|p| name_under(input, &shown, p))
                                .unwrap_or_else(|| shown.clone());
                            let why = if err.loop_ancestor().is_some() {
                                "a symbolic link loops back to a folder above it; not followed"
                                    .to_string()
                            } else {
                                format!(
                                    "cannot read: {}",
                                    err.io_error()
                                        .map_or_else(|| err.to_string(), |e| e.to_string())
                                )
                            };
                            diags.push(Diagnostic::error(p, why));
                            continue;
                        }
                    };
                    if !is_markdown(e.path()) || e.file_type().is_dir() {
                        continue;
                    }
                    let name = name_under(input, &shown, e.path());
                    if let Some(kind) = e.metadata().ok().as_ref().and_then(not_regular) {
                        diags.push(skipped(&name, kind));
                        continue;
                    }
                    found.push(Input {
                        path: e.into_path(),
                        name,
                    });
                }
                if found.is_empty() {
                    diags.push(
                        Diagnostic::error(&shown, "this folder holds no Markdown (.md) files")
                            .with_help("statutes are read from files ending in .md"),
                    );
                }
                found.sort_by(|a, b| a.path.cmp(&b.path));
                files.extend(found);
            }
            Ok(md) => match not_regular(&md) {
                Some(kind) => diags.push(skipped(&shown, kind)),
                None => files.push(Input {
                    path: input.clone(),
                    name: shown,
                }),
            },
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    files
        .retain(|f| seen.insert(std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone())));
    (files, diags)
}

fn skipped(name: &str, kind: &str) -> Diagnostic {
    Diagnostic::error(name, format!("skipped: this is {kind}, not a file")).with_help(
        "lexalign reads regular .md files; reading a pipe or device could block or never end",
    )
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The grouping key of a file — its jurisdiction and version — read from
/// the front matter only (the file stem when there is none or it cannot be
/// read; problems are reported when the file is loaded).
pub fn peek_key(path: &Path) -> (String, Option<String>) {
    use std::io::Read;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Read as little as the front matter needs: 4 KiB, then more while it
    // is not closed within the complete lines read, up to 64 KiB.
    const MAX: u64 = MAX_FRONT_MATTER_BYTES as u64 + 8;
    // Room for the first read: one read call, not one per doubling.
    let mut head = Vec::with_capacity(4 * 1024);
    let Ok(mut f) = std::fs::File::open(path) else {
        return (stem, None);
    };
    let mut want = 4 * 1024;
    let yaml = loop {
        let got = (&mut f)
            .take(want - head.len() as u64)
            .read_to_end(&mut head)
            .unwrap_or(0);
        let whole = head.len() as u64 >= MAX || got == 0 || (head.len() as u64) < want;
        let text = String::from_utf8_lossy(&head);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        // Before the end, only complete lines count: a cut line could read
        // as a closing `---`.
        let lines = if whole {
            text
        } else {
            text.rfind('\n').map_or("", |i| &text[..=i])
        };
        match split_front_matter("", lines) {
            Ok((Some((yaml, _)), _)) => break yaml.to_string(),
            Ok((None, _)) if whole || !lines.is_empty() => return (stem, None),
            Err(_) if whole => return (stem, None),
            _ => want = (want * 2).min(MAX),
        }
    };
    let (jurisdiction, version) = match simple_key(&yaml) {
        Some(key) => key,
        None => match serde_saphyr::from_str::<RawMeta>(&yaml) {
            Ok(m) => (m.jurisdiction, m.version),
            Err(_) => return (stem, None),
        },
    };
    let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    (clean(jurisdiction).unwrap_or(stem), clean(version))
}

/// The jurisdiction and version of a front matter (see
/// [`simple_front_matter`]).
fn simple_key(yaml: &str) -> Option<(Option<String>, Option<String>)> {
    simple_front_matter(yaml).map(|f| (f.fields.jurisdiction, f.fields.version))
}

/// A front matter written the plain way most are — one `key: value` per
/// line, each value a plain word or a quoted text without escapes — read
/// without the YAML parser; `None` for anything else (the parser reads
/// it). Where this answers, it answers as the parser would: a key lexalign
/// does not read keeps its value as text, so such a value must be one YAML
/// reads as nothing else (see [`plain_text`]).
fn simple_front_matter(yaml: &str) -> Option<FrontMatter> {
    // Tags are left to the parser (as [`read_front_matter`] does).
    if yaml.contains('!') {
        return None;
    }
    let mut read = FrontMatter::default();
    for line in yaml.split('\n') {
        if line.trim_start_matches(' ').is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let key_ok = key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        // Words YAML may read as another kind of key than text.
        let special = matches!(
            key,
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
        if !key_ok || special || !value.starts_with(' ') {
            return None;
        }
        let (value, quoted) = simple_value(value.trim_matches(' '))?;
        match read.fields.field(key) {
            Some(field) => {
                if field.replace(value.to_string()).is_some() {
                    return None;
                }
            }
            None => {
                let text = Value::String(value.to_string());
                if !(quoted || plain_text(value))
                    || read.extra.insert(key.to_string(), text).is_some()
                {
                    return None;
                }
            }
        }
    }
    Some(read)
}

/// True for a plain value YAML reads as text, not as a number, a date
/// kept as text aside (`2026-11-28`), a boolean or null: one with a letter
/// that cannot be part of a number, and none of YAML's words. Looser
/// values are left to the parser.
fn plain_text(v: &str) -> bool {
    let date = v.len() == 10
        && v.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if date {
        return true;
    }
    let words = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    !words.iter().any(|w| v.eq_ignore_ascii_case(w))
        && !v
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b"xXoO.+_-".contains(&b))
}

/// A value of [`simple_front_matter`] and whether it was quoted: a quoted
/// text without escapes or the quote inside, or a plain word that YAML
/// reads as text where the key is read as text (not empty, no null, no
/// indicator first, no `: ` or ` #` inside); `None` for anything else.
fn simple_value(v: &str) -> Option<(&str, bool)> {
    // Characters YAML treats apart (controls, breaks, the byte-order mark).
    let odd = |c: char| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
    };
    // (An ASCII character is a control below the space and at DEL; most
    // values are ASCII, read byte by byte.)
    let has_odd = if v.is_ascii() {
        v.bytes().any(|b| b < 0x20 || b == 0x7f)
    } else {
        v.chars().any(odd)
    };
    if has_odd {
        return None;
    }
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q) {
            let inner = inner.strip_suffix(q)?;
            return (!inner.contains([q, '\\'])).then_some((inner, true));
        }
    }
    let indicator = v.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`',
    ]);
    let null = matches!(v, "" | "~" | "null" | "Null" | "NULL");
    // A float out of range (`1e999`, `.inf`) makes the parser fail where
    // it skips a key it does not read.
    let float = v.starts_with(['.', '+'])
        || (v.bytes().all(|b| b"0123456789.eE+-_".contains(&b))
            && v.bytes().any(|b| b == b'e' || b == b'E'));
    // `: ` or ` #` inside, found from the rare byte of each.
    let bytes = v.as_bytes();
    let separator = memchr::memchr2_iter(b':', b'#', bytes).any(|i| {
        if bytes[i] == b':' {
            bytes.get(i + 1) == Some(&b' ')
        } else {
            i > 0 && bytes[i - 1] == b' '
        }
    });
    if indicator || null || float || separator || v.ends_with(':') {
        return None;
    }
    Some((v, false))
}

/// Read one file: UTF-8, not empty, not binary, with a well-formed front
/// matter if it has one.
pub fn load_file(input: &Input) -> Result<Source, Diagnostic> {
    use std::io::Read;
    let shown = input.name.as_str();
    let cannot =
        |err: std::io::Error| Diagnostic::error(shown, format!("cannot read this file: {err}"));
    let file = std::fs::File::open(&input.path).map_err(cannot)?;
    // Room for the whole file (as its size says, up to the limit) and the
    // read that finds its end: read in one go, not grown by doubling with
    // a read call per step (the size hint does not pass through `take`).
    let size = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_FILE_BYTES + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            format!(
                "the file is larger than the limit of {} MiB; not read",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_help("split it into one file per act or part (files of one jurisdiction are judged together)"));
    }
    load_bytes(shown, bytes)
}

/// Check and split bytes already read (the testable part of [`load_file`]).
pub fn load_bytes(shown: &str, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
    let bytes = match utf16(&bytes) {
        Some(Ok(text)) => text.into_bytes(),
        Some(Err(())) => {
            return Err(Diagnostic::error(
                shown,
                "the file starts with a UTF-16 byte-order mark but is not valid UTF-16",
            )
            .with_help("convert it to UTF-8, e.g. with iconv"));
        }
        None => bytes,
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Diagnostic::error(shown, "the file is empty")
            .with_help("a statute file holds Markdown text"));
    }
    // Looked for with the vectorised search; most files have none.
    if let Some(pos) = memchr::memchr(0, &bytes) {
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        return Err(Diagnostic::error(
            shown,
            "this looks like a binary file (it contains NUL bytes)",
        )
        .at(line, None)
        .with_help("give lexalign Markdown text files"));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
        let line_start = bytes[..valid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let column = 1 + String::from_utf8_lossy(&bytes[line_start..valid])
            .chars()
            .count();
        Diagnostic::error(
            shown,
            format!("the file is not valid UTF-8 (byte 0x{:02x})", bytes[valid]),
        )
        .at(line, Some(column))
        .with_help("convert it to UTF-8, e.g. with iconv")
    })?;
    Source::from_text(shown, text)
}

/// UTF-16 text (recognised by its byte-order mark) decoded; `None` when
/// the bytes do not start with one.
fn utf16(bytes: &[u8]) -> Option<Result<String, ()>> {
    let little = match bytes {
        [0xff, 0xfe, ..] => true,
        [0xfe, 0xff, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|c| match (c, little) {
        ([a, b], true) => Ok(u16::from_le_bytes([*a, *b])),
        ([a, b], false) => Ok(u16::from_be_bytes([*a, *b])),
        _ => Err(()),
    });
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut whole = Vec::with_capacity(bytes.len() / 2);
    for u in units {
        match u {
            Ok(u) => whole.push(u),
            Err(()) => return Some(Err(())),
        }
    }
    for c in char::decode_utf16(whole) {
        match c {
            Ok(c) => out.push(c),
            Err(_) => return Some(Err(())),
        }
    }
    Some(Ok(out))
}

/// Split YAML front matter off the start of the text. Only a `---` line at
/// byte 0 opens it; a `---` anywhere else is Markdown (a thematic break).
/// The YAML of the front matter (with its byte offset) and where the body starts.
type FrontMatterSplit<'t> = (Option<(&'t str, usize)>, usize);

fn split_front_matter<'t>(path: &str, text: &'t str) -> Result<FrontMatterSplit<'t>, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Ok((None, 0));
    }
    let mut pos = first_line_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            if pos - first_line_end > MAX_FRONT_MATTER_BYTES {
                return Err(Diagnostic::error(
                    path,
                    format!(
                        "the front matter is longer than the limit of {} KiB",
                        MAX_FRONT_MATTER_BYTES / 1024
                    ),
                )
                .at(1, Some(1))
                .with_help(
                    "front matter holds a few `key: value` lines; put long text in the body",
                ));
            }
            return Ok((Some((&text[first_line_end..pos], first_line_end)), end));
        }
        pos = end;
    }
    Err(
        Diagnostic::error(path, "the front matter opened on line 1 is never closed")
            .at(1, Some(1))
            .with_help("end it with a line holding only `---`"),
    )
}

/// The front-matter keys lexalign reads, all read as text so that YAML's
/// `NO` or `2018` stay as written.
#[derive(serde::Deserialize, Default, Debug, PartialEq)]
struct RawMeta {
    title: Option<String>,
    jurisdiction: Option<String>,
    language: Option<String>,
    year: Option<String>,
    kind: Option<String>,
    status: Option<String>,
    version: Option<String>,
    name: Option<String>,
    region: Option<String>,
}

impl RawMeta {
    /// The field a front-matter key fills; None for a key lexalign does not
    /// read (kept as given, see [`FrontMatter`]).
    fn field(&mut self, key: &str) -> Option<&mut Option<String>> {
        Some(match key {
            "title" => &mut self.title,
            "jurisdiction" => &mut self.jurisdiction,
            "language" => &mut self.language,
            "year" => &mut self.year,
            "kind" => &mut self.kind,
            "status" => &mut self.status,
            "version" => &mut self.version,
            "name" => &mut self.name,
            "region" => &mut self.region,
            _ => return None,
        })
    }
}

/// True for a front-matter key lexalign reads.
fn known_key(key: &str) -> bool {
    RawMeta::default().field(key).is_some()
}

/// A front matter read in one pass: the keys lexalign uses as text (as
/// [`RawMeta`] reads them), the others as given (as a whole read into a
/// [`Value`] holds them).
#[derive(Default, Debug, PartialEq)]
struct FrontMatter {
    fields: RawMeta,
    extra: BTreeMap<String, Value>,
}

impl<'de> serde::Deserialize<'de> for FrontMatter {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Lines;
        impl<'de> serde::de::Visitor<'de> for Lines {
            type Value = FrontMatter;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`key: value` lines")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<FrontMatter, A::Error> {
                use serde::de::Error;
                let mut read = FrontMatter::default();
                while let Some(key) = map.next_key::<String>()? {
                    let Some(field) = read.fields.field(&key) else {
                        let value = map.next_value::<Value>()?;
                        if read.extra.insert(key, value).is_some() {
                            return Err(A::Error::custom("a key given twice"));
                        }
                        continue;
                    };
                    let value = map.next_value::<Option<String>>()?;
                    if std::mem::replace(field, value).is_some() {
                        return Err(A::Error::custom("a key given twice"));
                    }
                }
                Ok(read)
            }
        }
        d.deserialize_map(Lines)
    }
}

/// The front matter read in one pass, when it is plain `key: value`
/// lines that read without error and without YAML tags (`!!binary`),
/// whose values might read as text and not as a whole. None otherwise:
/// then it is read as before, as a whole and for the keys used, which
/// finds the same values and names what is wrong.
fn read_front_matter(yaml: &str) -> Option<FrontMatter> {
    if yaml.contains('!') {
        return None;
    }
    serde_saphyr::from_str::<FrontMatter>(yaml).ok()
}

/// Where a YAML error is (line, column when known) and the first line of
/// its message without the parser's own position prefix.
pub(crate) fn yaml_error_parts(err: &serde_saphyr::Error) -> (usize, Option<usize>, String) {
    let (line, col) = err
        .location()
        .map(|l| (l.line() as usize, Some(l.column() as usize)))
        .unwrap_or((1, None));
    let msg = err.to_string();
    let first = msg.lines().next().unwrap_or("invalid YAML").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let first = match first.find(": ") {
        Some(i) if first.starts_with("line ") => &first[i + 2..],
        _ => first,
    };
    (line, col, first.to_string())
}

fn build_meta(path: &str, raw: Option<(&str, usize)>, body: &str) -> Result<Meta, Diagnostic> {
    let mut fields = RawMeta::default();
    let mut extra = BTreeMap::new();
    if let Some((yaml, _)) = raw.filter(|(y, _)| !y.trim().is_empty()) {
        // The YAML starts on line 2, after the opening `---`.
        let yaml_error = |err: serde_saphyr::Error| {
            let (line, col, first) = yaml_error_parts(&err);
            let first = first.as_str();
            // The parser's own advice names its options: say it plainly.
            let first = match first.strip_prefix("duplicate mapping key: ") {
                Some(rest) => {
                    let key = rest.split(',').next().unwrap_or(rest).trim();
                    format!("the key `{key}` is given twice")
                }
                None => first.to_string(),
            };
            Diagnostic::error(path, format!("malformed front matter: {first}"))
                .at(1 + line, col)
                .with_help("front matter is `key: value` lines between two `---` lines, e.g. `jurisdiction: ke`")
        };
        if let Some(read) = simple_front_matter(yaml).or_else(|| read_front_matter(yaml)) {
            fields = read.fields;
            extra = read.extra;
        } else {
            // Not plain `key: value` lines: read again, as a whole and
            // then for the keys used, to say what is wrong.
            let value: Value = serde_saphyr::from_str(yaml).map_err(yaml_error)?;
            let Value::Object(obj) = value else {
                return Err(Diagnostic::error(
                    path,
                    "malformed front matter: expected `key: value` lines",
                )
                .at(2, Some(1))
                .with_help("write e.g. `jurisdiction: ke` and `language: en`"));
            };
            fields = serde_saphyr::from_str(yaml).map_err(yaml_error)?;
            extra.extend(obj.into_iter().filter(|(k, _)| !known_key(k)));
        }
    }
    let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let year = match clean(fields.year) {
        None => None,
        Some(y) => Some(y.parse::<i64>().map_err(|_| {
            Diagnostic::error(
                path,
                format!("malformed front matter: `year` should be a number, found `{y}`"),
            )
            .at(2, None)
        })?),
    };
    let stem = Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    let (language, language_from) = match clean(fields.language) {
        Some(l) => (l.to_lowercase(), LanguageFrom::FrontMatter),
        None => match crate::text::language::identify(body) {
            Some(i) => (
                i.code,
                LanguageFrom::Identified {
                    confidence: i.confidence,
                    reliable: i.reliable,
                },
            ),
            None => ("und".to_string(), LanguageFrom::Unknown),
        },
    };
    Ok(Meta {
        title: clean(fields.title),
        jurisdiction: clean(fields.jurisdiction).unwrap_or(stem),
        language,
        language_from,
        year,
        kind: clean(fields.kind),
        status: clean(fields.status),
        version: clean(fields.version),
        name: clean(fields.name),
        region: clean(fields.region),
        extra,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The jurisdiction and version as the YAML parser reads them (`None`
    /// when it cannot).
    fn parsed_key(yaml: &str) -> Option<(Option<String>, Option<String>)> {
        let m = serde_saphyr::from_str::<RawMeta>(yaml).ok()?;
        Some((m.jurisdiction, m.version))
    }

    /// Where the quick reading of a front matter answers, it answers as the
    /// YAML parser does: on every front matter of the statutes and the
    /// corpus, and on lines written to trip it (values YAML reads as
    /// numbers, booleans or null, quotes, indicators, comments, keys given
    /// twice, indentation, tabs, other line ends).
    #[test]
    fn the_quick_key_reads_as_the_yaml_parser() {
        let mut cases: Vec<String> = Vec::new();
        let mut real = 0;
        for text in crate::test_support::sample_texts() {
            if let Ok((Some((yaml, _)), _)) = split_front_matter("", &text) {
                cases.push(yaml.to_string());
                real += 1;
            }
        }
        let values = [
            "ca",
            "\"ca\"",
            "'ca'",
            "\" ca \"",
            "2025",
            "\"2025\"",
            "yes",
            "No",
            "on",
            "OFF",
            "true",
            "False",
            "null",
            "Null",
            "~",
            "1e3",
            "0x1F",
            "0o17",
            "1_000",
            ".inf",
            "-.inf",
            ".NaN",
            "1.0",
            "+1",
            "012",
            "2001-12-14",
            "2001-12-14t21:59:43.10-05:00",
            "a b",
            "a:b",
            "http://x.org/a?b=c",
            "a #b",
            "a# b",
            "中华人民共和国",
            "\"a'b\"",
            "'a\"b'",
            "\"a\\\"b\"",
            "\"a\\nb\"",
            "''",
            "\"\"",
            "'it''s'",
            "é",
            "a\u{85}b",
            "a\u{a0}b",
            "a\u{2028}b",
            "\u{feff}a",
            "=",
            "<<",
            "a,b",
            "[a]",
            "{a: b}",
            "a]",
            "a}",
            "&a a",
            "*a",
            "!x a",
            "!!str 1",
            "|",
            ">",
            "%x",
            "@x",
            "`x",
            "-x",
            "- x",
            "?x",
            "? x",
            ":x",
            "x:",
            "x :y",
            "x: y",
            "a\tb",
            "a\u{7f}b",
            "a\u{1}b",
            "a #",
            "a:: b",
            "1e999",
            "1e400",
            "99999999999999999999999999",
            "-99999999999999999999999",
            "0x",
            "0xFFFFFFFFFFFFFFFFFFFF",
            "0b101",
            "1.5e-400",
            "+.inf",
            "inf",
            "nan",
            "Inf",
            "draft",
            "enacted",
            "cafe",
            "CAFE",
            "beef1",
            "0b",
            "2026-11-28",
            "2026-1-28",
            "2026-11-28x",
            "20261128",
            "2026-11-28 10:00",
            "2026-11-28T10:00:00Z",
            "12:30",
            "1:30:00",
            "1,000",
            "10%",
            "ke",
            "KE",
            "Y",
            "N",
            "True",
            "TRUE",
            "Off",
            "NO",
            "1 2",
            "a1",
            "1a",
            "x1",
            "0x",
            "o",
            "O",
            "e",
            "E",
            "-",
            "_",
            "a.b",
            "1.2.3",
            ".Inf",
            ".INF",
            ".nan",
            ".5",
            "1.",
            "0.0",
            "-0",
            "+12e03",
            "\"unclosed",
            "'unclosed",
            "\"a\" b",
            "a \"b\"",
        ];
        let keys = [
            "jurisdiction",
            "version",
            "title",
            "retrieved",
            "null",
            "true",
            "yes",
            "on",
            "n",
            "y",
            "x1",
            "a_b",
            "Jurisdiction",
        ];
        for key in keys {
            for v in values {
                cases.push(format!("language: en\n{key}: {v}\nyear: 2020\n"));
                cases.push(format!("{key}: {v}"));
            }
        }
        for extra in [
            "jurisdiction: a\njurisdiction: b\n",
            "jurisdiction: a\n  version: b\n",
            "jurisdiction: a\nversion:\n  - b\n",
            "jurisdiction: a\n# note: x\n\nversion: b\n",
            "jurisdiction: a\r\nversion: b\r\n",
            "jurisdiction:\ta\n",
            "jurisdiction:a\n",
            "jurisdiction: a\n---\nversion: b\n",
            "jurisdiction: a\n...\n",
            "jurisdiction: >\n  a\n",
            "jurisdiction: a\n b\n",
            "? jurisdiction\n: a\n",
            "%YAML 1.2\njurisdiction: a\n",
        ] {
            cases.push(extra.to_string());
        }
        let mut quick = 0;
        for yaml in &cases {
            if let Some(key) = simple_key(yaml) {
                quick += 1;
                assert_eq!(Some(key), parsed_key(yaml), "{yaml:?}");
            }
            // The whole front matter too, as the load reads it.
            if let Some(read) = simple_front_matter(yaml) {
                assert_eq!(Some(read), read_front_matter(yaml), "{yaml:?}");
            }
        }
        // The quick reading answers for most real front matters (else it
        // saves nothing), and leaves the odd cases to the parser.
        assert!(real > 20, "{real}");
        assert!(
            quick > real * 9 / 10,
            "{quick} of {real} real, {} in all",
            cases.len()
        );
        assert!(quick < cases.len() - 200, "{quick} of {}", cases.len());
    }

    #[test]
    fn a_jurisdiction_code_names_its_country_in_any_case() {
        assert_eq!(country_name("ke"), Some("Kenya"));
        assert_eq!(country_name("CN"), Some("China"));
        assert_eq!(country_name("zz"), None);
        assert_eq!(country_name("eu"), None);
        assert_eq!(country_name("ken"), None, "three letters are not looked up");
        assert_eq!(country_name("norland"), None);
    }

    #[test]
    fn name_and_region_come_from_the_front_matter() {
        let src = Source::from_text(
            "x.md",
            "---\njurisdiction: ke\nname: Republic of Kenya\nregion: East Africa\nlanguage: en\n---\n\n1. Text\n".into(),
        )
        .unwrap();
        assert_eq!(src.meta.name.as_deref(), Some("Republic of Kenya"));
        assert_eq!(src.meta.region.as_deref(), Some("East Africa"));
        assert!(src.meta.extra.is_empty(), "{:?}", src.meta.extra);
    }

    #[test]
    fn the_grouping_key_is_read_from_front_matter_of_any_length() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let key = |p: &Path| peek_key(p);
        let note = "x".repeat(9000);
        // Closed after the first chunks read.
        let p = write(
            "long.md",
            &format!("---\nnote: {note}\njurisdiction: Aldoria\nversion: 2\n---\n\n1. Text\n"),
        );
        assert_eq!(key(&p), ("Aldoria".into(), Some("2".into())));
        // A line `---x…` cut by a chunk boundary is not a closing line.
        let pad = "y".repeat(4096 - "---\nnote: \n---".len());
        let p = write(
            "cut.md",
            &format!("---\nnote: {pad}\n---xyz: 1\njurisdiction: Brevia\n---\n"),
        );
        assert_eq!(key(&p), ("Brevia".into(), None));
        // No front matter, never closed, empty: the file stem.
        let p = write("plain.md", "1. Text\n");
        assert_eq!(key(&p), ("plain".into(), None));
        let p = write("open.md", &format!("---\njurisdiction: X\n{note}\n"));
        assert_eq!(key(&p), ("open".into(), None));
        let p = write("empty.md", "");
        assert_eq!(key(&p), ("empty".into(), None));
    }

    #[test]
    fn front_matter_is_split_and_typed() {
        let src = Source::from_text(
            "x/ke-act.md",
            "---\ntitle: \"An Act\"\njurisdiction: NO\nyear: 2018\nversion: 2\nsource: somewhere\n---\n\n# Body\n".into(),
        )
        .unwrap();
        assert_eq!(src.meta.jurisdiction, "NO");
        assert_eq!(src.meta.year, Some(2018));
        assert_eq!(src.meta.version.as_deref(), Some("2"));
        assert_eq!(src.meta.extra["source"], Value::String("somewhere".into()));
        assert!(src.body().starts_with("\n# Body"));
        assert_eq!(src.line_of(src.body_start + 1), 9);
    }

    #[test]
    fn no_front_matter_uses_the_file_stem_and_guesses_language() {
        let src = Source::from_text(
            "dir/brevia.md",
            "1. In this Act the child means any person under the age of 18 and shall include the person.\n".into(),
        )
        .unwrap();
        assert_eq!(src.meta.jurisdiction, "brevia");
        assert_eq!(src.meta.language, "en");
        assert_eq!(src.body_start, 0);
    }

    #[test]
    fn a_rule_in_the_body_is_not_front_matter() {
        let src = Source::from_text("a.md", "# T\n\n---\n\ntext\n---\n".into()).unwrap();
        assert_eq!(src.body_start, 0);
    }

    #[test]
    fn unclosed_and_malformed_front_matter_are_errors_with_lines() {
        let err = Source::from_text("a.md", "---\ntitle: x\n".into()).unwrap_err();
        assert!(err.message.contains("never closed"), "{err}");
        let err = Source::from_text("a.md", "---\ntitle: x\nyear: [1, 2\n---\nbody\n".into())
            .unwrap_err();
        assert!(err.message.starts_with("malformed front matter"), "{err}");
        assert!(err.line.is_some());
        let err = Source::from_text("a.md", "---\nyear: twenty\n---\nbody\n".into()).unwrap_err();
        assert!(err.message.contains("`year` should be a number"), "{err}");
    }

    #[test]
    fn front_matter_read_in_one_pass_reads_as_the_two_readings() {
        let fields = |m: &RawMeta| {
            [
                &m.title,
                &m.jurisdiction,
                &m.language,
                &m.year,
                &m.kind,
                &m.status,
                &m.version,
                &m.name,
                &m.region,
            ]
            .map(Clone::clone)
        };
        for yaml in [
            "title: \"An Act\"\njurisdiction: NO\nyear: 2018\nversion: 2.0\nsource: x\nretrieved: 2026-12-02\n",
            "language: en\nnote: 'it''s'\nlist: [1, 2.5, true, ~]\nmap: {a: b}\nempty:\nname:\n",
        ] {
            let one = read_front_matter(yaml).unwrap();
            let raw: RawMeta = serde_saphyr::from_str(yaml).unwrap();
            assert_eq!(fields(&one.fields), fields(&raw));
            let Value::Object(obj) = serde_saphyr::from_str::<Value>(yaml).unwrap() else {
                panic!("a map")
            };
            let extra: BTreeMap<String, Value> =
                obj.into_iter().filter(|(k, _)| !known_key(k)).collect();
            assert_eq!(one.extra, extra);
        }
        // Tags, a list, a key given twice: read as before.
        assert!(read_front_matter("title: !!str 12\n").is_none());
        assert!(read_front_matter("- a\n- b\n").is_none());
        assert!(read_front_matter("title: a\ntitle: b\n").is_none());
        let err =
            Source::from_text("a.md", "---\ntitle: a\ntitle: b\n---\nbody\n".into()).unwrap_err();
        assert!(err.message.contains("`title` is given twice"), "{err}");
    }

    #[test]
    fn bad_bytes_are_named() {
        let err = load_bytes("e.md", b"  \n\n".to_vec()).unwrap_err();
        assert!(err.message.contains("empty"));
        let err = load_bytes("b.md", vec![0x7f, b'E', b'L', b'F', 0, 1, 2]).unwrap_err();
        assert!(err.message.contains("binary"));
        let err = load_bytes("u.md", b"line one\nab\xffcd\n".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn a_language_not_given_is_identified() {
        let src = Source::from_text(
            "t.md",
            "Le fait de diffuser l'image d'un mineur est puni de cinq ans d'emprisonnement et de 75 000 euros d'amende.".into(),
        )
        .unwrap();
        assert_eq!(src.meta.language, "fr");
        assert!(matches!(
            src.meta.language_from,
            LanguageFrom::Identified { .. }
        ));
        let given = Source::from_text("t.md", "---\nlanguage: DE\n---\nText.".into()).unwrap();
        assert_eq!(given.meta.language, "de");
        assert_eq!(given.meta.language_from, LanguageFrom::FrontMatter);
    }
}
