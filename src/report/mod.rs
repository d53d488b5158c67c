//! Report: the assessment as JSON (the contract), CSV, and HTML pages;
//! written atomically into an output folder.
//!
//! A report folder holds `index.html` (the overview), one page per
//! jurisdiction (`<slug>.html`), `report.json` (the same bytes as
//! `analyze --format json`) and `report.csv`. Pages are self-contained
//! (inline CSS and SVG, no scripts, fonts or images), so they open from
//! `file://` offline.

pub mod csv;
pub mod highlight;
pub mod html;
pub mod json;
pub mod page;
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
        let n =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let unread = if self.counts.not_assessed > 0 {
            format!(", {} not assessed", self.counts.not_assessed)
        } else {
            String::new()
        };
        format!(
            "Analysed {} of {} against {}: {} met, {} partial, {} not met{unread}.\n\
             Report: {} (with report.json and report.csv)\n",
            n(self.documents, "document", "documents"),
            n(self.jurisdictions, "jurisdiction", "jurisdictions"),
            n(self.items, "item", "items"),
            self.counts.met,
            self.counts.partial,
            self.counts.not_met,
            dir.join("index.html").display()
        )
    }
}

/// Jurisdiction pages rendered at once (in parallel) before they are
/// written: memory holds this many pages, not the whole report.
const PAGES_AT_ONCE: usize = 64;

/// Render every file of a report and put it into `out`, in a fixed order;
/// the same input gives the same bytes whatever the thread count.
pub fn render_into(
    out: &mut write::Files,
    law: &ModelLaw,
    jurisdictions: &[JurisdictionReport],
    templates: Option<&Path>,
) -> Result<(), ReportError> {
    let renderer = Renderer::new(templates)?;
    let pages = view::page_names(jurisdictions);
    let index = renderer.index(
        &PageView::new(law, "Compliance report".to_string()),
        &view::site_view(law, jurisdictions, &pages),
    )?;
    out.put("index.html", index.as_bytes())?;
    drop(index);
    for (js, names) in jurisdictions
        .chunks(PAGES_AT_ONCE)
        .zip(pages.chunks(PAGES_AT_ONCE))
    {
        let rendered: Vec<Result<String, ReportError>> = js
            .par_iter()
            .map(|j| {
                let v = page::jurisdiction_view(law, j);
                renderer.jurisdiction(&PageView::new(law, v.label.clone()), &v)
            })
            .collect();
        for (html, name) in rendered.into_iter().zip(names) {
            out.put(name, html?.as_bytes())?;
        }
    }
    out.put(
        "report.json",
        Report::new(law, jurisdictions).to_json().as_bytes(),
    )?;
    out.put("report.csv", &csv::to_csv(jurisdictions)?)?;
    Ok(())
}

/// Render the report and write it into `dir` atomically.
pub fn write_report(
    dir: &Path,
    opts: write::OutOptions<'_>,
    law: &ModelLaw,
    jurisdictions: &[JurisdictionReport],
    templates: Option<&Path>,
) -> Result<Written, ReportError> {
    let dir = write::write_report_folder(dir, opts, |out| {
        render_into(out, law, jurisdictions, templates)
    })?;
    Ok(Written {
        index: dir.join("index.html"),
        dir,
        jurisdictions: jurisdictions.len(),
        documents: jurisdictions.iter().map(|j| j.documents.len()).sum(),
        items: law.checklist.items.len(),
        counts: Counts::of(
            jurisdictions
                .iter()
                .flat_map(|j| j.findings.iter().map(|f| &f.status)),
        ),
    })
}
