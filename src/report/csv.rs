//! `report.csv`: one row per jurisdiction and item, in the order of the
//! JSON report: the status, its score and the provisions cited.

use serde::Serialize;

use crate::assess::JurisdictionReport;

use super::ReportError;

const HEADER: [&str; 9] = [
    "jurisdiction",
    "version",
    "area",
    "item",
    "status",
    "score",
    "jurisdiction_score",
    "citations",
    "reason",
];

/// One row (fields in the order of [`HEADER`]).
#[derive(Debug, Serialize)]
struct Row<'a> {
    jurisdiction: &'a str,
    version: &'a str,
    area: &'a str,
    item: &'a str,
    status: &'static str,
    /// Empty when not assessed.
    score: Option<f64>,
    /// Empty when nothing was assessed.
    jurisdiction_score: Option<f64>,
    /// `citation (document:line)`, separated by `; `.
    citations: String,
    /// Why the item was not assessed (empty otherwise).
    reason: &'a str,
}

/// The CSV text of a report (with a header row).
pub fn to_csv(jurisdictions: &[JurisdictionReport]) -> Result<Vec<u8>, ReportError> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    // The header is written even when there are no rows.
    w.write_record(HEADER)?;
    for j in jurisdictions {
        for f in &j.findings {
            let citations: Vec<String> = f
                .evidence
                .iter()
                .map(|e| format!("{} ({}:{})", e.citation, e.document, e.line))
                .collect();
            w.serialize(Row {
                jurisdiction: &j.jurisdiction,
                version: j.version.as_deref().unwrap_or(""),
                area: &f.area,
                item: &f.item,
                status: f.status.as_str(),
                score: f.score,
                jurisdiction_score: j.score,
                citations: citations.join("; "),
                reason: f.reason.as_deref().unwrap_or(""),
            })?;
        }
    }
    w.into_inner()
        .map_err(|e| ReportError::Csv(e.into_error().into()))
}
