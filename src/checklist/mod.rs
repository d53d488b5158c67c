//! The model law: load `checklist.json`, `concepts.json` and
//! `lexicon/<lang>.json` from a folder (or the copy embedded in the binary),
//! and validate them, reporting every problem at once with file:line:col.

pub mod model;
pub mod words;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::diag::Diagnostic;
pub use model::*;
pub use words::*;

/// A loaded, validated model law.
#[derive(Debug, Clone)]
pub struct ModelLaw {
    /// Where it was read from; `None` for the embedded one.
    pub dir: Option<PathBuf>,
    /// The checklist.
    pub checklist: ChecklistFile,
    /// The concepts.
    pub concepts: BTreeMap<String, ConceptDef>,
    /// Lexicons by language code.
    pub lexicons: BTreeMap<String, LexiconFile>,
    /// Line of each item's `"id"` in checklist.json, for reports that link
    /// a finding to the requirement.
    pub item_lines: BTreeMap<String, usize>,
    /// Each item's rule in words, as findings explain it: made by the
    /// assessment on first need, once per run instead of once per finding.
    pub rule_texts: std::sync::OnceLock<Vec<String>>,
}

impl ModelLaw {
    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.checklist.items.iter().find(|i| i.id == id)
    }

    /// The word that cites an unnumbered paragraph of an article in a
    /// language (see [`LexiconFile::paragraph_label`]).
    pub fn paragraph_label(&self, language: &str) -> &str {
        self.lexicons
            .get(language)
            .map_or(DEFAULT_PARAGRAPH_LABEL, LexiconFile::paragraph_label)
    }

    /// Concepts having a role.
    pub fn concepts_with_role(&self, role: Role) -> Vec<&str> {
        self.concepts
            .iter()
            .filter(|(_, c)| c.role == Some(role))
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// The areas in report order: core areas first, then the others, each
    /// group in file order.
    pub fn areas_in_order(&self) -> Vec<&Area> {
        let mut areas: Vec<&Area> = self.checklist.areas.iter().filter(|a| a.core).collect();
        areas.extend(self.checklist.areas.iter().filter(|a| !a.core));
        areas
    }
}

/// The files of a model law, as text.
pub struct ModelLawFiles {
    /// Folder shown in messages.
    pub dir: String,
    /// `checklist.json`.
    pub checklist: String,
    /// `concepts.json`.
    pub concepts: String,
    /// `lexicon/<lang>.json`, by file name.
    pub lexicons: Vec<(String, String)>,
}

mod embedded {
    // Written by build.rs: every file of `model-law/lexicon/`.
    include!(concat!(env!("OUT_DIR"), "/lexicons.rs"));
}

/// The paragraph label (see [`LexiconFile::paragraph_label`]) of a
/// language in the embedded model law, read once from its lexicons, so
/// that a statute is parsed alike with or without the model law loaded.
pub fn embedded_paragraph_label(language: &str) -> &'static str {
    #[derive(Deserialize)]
    struct Label {
        language: String,
        #[serde(default)]
        paragraph_label: Option<String>,
    }
    static LABELS: std::sync::LazyLock<BTreeMap<String, String>> = std::sync::LazyLock::new(|| {
        embedded::LEXICONS
            .iter()
            .filter_map(|(_, text)| serde_json::from_str::<Label>(text).ok())
            .filter_map(|l| Some((l.language, l.paragraph_label?)))
            .collect()
    });
    LABELS
        .get(language)
        .map_or(DEFAULT_PARAGRAPH_LABEL, String::as_str)
}

/// The model law embedded in the binary.
pub fn embedded_files() -> ModelLawFiles {
    ModelLawFiles {
        dir: "model-law".into(),
        checklist: include_str!("../../model-law/checklist.json").into(),
        concepts: include_str!("../../model-law/concepts.json").into(),
        lexicons: embedded::LEXICONS
            .iter()
            .map(|(name, text)| ((*name).to_string(), (*text).to_string()))
            .collect(),
    }
}

/// Read a model law's files from a folder.
pub fn read_files(dir: &Path) -> Result<ModelLawFiles, Vec<Diagnostic>> {
    let shown = dir.display().to_string();
    let read = |name: &str| -> Result<String, Diagnostic> {
        let p = dir.join(name);
        std::fs::read_to_string(&p)
            .map_err(|e| Diagnostic::error(p.display().to_string(), format!("cannot read: {e}")))
    };
    let mut errors = Vec::new();
    let checklist = read("checklist.json")
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let concepts = read("concepts.json")
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let mut lexicons = Vec::new();
    let lex_dir = dir.join("lexicon");
    match std::fs::read_dir(&lex_dir) {
        Err(e) => errors.push(Diagnostic::error(
            lex_dir.display().to_string(),
            format!("cannot read the lexicon folder: {e}"),
        )),
        Ok(entries) => {
            let mut names: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            names.sort();
            for p in names {
                match std::fs::read_to_string(&p) {
                    Ok(t) => lexicons.push((
                        p.file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                        t,
                    )),
                    Err(e) => errors.push(Diagnostic::error(
                        p.display().to_string(),
                        format!("cannot read: {e}"),
                    )),
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ModelLawFiles {
        dir: shown,
        checklist,
        concepts,
        lexicons,
    })
}

/// Load the model law from `dir`, or the embedded one.
pub fn load(dir: Option<&Path>) -> Result<ModelLaw, Vec<Diagnostic>> {
    let files = match dir {
        Some(d) => read_files(d)?,
        None => embedded_files(),
    };
    let mut law = parse_files(&files)?;
    law.dir = dir.map(Path::to_path_buf);
    Ok(law)
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn json_error(path: &str, err: &serde_json::Error, base: (usize, usize), what: &str) -> Diagnostic {
    let (line, col) = if err.line() <= 1 {
        (base.0, base.1 + err.column().saturating_sub(1))
    } else {
        (base.0 + err.line() - 1, err.column())
    };
    let msg = err.to_string();
    // serde_json appends " at line L column C"; we print our own position.
    let msg = match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => &msg,
    };
    Diagnostic::error(path, format!("{what}: {msg}")).at(line, Some(col))
}

/// Position of the first `"key": "value"` (or of `"key"` when `value` is
/// empty) after `from`, for messages about valid JSON.
fn find_key(text: &str, key: &str, value: &str, nth: usize) -> (usize, usize) {
    let needle = if value.is_empty() {
        format!("\"{key}\"")
    } else {
        format!("\"{value}\"")
    };
    let mut found = 0;
    let mut start = 0;
    while let Some(i) = text[start..].find(&needle) {
        let at = start + i;
        let is_key_value = value.is_empty()
            || text[..at].trim_end().ends_with(':') && {
                let before = text[..at].trim_end().trim_end_matches(':').trim_end();
                before.ends_with(&format!("\"{key}\""))
            };
        if is_key_value {
            if found == nth {
                return line_col(text, at);
            }
            found += 1;
        }
        start = at + needle.len();
    }
    (1, 1)
}

/// Position of the first JSON string literal holding `value` (as written
/// in the file, escapes included), for messages about list elements.
fn find_string(text: &str, value: &str) -> (usize, usize) {
    let needle = serde_json::to_string(value).unwrap_or_default();
    text.find(&needle).map_or((1, 1), |i| line_col(text, i))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklist<'a> {
    id: String,
    version: String,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_scores")]
    status_scores: StatusScores,
    #[serde(borrow)]
    areas: Vec<&'a RawValue>,
    #[serde(borrow)]
    items: Vec<&'a RawValue>,
}

fn default_scores() -> StatusScores {
    StatusScores {
        met: 1.0,
        partial: 0.5,
        not_met: 0.0,
    }
}

fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

/// Parse and validate the files of a model law; every problem is returned.
pub fn parse_files(files: &ModelLawFiles) -> Result<ModelLaw, Vec<Diagnostic>> {
    let mut errs: Vec<Diagnostic> = Vec::new();
    let cpath = format!("{}/checklist.json", files.dir);
    let kpath = format!("{}/concepts.json", files.dir);

    // checklist.json: the envelope first, then each area and item alone so
    // that one bad item does not hide the next.
    let mut checklist: Option<ChecklistFile> = None;
    match serde_json::from_str::<RawChecklist>(&files.checklist) {
        Err(e) => errs.push(json_error(&cpath, &e, (1, 1), "invalid checklist")),
        Ok(raw) => {
            let mut areas = Vec::new();
            for a in &raw.areas {
                let base = line_col(&files.checklist, offset_in(&files.checklist, a.get()));
                match serde_json::from_str::<Area>(a.get()) {
                    Ok(a) => areas.push(a),
                    Err(e) => errs.push(json_error(&cpath, &e, base, "invalid area")),
                }
            }
            let mut items = Vec::new();
            for it in &raw.items {
                let base = line_col(&files.checklist, offset_in(&files.checklist, it.get()));
                match serde_json::from_str::<Item>(it.get()) {
                    Ok(i) => items.push(i),
                    Err(e) => errs.push(json_error(&cpath, &e, base, "invalid item")),
                }
            }
            checklist = Some(ChecklistFile {
                id: raw.id,
                version: raw.version,
                title: raw.title,
                description: raw.description,
                status_scores: raw.status_scores,
                areas,
                items,
            });
        }
    }
    let concepts = match serde_json::from_str::<ConceptsFile>(&files.concepts) {
        Ok(c) => Some(c.concepts),
        Err(e) => {
            errs.push(json_error(&kpath, &e, (1, 1), "invalid concepts file"));
            None
        }
    };
    let mut lexicons = BTreeMap::new();
    let mut lex_texts = BTreeMap::new();
    for (name, text) in &files.lexicons {
        let lpath = format!("{}/lexicon/{name}", files.dir);
        match serde_json::from_str::<LexiconFile>(text) {
            Ok(l) => {
                if lexicons.contains_key(&l.language) {
                    let (line, col) = find_key(text, "language", &l.language, 0);
                    errs.push(
                        Diagnostic::error(
                            &lpath,
                            format!("a second lexicon for language `{}`", l.language),
                        )
                        .at(line, Some(col)),
                    );
                } else {
                    lex_texts.insert(l.language.clone(), (lpath, text.as_str()));
                    lexicons.insert(l.language.clone(), l);
                }
            }
            Err(e) => errs.push(json_error(&lpath, &e, (1, 1), "invalid lexicon")),
        }
    }
    if files.lexicons.is_empty() {
        errs.push(Diagnostic::error(
            format!("{}/lexicon", files.dir),
            "no lexicon files: add at least one lexicon/<language>.json",
        ));
    }

    let mut item_lines = BTreeMap::new();
    if let (Some(cl), Some(concepts)) = (&checklist, &concepts) {
        validate(
            files,
            &cpath,
            &kpath,
            cl,
            concepts,
            &lexicons,
            &lex_texts,
            &mut errs,
            &mut item_lines,
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    match (checklist, concepts) {
        (Some(checklist), Some(concepts)) => Ok(ModelLaw {
            dir: None,
            checklist,
            concepts,
            lexicons,
            item_lines,
            rule_texts: std::sync::OnceLock::new(),
        }),
        _ => Err(errs),
    }
}

#[allow(
    clippy::too_many_arguments,
    reason = "one validation pass over all files"
)]
fn validate(
    files: &ModelLawFiles,
    cpath: &str,
    kpath: &str,
    cl: &ChecklistFile,
    concepts: &BTreeMap<String, ConceptDef>,
    lexicons: &BTreeMap<String, LexiconFile>,
    lex_texts: &BTreeMap<String, (String, &str)>,
    errs: &mut Vec<Diagnostic>,
    item_lines: &mut BTreeMap<String, usize>,
) {
    let at = |key: &str, value: &str, nth: usize| find_key(&files.checklist, key, value, nth);
    if concepts.len() > crate::extract::MAX_CONCEPTS {
        errs.push(Diagnostic::error(
            kpath,
            format!(
                "{} concepts defined; a model law may define at most {}",
                concepts.len(),
                crate::extract::MAX_CONCEPTS
            ),
        ));
    }
    let mut area_ids = BTreeSet::new();
    for a in &cl.areas {
        if !area_ids.insert(a.id.as_str()) {
            let (l, c) = at("id", &a.id, 1);
            errs.push(
                Diagnostic::error(cpath, format!("duplicate area id `{}`", a.id)).at(l, Some(c)),
            );
        }
        if !(a.weight.is_finite() && a.weight >= 0.0) {
            let (l, c) = at("id", &a.id, 0);
            errs.push(
                Diagnostic::error(
                    cpath,
                    format!("area `{}`: weight must be a number ≥ 0", a.id),
                )
                .at(l, Some(c)),
            );
        }
    }
    if cl.items.is_empty() {
        let (l, c) = find_key(&files.checklist, "items", "", 0);
        errs.push(
            Diagnostic::error(cpath, "the checklist has no items: nothing to assess")
                .at(l, Some(c)),
        );
    } else {
        let area_weight = |id: &str| {
            cl.areas
                .iter()
                .find(|a| a.id == id)
                .map_or(0.0, |a| a.weight)
        };
        let total: f64 = cl
            .items
            .iter()
            .map(|it| it.weight * area_weight(&it.area))
            .sum();
        if total.is_finite() && total <= 0.0 {
            let (l, c) = find_key(&files.checklist, "items", "", 0);
            errs.push(
                Diagnostic::error(
                    cpath,
                    "every item (or its area) weighs 0: no score could be computed",
                )
                .at(l, Some(c))
                .with_help("give the items that count a weight above 0"),
            );
        }
    }
    let mut seen = BTreeMap::new();
    for it in &cl.items {
        let n = seen.entry(it.id.clone()).or_insert(0usize);
        let (line, col) = at("id", &it.id, *n);
        if *n == 0 {
            item_lines.insert(it.id.clone(), line);
        } else {
            errs.push(
                Diagnostic::error(cpath, format!("duplicate item id `{}`", it.id))
                    .at(line, Some(col))
                    .with_help("item ids are stable identifiers: give each item its own"),
            );
        }
        *n += 1;
        if !area_ids.contains(it.area.as_str()) {
            let (l, c) = at("area", &it.area, 0);
            errs.push(
                Diagnostic::error(
                    cpath,
                    format!("item `{}`: unknown area `{}`", it.id, it.area),
                )
                .at(l, Some(c))
                .with_help(format!(
                    "areas are: {}",
                    area_ids.iter().copied().collect::<Vec<_>>().join(", ")
                )),
            );
        }
        if !(it.weight.is_finite() && it.weight >= 0.0) {
            errs.push(
                Diagnostic::error(
                    cpath,
                    format!("item `{}`: weight must be a number ≥ 0", it.id),
                )
                .at(line, Some(col)),
            );
        }
        if serde_json::to_string(&it.check).is_ok_and(|j| j.contains("\"not_assessed\"")) {
            let (l, c) = find_key(&files.checklist, "", "not_assessed", 0);
            errs.push(
                Diagnostic::error(
                    cpath,
                    format!("item `{}`: a rule cannot give `not_assessed`", it.id),
                )
                .at(l, Some(c))
                .with_help("not_assessed is what lexalign reports when it cannot read a text; rules give met, partial or not_met"),
            );
        }
        for c in it.check.concepts() {
            if !concepts.contains_key(c) {
                let (l, cc) = find_key(&files.checklist, "", c, 0);
                let (l, cc) = if (l, cc) == (1, 1) {
                    (line, col)
                } else {
                    (l, cc)
                };
                errs.push(
                    Diagnostic::error(cpath, format!("item `{}`: unknown concept `{c}`", it.id))
                        .at(l, Some(cc))
                        .with_help("concepts are declared in concepts.json and given words in lexicon/<lang>.json"),
                );
            }
        }
        if let Check::AgeFact(p) = &it.check {
            if p.bands.is_empty() {
                errs.push(
                    Diagnostic::error(cpath, format!("item `{}`: `bands` is empty", it.id))
                        .at(line, Some(col)),
                );
            }
        }
    }
    for (lang, lex) in lexicons {
        let Some((lpath, text)) = lex_texts.get(lang) else {
            continue;
        };
        for (concept, terms) in &lex.concepts {
            // Looked up only for a message: finding a key is a scan of the
            // file, and a lexicon has hundreds.
            let at = || find_key(text, concept, "", 0);
            if !concepts.contains_key(concept) {
                let (l, c) = at();
                errs.push(
                    Diagnostic::error(lpath.as_str(), format!("unknown concept `{concept}`"))
                        .at(l, Some(c))
                        .with_help(format!("declare it in {kpath} or fix the spelling")),
                );
            }
            if terms.iter().all(|t| t.trim().is_empty()) {
                let (l, c) = at();
                errs.push(
                    Diagnostic::error(
                        lpath.as_str(),
                        format!("empty lexicon for concept `{concept}`"),
                    )
                    .at(l, Some(c))
                    .with_help("give it at least one word or phrase, or remove the entry"),
                );
            }
        }
        if lex.concepts.is_empty() {
            errs.push(
                Diagnostic::error(lpath.as_str(), "empty lexicon: `concepts` has no entries")
                    .at(1, Some(1)),
            );
        }
        for (kind, pats) in [("upper", &lex.ages.upper), ("lower", &lex.ages.lower)] {
            for p in pats {
                let pattern = p.replace("{N}", "(?P<n>x)");
                // Parsed, not compiled: the rules are compiled when a
                // document of the language first needs them, and the
                // syntax errors a compilation reports are the parser's.
                if let Err(e) = regex_syntax::Parser::new().parse(&pattern) {
                    let (l, c) = find_string(text, p);
                    errs.push(
                        Diagnostic::error(
                            lpath.as_str(),
                            format!("invalid {kind} age pattern: {e}"),
                        )
                        .at(l, Some(c)),
                    );
                } else if !p.contains("{N}") {
                    let (l, c) = find_string(text, p);
                    errs.push(
                        Diagnostic::error(
                            lpath.as_str(),
                            format!("{kind} age pattern without `{{N}}`: `{p}`"),
                        )
                        .at(l, Some(c)),
                    );
                }
            }
        }
        if !crate::text::STEMMERS.contains(&lex.stemmer.as_str()) {
            let (l, c) = find_key(text, "stemmer", &lex.stemmer, 0);
            errs.push(
                Diagnostic::error(lpath.as_str(), format!("unknown stemmer `{}`", lex.stemmer))
                    .at(l, Some(c))
                    .with_help(format!("use one of: {}", crate::text::STEMMERS.join(", "))),
            );
        }
    }
    // Sequences are made of known concepts.
    for (id, def) in concepts {
        if let Some(seq) = &def.sequence {
            for part in &seq.parts {
                if !concepts.contains_key(part) || part == id {
                    let (l, c) = find_key(&files.concepts, id, "", 0);
                    errs.push(
                        Diagnostic::error(
                            kpath,
                            format!("concept `{id}`: its sequence names unknown concept `{part}`"),
                        )
                        .at(l, Some(c)),
                    );
                }
            }
            if seq.parts.len() < 2 {
                let (l, c) = find_key(&files.concepts, id, "", 0);
                errs.push(
                    Diagnostic::error(
                        kpath,
                        format!("concept `{id}`: a sequence needs two parts or more"),
                    )
                    .at(l, Some(c)),
                );
            }
        }
    }
    // Every concept the checklist uses needs words in at least one language
    // (or is made of concepts that have).
    let used: BTreeSet<&str> = cl.items.iter().flat_map(|i| i.check.concepts()).collect();
    for c in used {
        let composed = concepts.get(c).is_some_and(|d| d.sequence.is_some());
        if concepts.contains_key(c)
            && !composed
            && !lexicons.values().any(|l| l.concepts.contains_key(c))
        {
            let (l, cc) = find_key(&files.concepts, c, "", 0);
            errs.push(
                Diagnostic::error(kpath, format!("concept `{c}` has no words in any lexicon"))
                    .at(l, Some(cc))
                    .with_help("add it to lexicon/<lang>.json"),
            );
        }
    }
}

#[cfg(test)]
mod tests;
