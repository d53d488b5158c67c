//! Reading a report back: the parts of the JSON contract (versions 1 and 2) that
//! `compare` and `trend` use. Unknown fields are ignored (the contract
//! lets fields be added); a file that is not a report is a diagnostic
//! with its line and column.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::assess::JurisdictionReport;
use crate::checklist::Status;
use crate::diag::Diagnostic;

/// A list read without the spare room a growing vector keeps (up to
/// half of it, and four places for a list of one): a report of 10^6
/// findings is held in about the size of its text.
fn tight<'de, D, T, L>(d: D) -> Result<L, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
    L: From<Vec<T>>,
{
    let mut v = Vec::<T>::deserialize(d)?;
    v.shrink_to_fit();
    Ok(L::from(v))
}

thread_local! {
    /// The strings of the report being read: an item id, a document path
    /// or a citation that recurs (in every jurisdiction, in every finding
    /// of one) is held once.
    static STRINGS: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
}

/// A string read once per report however often it recurs ([`STRINGS`]).
fn shared<'de, D>(d: D) -> Result<Arc<str>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
    Ok(STRINGS.with(|set| {
        let mut set = set.borrow_mut();
        if let Some(a) = set.get(s.as_ref()) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s.as_ref());
        set.insert(a.clone());
        a
    }))
}

/// A report as read.
#[derive(Debug, Clone, Deserialize)]
pub struct ReportIn {
    /// Contract version.
    pub version: u32,
    /// The jurisdictions.
    pub jurisdictions: Vec<JurisdictionIn>,
    /// The date the law is stated as of (`YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`), when the report says.
    #[serde(default)]
    pub as_of: Option<String>,
}

impl ReportIn {
    /// The year the report is stated as of (the year of `as_of`), when
    /// it says one.
    pub fn as_of_year(&self) -> Option<i64> {
        let d = self.as_of.as_deref()?.trim();
        let y = d.split('-').next()?;
        (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
            .then(|| y.parse().ok())
            .flatten()
    }
}

/// One jurisdiction of a report.
#[derive(Debug, Clone, Deserialize)]
pub struct JurisdictionIn {
    /// Its code (the key jurisdictions are paired and grouped by).
    pub jurisdiction: String,
    /// Its name as shown (front matter `name:`, else the country of an
    /// ISO 3166 code), when the report gives one.
    #[serde(default)]
    pub name: Option<String>,
    /// Its region, when the report gives one.
    #[serde(default)]
    pub region: Option<String>,
    /// The version of its documents.
    #[serde(default)]
    pub version: Option<String>,
    /// Its year.
    #[serde(default)]
    pub year: Option<i64>,
    /// Its documents.
    #[serde(default, deserialize_with = "tight")]
    pub documents: Vec<DocumentIn>,
    /// Overall score (none when nothing was assessed).
    pub score: Option<f64>,
    /// One finding per item.
    #[serde(deserialize_with = "tight")]
    pub findings: Vec<FindingIn>,
}

/// A document of a jurisdiction.
#[derive(Debug, Clone, Deserialize)]
pub struct DocumentIn {
    /// Its path.
    #[serde(deserialize_with = "shared")]
    pub path: Arc<str>,
    /// Its title (front matter `title:`, else its first heading).
    #[serde(default)]
    pub title: Option<String>,
    /// Its year.
    #[serde(default)]
    pub year: Option<i64>,
}

/// A finding: what compare and trend use of it (the reviewer's decision
/// is read and checked, and only whether it counts is kept).
#[derive(Debug, Clone, Deserialize)]
pub struct FindingIn {
    /// Item id. (Its area is not read: compare and trend go by item.)
    #[serde(deserialize_with = "shared")]
    pub item: Arc<str>,
    /// Status: the one that counts (a reviewer's, when a decision that
    /// is not stale was applied).
    pub status: Status,
    /// What lexalign found, when a reviewer decided (`analyze --review`).
    #[serde(default)]
    pub automatic_status: Option<Status>,
    /// The reviewer's decision counts (there is one and it is not stale).
    #[serde(default, rename = "review", deserialize_with = "counts")]
    reviewed: bool,
    /// Evidence.
    #[serde(default, deserialize_with = "tight")]
    pub evidence: Box<[EvidenceIn]>,
}

/// A reviewer's decision as a report gives it: read whole (a malformed
/// one is an error), kept only as [`FindingIn::reviewed`].
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ReviewIn {
    /// The reviewer's status.
    pub status: Status,
    /// Who decided.
    #[serde(default)]
    pub by: String,
    /// When.
    #[serde(default)]
    pub date: String,
    /// True when the decision is stale (it did not count).
    #[serde(default)]
    pub stale: bool,
}

/// Whether a finding's `review` is a decision that counts.
fn counts<'de, D>(d: D) -> Result<bool, D::Error>
where
    D: serde::Deserializer<'de>,
{
    Ok(Option::<ReviewIn>::deserialize(d)?.is_some_and(|r| !r.stale))
}

impl FindingIn {
    /// True when the status is a reviewer's (a decision that counts).
    pub fn reviewed(&self) -> bool {
        self.reviewed
    }
}

/// A piece of evidence.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct EvidenceIn {
    /// Document path.
    #[serde(deserialize_with = "shared")]
    pub document: Arc<str>,
    /// Citation.
    #[serde(deserialize_with = "shared")]
    pub citation: Arc<str>,
    /// Line.
    pub line: usize,
}

impl JurisdictionIn {
    /// The year a report speaks for: the version when it is a four-digit
    /// year (an edition), else the report's year, else the latest year of
    /// its documents.
    pub fn report_year(&self) -> Option<i64> {
        let from_version = self
            .version
            .as_deref()
            .filter(|v| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse().ok());
        from_version
            .or(self.year)
            .or_else(|| self.documents.iter().filter_map(|d| d.year).max())
    }

    /// Its name, else its code.
    pub fn display_name(&self) -> &str {
        self.name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(&self.jurisdiction)
    }

    /// The name shown: its name (else its code), with its version when it
    /// has one: `Kenya (2024)`, as the report's pages write it.
    pub fn label(&self) -> String {
        match &self.version {
            Some(v) => format!("{} ({v})", self.display_name()),
            None => self.display_name().to_string(),
        }
    }

    /// The title of one of its documents (by path), when it has one.
    pub fn title_of(&self, path: &str) -> Option<&str> {
        self.documents
            .iter()
            .find(|d| &*d.path == path)
            .and_then(|d| d.title.as_deref())
            .filter(|t| !t.trim().is_empty())
    }
}

/// The jurisdictions of an analysis, as a report read back would give them.
pub fn from_analysis(js: &[JurisdictionReport]) -> Vec<JurisdictionIn> {
    serde_json::to_value(js)
        .and_then(serde_json::from_value)
        .unwrap_or_default()
}

/// Read a report file.
pub fn read_report(path: &Path) -> Result<ReportIn, Diagnostic> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| Diagnostic::error(&shown, format!("cannot read the report: {e}")))?;
    // Read as it is parsed: memory holds the report, not its text too.
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    let parsed = serde_json::from_reader(reader);
    STRINGS.with(|set| *set.borrow_mut() = HashSet::new());
    finish(&shown, parsed)
}

/// Read a report from bytes already in memory (the testable part of
/// [`read_report`]); `shown` names it in messages.
pub fn parse_report(shown: &str, bytes: &[u8]) -> Result<ReportIn, Diagnostic> {
    let parsed = serde_json::from_slice(bytes);
    STRINGS.with(|set| *set.borrow_mut() = HashSet::new());
    finish(shown, parsed)
}

/// Check a report as parsed: a syntax error with its place, a version
/// this lexalign reads, strings safe to print.
fn finish(shown: &str, parsed: serde_json::Result<ReportIn>) -> Result<ReportIn, Diagnostic> {
    let mut report: ReportIn = parsed.map_err(|e| {
        let why = if e.is_io() {
            format!("cannot read the report: {e}")
        } else if e.is_eof() {
            format!("the report ends early (a truncated file?): {e}")
        } else {
            format!("not a lexalign report: {e}")
        };
        Diagnostic::error(shown, why)
            .at(e.line().max(1), Some(e.column().max(1)))
            .with_help("give a report.json written by `lexalign analyze --format json`")
    })?;
    // Version 2 added `not_assessed` (a status, a document's and a
    // finding's reason) and a null score; a version 1 report reads the same.
    if !(1..=super::json::CONTRACT_VERSION).contains(&report.version) {
        return Err(Diagnostic::error(
            shown,
            format!(
                "report version {} is not supported (expected 1 to {})",
                report.version,
                super::json::CONTRACT_VERSION
            ),
        ));
    }
    report
        .jurisdictions
        .iter_mut()
        .for_each(JurisdictionIn::clean);
    if let Some(d) = report.as_of.as_mut() {
        clean(d);
    }
    Ok(report)
}

/// A string as shown: control characters (a terminal escape sequence in
/// a hostile report, a stray NUL) become U+FFFD. Markup needs nothing
/// here: every page escapes what it shows.
fn clean(s: &mut String) {
    if s.chars().any(char::is_control) {
        *s = s
            .chars()
            .map(|c| if c.is_control() { '\u{fffd}' } else { c })
            .collect();
    }
}

/// [`clean`] for a shared string.
fn clean_shared(s: &mut Arc<str>) {
    if s.chars().any(char::is_control) {
        let mut t = s.to_string();
        clean(&mut t);
        *s = Arc::from(t);
    }
}

impl JurisdictionIn {
    /// Every string of it made safe to print ([`clean`]).
    fn clean(&mut self) {
        clean(&mut self.jurisdiction);
        for v in [&mut self.version, &mut self.name, &mut self.region]
            .into_iter()
            .flatten()
        {
            clean(v);
        }
        for d in &mut self.documents {
            clean_shared(&mut d.path);
            if let Some(t) = d.title.as_mut() {
                clean(t);
            }
        }
        for f in &mut self.findings {
            clean_shared(&mut f.item);
            for e in f.evidence.iter_mut() {
                clean_shared(&mut e.document);
                clean_shared(&mut e.citation);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(version: Option<&str>, year: Option<i64>, docs: &[i64]) -> JurisdictionIn {
        JurisdictionIn {
            jurisdiction: "x".into(),
            name: None,
            region: None,
            version: version.map(String::from),
            year,
            documents: docs
                .iter()
                .map(|&y| DocumentIn {
                    path: "a.md".into(),
                    title: None,
                    year: Some(y),
                })
                .collect(),
            score: Some(0.0),
            findings: Vec::new(),
        }
    }

    #[test]
    fn the_year_is_the_edition_then_the_report_then_the_documents() {
        assert_eq!(
            j(Some("2025"), Some(2021), &[2019]).report_year(),
            Some(2025)
        );
        assert_eq!(j(Some("2"), Some(2021), &[2019]).report_year(), Some(2021));
        assert_eq!(j(None, None, &[2019, 2021]).report_year(), Some(2021));
        assert_eq!(j(Some("v1"), None, &[]).report_year(), None);
    }

    #[test]
    fn names_titles_and_the_as_of_date_are_read() {
        let text = br#"{"version": 2, "jurisdictions": [
            {"jurisdiction": "ke", "name": "Kenya\u0007", "region": "East Africa", "version": "3",
             "documents": [{"path": "ke/a.md", "title": "Children Act"}, {"path": "ke/b.md"}],
             "score": 0.5, "findings": []},
            {"jurisdiction": "zz", "name": " ", "score": null, "findings": []}],
            "as_of": "2024-06-30"}"#;
        let r = parse_report("r.json", text).unwrap();
        assert_eq!(r.as_of_year(), Some(2024));
        let (ke, zz) = (&r.jurisdictions[0], &r.jurisdictions[1]);
        assert_eq!(ke.label(), "Kenya\u{fffd} (3)");
        assert_eq!(ke.region.as_deref(), Some("East Africa"));
        assert_eq!(ke.title_of("ke/a.md"), Some("Children Act"));
        assert_eq!(ke.title_of("ke/b.md"), None);
        // A blank name is no name: the code is shown.
        assert_eq!(zz.label(), "zz");
        let old = parse_report("r.json", br#"{"version": 1, "jurisdictions": []}"#).unwrap();
        assert_eq!(old.as_of_year(), None);
        let odd = parse_report(
            "r.json",
            br#"{"version": 2, "jurisdictions": [], "as_of": "24"}"#,
        )
        .unwrap();
        assert_eq!(odd.as_of_year(), None);
    }

    #[test]
    fn hostile_reports_are_clear_errors_or_cleaned() {
        let good = br#"{"version": 2, "jurisdictions": [{"jurisdiction": "a\u001b[2Jb<i>",
            "score": null, "findings": [{"item": "X\u0000", "area": "y", "status": "met"}]}]}"#;
        let r = parse_report("r.json", good).unwrap();
        let j = &r.jurisdictions[0];
        assert_eq!(j.jurisdiction, "a\u{fffd}[2Jb<i>");
        assert_eq!(&*j.findings[0].item, "X\u{fffd}");
        let cut = &good[..good.len() - 10];
        let e = parse_report("r.json", cut).unwrap_err();
        assert!(
            e.message.starts_with("the report ends early"),
            "{}",
            e.message
        );
        assert_eq!(e.line, Some(2));
        let e = parse_report("r.json", br#"{"version": 9, "jurisdictions": []}"#).unwrap_err();
        assert_eq!(
            e.message,
            "report version 9 is not supported (expected 1 to 2)"
        );
        let e = parse_report("r.json", b"<html>").unwrap_err();
        assert!(
            e.message.starts_with("not a lexalign report"),
            "{}",
            e.message
        );
        assert_eq!((e.line, e.column), (Some(1), Some(1)));
    }
}
