//! `report.csv`: one row per jurisdiction and item, in the order of the
//! JSON report: the status, its score and the provisions cited; the
//! jurisdiction's name and region come last.

use std::borrow::Cow;

use serde::Serialize;

use crate::assess::JurisdictionReport;

use super::ReportError;

const HEADER: [&str; 11] = [
    "jurisdiction",
    "version",
    "area",
    "item",
    "status",
    "score",
    "jurisdiction_score",
    "citations",
    "reason",
    "name",
    "region",
];

/// The columns added after [`HEADER`] when the report applies reviewer
/// decisions (`analyze --review` with at least one decision): `status`
/// is then the status that counts.
const REVIEW_HEADER: [&str; 6] = [
    "automatic_status",
    "review_status",
    "review_stale",
    "reviewed_by",
    "review_date",
    "review_note",
];

/// A cell a spreadsheet could run as a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return — OWASP's rule) gets a leading `'`,
/// so that it shows as the text it is.
pub fn inert(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// One row (fields in the order of [`HEADER`]); every text cell is
/// [`inert`].
#[derive(Debug, Serialize)]
struct Row<'a> {
    jurisdiction: Cow<'a, str>,
    version: Cow<'a, str>,
    area: Cow<'a, str>,
    item: Cow<'a, str>,
    status: &'static str,
    /// Empty when not assessed.
    score: Option<f64>,
    /// Empty when nothing was assessed.
    jurisdiction_score: Option<f64>,
    /// `citation (document:line)`, separated by `; `.
    citations: String,
    /// Why the item was not assessed (empty otherwise).
    reason: Cow<'a, str>,
    /// The jurisdiction's name, when known (added last: columns before it
    /// keep their places).
    name: Cow<'a, str>,
    /// Its region, when given.
    region: Cow<'a, str>,
}

/// The review columns of a row (fields in the order of
/// [`REVIEW_HEADER`]); empty for a finding no reviewer decided on.
#[derive(Debug, Serialize)]
struct ReviewCells<'a> {
    automatic_status: &'static str,
    review_status: &'static str,
    /// `stale` or `current`.
    review_stale: &'static str,
    reviewed_by: Cow<'a, str>,
    review_date: Cow<'a, str>,
    review_note: Cow<'a, str>,
}

/// The CSV text of a report (with a header row).
pub fn to_csv(jurisdictions: &[JurisdictionReport]) -> Result<Vec<u8>, ReportError> {
    to_csv_with(jurisdictions, false)
}

/// [`to_csv`], with the review columns when `review_columns`.
pub fn to_csv_with(
    jurisdictions: &[JurisdictionReport],
    review_columns: bool,
) -> Result<Vec<u8>, ReportError> {
    let mut w = CsvStream::new(Vec::new())?;
    if review_columns {
        w = w.with_review_columns();
    }
    for j in jurisdictions {
        w.push(j)?;
    }
    w.finish()
}

/// A CSV report written jurisdiction by jurisdiction.
pub struct CsvStream<W: std::io::Write> {
    w: csv::Writer<W>,
    /// Whether rows carry the review columns.
    review_columns: bool,
    /// Whether the header row is written (it is written with the first
    /// row, or at the end, once the columns are known).
    started: bool,
}

impl<W: std::io::Write> CsvStream<W> {
    /// Start the CSV (its header row is written even when no row follows).
    pub fn new(out: W) -> Result<CsvStream<W>, ReportError> {
        let w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        Ok(CsvStream {
            w,
            review_columns: false,
            started: false,
        })
    }

    /// The same CSV with the review columns (before any row).
    pub fn with_review_columns(mut self) -> CsvStream<W> {
        self.review_columns = true;
        self
    }

    fn start(&mut self) -> Result<(), ReportError> {
        if !self.started {
            self.started = true;
            if self.review_columns {
                self.w
                    .write_record(HEADER.iter().chain(REVIEW_HEADER.iter()))?;
            } else {
                self.w.write_record(HEADER)?;
            }
        }
        Ok(())
    }

    /// The rows of one jurisdiction.
    pub fn push(&mut self, j: &JurisdictionReport) -> Result<(), ReportError> {
        self.start()?;
        for f in &j.findings {
            let citations: Vec<String> = f
                .evidence
                .iter()
                .map(|e| format!("{} ({}:{})", e.citation, e.document, e.line))
                .collect();
            let row = Row {
                jurisdiction: inert(&j.jurisdiction),
                version: inert(j.version.as_deref().unwrap_or("")),
                area: inert(&f.area),
                item: inert(&f.item),
                status: f.status.as_str(),
                score: f.score,
                jurisdiction_score: j.score,
                citations: inert(&citations.join("; ")).into_owned(),
                reason: inert(f.reason.as_deref().unwrap_or("")),
                name: inert(j.name.as_deref().unwrap_or("")),
                region: inert(j.region.as_deref().unwrap_or("")),
            };
            if !self.review_columns {
                self.w.serialize(row)?;
                continue;
            }
            let cells = match &f.review {
                None => ReviewCells {
                    automatic_status: "",
                    review_status: "",
                    review_stale: "",
                    reviewed_by: Cow::Borrowed(""),
                    review_date: Cow::Borrowed(""),
                    review_note: Cow::Borrowed(""),
                },
                Some(r) => ReviewCells {
                    automatic_status: r.automatic_status.as_str(),
                    review_status: r.review.status.as_str(),
                    review_stale: if r.review.stale { "stale" } else { "current" },
                    reviewed_by: inert(&r.review.by),
                    review_date: inert(&r.review.date),
                    review_note: inert(r.review.note.as_deref().unwrap_or("")),
                },
            };
            self.w.serialize((row, cells))?;
        }
        Ok(())
    }

    /// Close the CSV; gives back the writer.
    pub fn finish(mut self) -> Result<W, ReportError> {
        self.start()?;
        self.w
            .into_inner()
            .map_err(|e| ReportError::Csv(e.into_error().into()))
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn cells_a_spreadsheet_would_run_are_made_text() {
        for cell in [
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "@SUM(1+1)",
            "+1",
            "-1",
            "\tx",
            "\rx",
        ] {
            assert_eq!(inert(cell), format!("'{cell}"));
        }
        for cell in ["norland", "CSAM-POSSESS", "1(2) (act.md:3)", ""] {
            assert_eq!(inert(cell), cell);
        }
    }
}
