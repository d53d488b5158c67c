//! A page per analysed document: every provision of the statute, in
//! document order, each with an anchor (`id`) made from its citation, so
//! that every citation of the report links to the text it cites. The words
//! that decided a finding are marked (`<mark>`) in the provision's text,
//! with the items it was cited for listed beside it.
//!
//! The pages of a jurisdiction are written while its own page is: its
//! documents are read again from the files the run was given (named as the
//! analysis named them), parsed, rendered, written and dropped one at a
//! time, so memory holds one document per thread, never the corpus.
//!
//! Layout of a jurisdiction in the report folder: `<slug>.html` (its page),
//! `<slug>/summary.html` (its one-page summary) and `<slug>/<doc>.html` (a
//! page per document), where `<doc>` is the slug of the file's name, unique
//! in the folder. Slugs are plain ASCII names (see [`super::slug`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Serialize;

use crate::assess::{DocumentInfo, JurisdictionReport};
use crate::checklist::ModelLaw;
use crate::parse::{self, Statute};
use crate::source;

use super::highlight::{Segment, segments};
use super::slug::unique_slug_or;
use super::view::{StatusView, lang_attr};

/// The name of a jurisdiction's one-page summary inside its folder.
pub const SUMMARY: &str = "summary";

/// Deepest nesting the page indents (deeper provisions line up with it).
const MAX_DEPTH: usize = 6;

/// The files a run was given, by the name the analysis gave each
/// (`corpus/aldoria/act.md`): where to read a document again.
#[derive(Debug, Default)]
pub struct Sources(BTreeMap<String, PathBuf>);

impl Sources {
    /// The files under `inputs`, named as [`source::collect_paths`] names
    /// them for the analysis.
    pub fn of(inputs: &[PathBuf]) -> Sources {
        let (files, _) = source::collect_paths(inputs);
        Sources(files.into_iter().map(|f| (f.name, f.path)).collect())
    }

    /// The document named `name`, read and parsed as the analysis parsed
    /// it; none when it cannot be read any more.
    pub fn parse(&self, law: &ModelLaw, name: &str) -> Option<Statute> {
        let path = self.0.get(name)?;
        let src = source::load_file(&source::Input {
            path: path.clone(),
            name: name.to_string(),
        })
        .ok()?;
        let ctx = parse::ParseContext {
            paragraph_label: law.paragraph_label(&src.meta.language),
        };
        Some(parse::parse_statute_with(&src, &ctx).0)
    }
}

/// The anchor of a citation: `p-` and its letters and digits (any script,
/// case kept), every other run of characters one `-` (`2(1)(“child”)` →
/// `p-2-1-child`, `第三十二条第二款` → `p-第三十二条第二款`).
pub fn anchor_of(citation: &str) -> String {
    let mut out = String::from("p");
    let mut dash = true;
    for c in citation.chars() {
        if c.is_alphanumeric() {
            if dash {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// The anchor of every provision of a statute, in document order: from
/// its citation, `-2`, `-3`, … when an earlier provision took it.
pub fn anchors(statute: &Statute) -> Vec<String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    statute
        .provisions
        .iter()
        .map(|p| {
            let base = anchor_of(&p.citation);
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            taken.insert(id.clone());
            id
        })
        .collect()
}

/// Where the citations of a jurisdiction link: the page of each of its
/// documents and the anchor of each provision cited. Hrefs are relative to
/// the report folder.
#[derive(Debug, Default, Clone)]
pub struct Links {
    pages: BTreeMap<String, String>,
    exact: BTreeMap<(String, String, usize), String>,
    by_citation: BTreeMap<(String, String), String>,
}

impl Links {
    /// The page of the document at `path`.
    pub fn page(&self, path: &str) -> Option<String> {
        self.pages.get(path).cloned()
    }

    /// The anchor of the provision of `document` cited as `citation` at
    /// `line` (else the first provision cited so).
    pub fn provision(&self, document: &str, citation: &str, line: usize) -> Option<String> {
        self.exact
            .get(&(document.to_string(), citation.to_string(), line))
            .or_else(|| {
                self.by_citation
                    .get(&(document.to_string(), citation.to_string()))
            })
            .cloned()
    }

    /// The anchor of the first provision of `document` cited as `citation`.
    pub fn citation(&self, document: &str, citation: &str) -> Option<String> {
        self.by_citation
            .get(&(document.to_string(), citation.to_string()))
            .cloned()
    }
}

/// The page names of a jurisdiction's documents, in its folder `dir`:
/// the slug of each file's name, unique in the folder (never `summary`).
pub fn page_names(dir: &str, documents: &[DocumentInfo]) -> Vec<String> {
    let mut taken: BTreeSet<String> = BTreeSet::from([SUMMARY.to_string()]);
    documents
        .iter()
        .map(|d| {
            let file = d.path.rsplit('/').next().unwrap_or(&d.path);
            let stem = file.strip_suffix(".md").unwrap_or(file);
            format!(
                "{dir}/{}.html",
                unique_slug_or(stem, "document", &mut taken)
            )
        })
        .collect()
}

/// A document's page.
#[derive(Debug, Clone, Serialize)]
pub struct DocPage {
    /// The document's title (or its file name).
    pub title: String,
    /// Its path as given.
    pub path: String,
    /// The `lang` of its text.
    pub lang: Option<String>,
    /// Year, kind, status, version, as one line (`act, 2021, enacted`).
    pub about: String,
    /// The jurisdiction's name as shown.
    pub jurisdiction: String,
    /// Its page, relative to the report folder.
    pub jurisdiction_href: String,
    /// Its one-page summary, relative to the report folder.
    pub summary_href: String,
    /// Provisions cited by a finding.
    pub cited: usize,
    /// Every provision, in document order.
    pub provisions: Vec<ProvView>,
}

/// One provision on a document's page.
#[derive(Debug, Clone, Serialize)]
pub struct ProvView {
    /// Its anchor.
    pub id: String,
    /// Its citation.
    pub citation: String,
    /// Its heading, if any.
    pub heading: Option<String>,
    /// Nesting (0 at the top, at most [`MAX_DEPTH`]).
    pub depth: usize,
    /// Its text, with the decisive words of the findings citing it marked.
    pub text: Vec<Segment>,
    /// The findings that cite it, in checklist order.
    pub cited_for: Vec<CitedFor>,
}

/// A finding that cites a provision.
#[derive(Debug, Clone, Serialize)]
pub struct CitedFor {
    /// The item.
    pub item: String,
    /// Its title.
    pub title: String,
    /// The finding's status.
    pub status: StatusView,
    /// What the provision does for it (decides, defines, …).
    pub role: &'static str,
    /// The finding on the jurisdiction's page, relative to the report
    /// folder.
    pub href: String,
}

/// The page of `statute`, document `d` of jurisdiction `j` (whose page is
/// `j_href`), with its anchors; and the links of its provisions cited.
pub fn doc_page(
    law: &ModelLaw,
    j: &JurisdictionReport,
    label: &str,
    j_href: &str,
    d: &DocumentInfo,
    statute: &Statute,
    ids: &[String],
) -> DocPage {
    let dir = j_href.strip_suffix(".html").unwrap_or(j_href);
    // Which provision each evidence of this document is, and what marks it.
    let mut index: BTreeMap<(&str, usize), usize> = BTreeMap::new();
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, p) in statute.provisions.iter().enumerate() {
        index.entry((p.citation.as_str(), p.line)).or_insert(k);
        first.entry(p.citation.as_str()).or_insert(k);
    }
    let mut words: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut cited: BTreeMap<usize, Vec<CitedFor>> = BTreeMap::new();
    for f in &j.findings {
        for e in f.evidence.iter().filter(|e| e.document == d.path) {
            let Some(&k) = index
                .get(&(e.citation.as_str(), e.line))
                .or_else(|| first.get(e.citation.as_str()))
            else {
                continue;
            };
            let w = words.entry(k).or_default();
            for m in &e.matched {
                if !w.contains(m) {
                    w.push(m.clone());
                }
            }
            let c = cited.entry(k).or_default();
            if !c.iter().any(|c| c.item == f.item) {
                c.push(CitedFor {
                    item: f.item.clone(),
                    title: law
                        .item(&f.item)
                        .map(|i| i.title.clone())
                        .unwrap_or_default(),
                    status: StatusView::of(f.status),
                    role: e.role.as_str(),
                    href: format!("{j_href}#{}", f.item),
                });
            }
        }
    }
    let mut depth = vec![0usize; statute.provisions.len()];
    let provisions = statute
        .provisions
        .iter()
        .enumerate()
        .map(|(k, p)| {
            depth[k] = p.parent.map_or(0, |q| depth[q] + 1);
            ProvView {
                id: ids[k].clone(),
                citation: p.citation.clone(),
                heading: p.heading.clone(),
                depth: depth[k].min(MAX_DEPTH),
                text: segments(&p.text, words.get(&k).map_or(&[][..], Vec::as_slice)),
                cited_for: cited.remove(&k).unwrap_or_default(),
            }
        })
        .collect();
    let about: Vec<String> = [
        d.kind.clone(),
        d.year.map(|y| y.to_string()),
        d.status.clone(),
        d.version.as_ref().map(|v| format!("version {v}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    DocPage {
        title: d.title.clone().unwrap_or_else(|| d.path.clone()),
        path: d.path.clone(),
        lang: lang_attr(&d.language),
        about: about.join(", "),
        jurisdiction: label.to_string(),
        jurisdiction_href: j_href.to_string(),
        summary_href: format!("{dir}/{SUMMARY}.html"),
        cited: words.len(),
        provisions,
    }
}

/// Add the links of a document's page (`href`, relative to the report
/// folder) and its provisions to `links`.
pub fn add_links(
    links: &mut Links,
    d: &DocumentInfo,
    href: &str,
    statute: &Statute,
    ids: &[String],
) {
    links.pages.insert(d.path.clone(), href.to_string());
    for (p, id) in statute.provisions.iter().zip(ids) {
        let to = format!("{href}#{id}");
        links
            .exact
            .entry((d.path.clone(), p.citation.clone(), p.line))
            .or_insert_with(|| to.clone());
        links
            .by_citation
            .entry((d.path.clone(), p.citation.clone()))
            .or_insert(to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_come_from_citations_and_stay_unique() {
        assert_eq!(anchor_of("2(1)(“child”)"), "p-2-1-child");
        assert_eq!(anchor_of("1234A(a)(5)(B)"), "p-1234A-a-5-B");
        assert_eq!(anchor_of("227-23 (al. 4)"), "p-227-23-al-4");
        assert_eq!(anchor_of("第三十二条第二款"), "p-第三十二条第二款");
        assert_eq!(anchor_of(""), "p");
        assert_eq!(anchor_of("\" onclick=x"), "p-onclick-x");
        let src = source::Source::from_text(
            "a.md",
            "# Act\n\n1. (1) One.\n\n(a) a.\n\n2. Two.\n\n## 1-A\n\nThree.\n".to_string(),
        )
        .unwrap();
        let (s, _) = parse::parse_statute(&src);
        let ids = anchors(&s);
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        assert!(ids.iter().all(|i| !i.contains(char::is_whitespace)));
    }

    #[test]
    fn document_pages_are_named_in_their_jurisdictions_folder() {
        let doc = |p: &str| DocumentInfo {
            path: p.to_string(),
            title: None,
            language: "en".into(),
            year: None,
            kind: None,
            status: None,
            version: None,
            provisions: 0,
            not_assessed: None,
        };
        let names = page_names(
            "ke",
            &[
                doc("corpus/ke/Penal Code.md"),
                doc("other/ke/penal-code.md"),
                doc("x/summary.md"),
                doc("../../etc/passwd.md"),
                doc("华兰.md"),
            ],
        );
        assert_eq!(
            names,
            [
                "ke/penal-code.html",
                "ke/penal-code-2.html",
                "ke/summary-2.html",
                "ke/passwd.html",
                "ke/document.html"
            ]
        );
    }
}
