//! Loading one side of a comparison: a report JSON (findings only), or
//! statute files (their units for alignment, and their findings from the
//! pipeline).

use std::path::Path;

use super::atoms::{self, Unit};
use crate::diag::Diagnostic;
use crate::extract::Engine;
use crate::pipeline;
use crate::report::read::{self, JurisdictionIn};

/// One side, loaded.
#[derive(Debug, Clone)]
pub struct Side {
    /// The path given.
    pub path: String,
    /// The units of its statutes (none for a report JSON).
    pub units: Option<Vec<Unit>>,
    /// Its jurisdictions' findings.
    pub jurisdictions: Vec<JurisdictionIn>,
}

/// Whether a path names a report JSON rather than statutes.
pub fn is_report(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Load a side; `None` when nothing usable was read. Problems are in the
/// diagnostics.
pub fn load(engine: &Engine, path: &Path) -> (Option<Side>, Vec<Diagnostic>) {
    let shown = crate::source::display_name(path);
    if is_report(path) {
        return match read::read_report(path) {
            Ok(r) => (
                Some(Side {
                    path: shown,
                    units: None,
                    jurisdictions: r.jurisdictions,
                }),
                Vec::new(),
            ),
            Err(d) => (None, vec![d]),
        };
    }
    let paths = [path.to_path_buf()];
    // One parse per file: the pipeline hands over each statute's units
    // as it goes.
    let (analysis, units) = pipeline::analyze_keeping(engine, &paths, &|| {}, &atoms::units);
    if units.is_empty() || analysis.jurisdictions.is_empty() {
        let mut diags = analysis.diagnostics;
        if !diags.iter().any(Diagnostic::is_error) {
            diags.push(Diagnostic::error(
                &shown,
                "no statute found (give a Markdown file, a folder of them, or a report JSON)",
            ));
        }
        return (None, diags);
    }
    let units: Vec<Unit> = units.into_iter().flatten().collect();
    (
        Some(Side {
            path: shown,
            units: Some(units),
            jurisdictions: read::from_analysis(&analysis.jurisdictions),
        }),
        analysis.diagnostics,
    )
}
