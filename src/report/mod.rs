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
use self::write::OutFile;

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
        "will not write the report into {}: {why}; choose a new or empty folder",
        path.display()
    )]
    NotAReport {
        /// The folder.
        path: PathBuf,
        /// Why.
        why: &'static str,
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
        format!(
            "Analysed {} of {} against {}: {} met, {} partial, {} not met.\n\
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

/// Every file of a report, in a fixed order; the same input gives the same
/// bytes whatever the thread count.
pub fn render_files(
    law: &ModelLaw,
    jurisdictions: &[JurisdictionReport],
    templates: Option<&Path>,
) -> Result<Vec<OutFile>, ReportError> {
    let renderer = Renderer::new(templates)?;
    let pages = view::page_names(jurisdictions);
    let index = renderer.index(
        &PageView::new(law, "Compliance report".to_string()),
        &view::site_view(law, jurisdictions, &pages),
    )?;
    let rendered: Vec<Result<OutFile, ReportError>> = jurisdictions
        .par_iter()
        .zip(pages.par_iter())
        .map(|(j, name)| {
            let v = page::jurisdiction_view(law, j);
            let html = renderer.jurisdiction(&PageView::new(law, v.label.clone()), &v)?;
            Ok((name.clone(), html.into_bytes()))
        })
        .collect();
    let mut files = vec![("index.html".to_string(), index.into_bytes())];
    for r in rendered {
        files.push(r?);
    }
    files.push((
        "report.json".to_string(),
        Report::new(law, jurisdictions).to_json().into_bytes(),
    ));
    files.push(("report.csv".to_string(), csv::to_csv(jurisdictions)?));
    Ok(files)
}

/// Render the report and write it into `dir` atomically.
pub fn write_report(
    dir: &Path,
    law: &ModelLaw,
    jurisdictions: &[JurisdictionReport],
    templates: Option<&Path>,
) -> Result<Written, ReportError> {
    let files = render_files(law, jurisdictions, templates)?;
    let dir = write::write_atomically(dir, &files)?;
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
