//! Report: the assessment as JSON (the contract), CSV, and HTML pages;
//! written atomically into an output folder.
//!
//! A report folder holds `index.html` (the overview), one page per
//! jurisdiction (`<slug>.html`) and, in a folder of its own (`<slug>/`),
//! its one-page summary for print (`summary.html`) and a page per document
//! with an anchor per provision (see [`document`]), `report.json` (the
//! same bytes as `analyze --format json`), `report.csv` and `profiles.csv`
//! (the indicator sets, see [`profiles_csv`]). Pages are self-contained
//! (inline CSS and SVG, no fonts or images; the overview's small inline
//! script only adds sorting, a filter and a switch between its views
//! — the item matrix and a table per profile — to a page complete without
//! it), so they open from `file://` offline.

pub mod csv;
pub mod document;
pub mod highlight;
pub mod html;
pub mod json;
pub mod onepager;
pub mod page;
pub mod profiles;
pub mod profiles_csv;
pub mod read;
pub mod slug;
pub mod summary;
pub mod view;
pub mod write;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::assess::JurisdictionReport;
use crate::checklist::ModelLaw;

use self::html::Renderer;
use self::json::Report;
use self::view::{Counts, PageView};

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A template does not parse or does not render.
    #[error("cannot render {what}")]
    Template {
        /// Which templates or page.
        what: String,
        /// tera's error.
        #[source]
        source: tera::Error,
    },
    /// Reading or writing a file failed.
    #[error("{}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The output folder exists and is not a report lexalign may replace.
    #[error(
        "will not write the report into {}: {why}",
        path.display()
    )]
    NotAReport {
        /// The folder.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// The run's input failed, so no report replaces the one there.
    #[error("no report written: {0}")]
    NotWritten(&'static str),
    /// Writing the CSV failed.
    #[error("cannot write the CSV")]
    Csv(#[from] ::csv::Error),
}

/// What was written, for the terminal summary.
#[derive(Debug, Clone)]
pub struct Written {
    /// The report folder (absolute).
    pub dir: PathBuf,
    /// Its overview page.
    pub index: PathBuf,
    /// Jurisdictions reported.
    pub jurisdictions: usize,
    /// Documents analysed.
    pub documents: usize,
    /// Items of the checklist.
    pub items: usize,
    /// Findings by status, over all jurisdictions.
    pub counts: Counts,
}

impl Written {
    /// The short summary for the terminal: what was analysed, the findings,
    /// and where the report is (`dir` as the user gave it).
    pub fn summary(&self, dir: &Path) -> String {
        let tally = Tally {
            jurisdictions: self.jurisdictions,
            documents: self.documents,
            counts: self.counts.clone(),
        };
        format!(
            "{}Report: {} (with report.json, report.csv and profiles.csv)\n",
            summary_line(self.items, &tally),
            dir.join("index.html").display()
        )
    }
}

/// `Analysed 20 documents of 13 jurisdictions against 33 items: 217 met,
/// 23 partial, 189 not met.` (with the not assessed, when there are any).
pub fn summary_line(items: usize, t: &Tally) -> String {
    let n = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let unread = if t.counts.not_assessed > 0 {
        format!(", {} not assessed", t.counts.not_assessed)
    } else {
        String::new()
    };
    format!(
        "Analysed {} of {} against {}: {} met, {} partial, {} not met{unread}.\n",
        n(t.documents, "document", "documents"),
        n(t.jurisdictions, "jurisdiction", "jurisdictions"),
        n(items, "item", "items"),
        t.counts.met,
        t.counts.partial,
        t.counts.not_met,
    )
}

/// Jurisdiction pages rendered at once (in parallel) before they are
/// written: memory holds this many pages, not the whole report.
const PAGES_AT_ONCE: usize = 64;

/// A report folder filled one jurisdiction at a time, as the analysis
/// hands them on: each jurisdiction's page, JSON and CSV rows are written
/// and only its line of the overview is kept, so memory holds a batch of
/// jurisdictions, not the report. The same jurisdictions in the same order
/// give the same bytes whatever the thread count.
pub struct ReportStream<'a> {
    law: &'a ModelLaw,
    renderer: Renderer,
    names: view::PageNames,
    columns: view::Columns,
    entries: Vec<view::IndexEntry>,
    batch: Vec<(JurisdictionReport, String)>,
    json: json::JsonStream<write::OpenFile>,
    csv: csv::CsvStream<write::OpenFile>,
    profiles_csv: profiles_csv::ProfilesCsv<write::OpenFile>,
    documents: usize,
    counts: Counts,
    as_of: Option<String>,
    /// Where the documents are read again for their pages (known once the
    /// first page is written).
    sources: Option<document::Sources>,
}

impl<'a> ReportStream<'a> {
    /// Start a report in `out` that states the law as of `as_of`
    /// (`--as-of`; without it, as of the latest year of the documents).
    pub fn stated_as_of(
        out: &mut write::Files,
        law: &'a ModelLaw,
        templates: Option<&Path>,
        as_of: Option<&str>,
    ) -> Result<ReportStream<'a>, ReportError> {
        let renderer = Renderer::new(templates)?;
        let f = out.create("report.json")?;
        let path = f.path().to_path_buf();
        let json = Report::new(law, &[])
            .given_as_of(as_of)
            .stream(f)
            .map_err(|source| ReportError::Io { path, source })?;
        let csv = csv::CsvStream::new(out.create("report.csv")?)?;
        let profiles_csv = profiles_csv::ProfilesCsv::new(out.create("profiles.csv")?)?;
        Ok(ReportStream {
            law,
            renderer,
            names: view::PageNames::default(),
            columns: view::Columns::of(law),
            entries: Vec::new(),
            batch: Vec::new(),
            json,
            csv,
            profiles_csv,
            documents: 0,
            counts: Counts::default(),
            as_of: as_of.map(str::to_string),
            sources: None,
        })
    }

    /// The same report with the review columns in its CSV (a report with
    /// reviewer decisions), before the first jurisdiction.
    pub fn with_review_columns(mut self) -> ReportStream<'a> {
        self.csv = self.csv.with_review_columns();
        self
    }

    /// Jurisdictions written so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True before the first jurisdiction.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Write the next jurisdiction (its page may wait for a batch).
    pub fn push(
        &mut self,
        out: &mut write::Files,
        j: JurisdictionReport,
    ) -> Result<(), ReportError> {
        self.json.push(&j).map_err(|source| ReportError::Io {
            path: PathBuf::from("report.json"),
            source,
        })?;
        self.csv.push(&j)?;
        self.profiles_csv.push(&j)?;
        let name = self.names.next(&j);
        self.entries
            .push(view::IndexEntry::of(&self.columns, &j, name.clone()));
        self.documents += j.documents.len();
        self.counts
            .add(&Counts::of(j.findings.iter().map(|f| &f.status)));
        self.batch.push((j, name));
        if self.batch.len() == PAGES_AT_ONCE {
            self.flush_pages(out)?;
        }
        Ok(())
    }

    /// Render and write the waiting pages, a jurisdiction per thread (the
    /// order files are written in changes no byte of them).
    fn flush_pages(&mut self, out: &mut write::Files) -> Result<(), ReportError> {
        let law = self.law;
        let renderer = &self.renderer;
        let sources = self
            .sources
            .get_or_insert_with(|| document::Sources::of(out.inputs()));
        let out: &write::Files = out;
        let written: Vec<Result<(), ReportError>> = self
            .batch
            .par_iter()
            .map(|(j, name)| write_jurisdiction(law, renderer, sources, out, j, name))
            .collect();
        self.batch.clear();
        written.into_iter().collect()
    }

    /// Write the rest: the last pages, the overview, and close the JSON
    /// and CSV.
    pub fn finish(mut self, out: &mut write::Files) -> Result<Tally, ReportError> {
        self.flush_pages(out)?;
        let mut index = out.create("index.html")?;
        self.renderer.index(
            &PageView::new(self.law, "Compliance report".to_string()),
            &view::site_view_of(self.law, &self.entries, self.as_of.as_deref()),
            &self.entries,
            self.law,
            &mut index,
        )?;
        index.finish()?;
        let json = self.json.finish().map_err(|source| ReportError::Io {
            path: PathBuf::from("report.json"),
            source,
        })?;
        json.finish()?;
        self.csv.finish()?.finish()?;
        self.profiles_csv.finish()?.finish()?;
        Ok(Tally {
            jurisdictions: self.entries.len(),
            documents: self.documents,
            counts: self.counts,
        })
    }
}

/// Write a jurisdiction's pages: a page per document (each read again,
/// rendered, written and dropped before the next), then its page, whose
/// citations link to them, and its one-page summary.
fn write_jurisdiction(
    law: &ModelLaw,
    renderer: &Renderer,
    sources: &document::Sources,
    out: &write::Files,
    j: &JurisdictionReport,
    name: &str,
) -> Result<(), ReportError> {
    let dir = name.strip_suffix(".html").unwrap_or(name);
    let label = view::label(j);
    let mut links = document::Links::default();
    for (d, href) in j
        .documents
        .iter()
        .zip(document::page_names(dir, &j.documents))
    {
        let Some(statute) = sources.parse(law, &d.path) else {
            continue;
        };
        let ids = document::anchors(&statute);
        let doc = document::doc_page(law, j, &label, name, d, &statute, &ids);
        let title = format!("{} — {label}", doc.title);
        let html = renderer.render(
            "document.html",
            &PageView::new(law, title).nested(),
            "d",
            &doc,
        )?;
        drop(doc);
        out.put(&href, html.as_bytes())?;
        document::add_links(&mut links, d, &href, &statute, &ids);
    }
    let v = page::jurisdiction_view(law, j, name, &links);
    let sections = profiles::sections(j);
    let html = renderer.jurisdiction(&PageView::new(law, v.label.clone()), &v, &sections)?;
    out.put(name, html.as_bytes())?;
    let one = onepager::one_pager(&v);
    let html = renderer.render_with_profiles(
        "summary.html",
        &PageView::new(law, format!("{} — summary", v.label)).nested(),
        "o",
        &one,
        &sections,
    )?;
    out.put(&v.summary_href, html.as_bytes())
}

/// What a report holds, for the terminal summary.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Jurisdictions reported.
    pub jurisdictions: usize,
    /// Documents analysed.
    pub documents: usize,
    /// Findings by status.
    pub counts: Counts,
}

impl Written {
    /// What was written into `dir` (absolute), from the report's tally.
    pub fn of(dir: PathBuf, law: &ModelLaw, t: Tally) -> Written {
        Written {
            index: dir.join("index.html"),
            dir,
            jurisdictions: t.jurisdictions,
            documents: t.documents,
            items: law.checklist.items.len(),
            counts: t.counts,
        }
    }
}
