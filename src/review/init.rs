//! `lexalign review init REPORT.json`: a review file to fill in, with
//! every finding of every jurisdiction of a report — its item's title, the
//! automatic status and the provisions cited as comments, the automatic
//! status and fingerprint filled in, and the decision's fields commented
//! out; from a report made with decisions, each earlier decision as a
//! comment to copy from. Left untouched it holds no decision, so `analyze
//! --review` with it gives the report without.

use std::fmt::Write as _;

use serde::Deserialize;

use super::{EvidenceText, file::FORMAT, fingerprint, jurisdiction_key};
use crate::checklist::{ModelLaw, Status};

/// The parts of report.json a review file is made from.
#[derive(Debug, Deserialize)]
pub struct ReportIn {
    jurisdictions: Vec<JurisdictionIn>,
}

#[derive(Debug, Deserialize)]
struct JurisdictionIn {
    jurisdiction: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    version: Option<String>,
    findings: Vec<FindingIn>,
}

#[derive(Debug, Deserialize)]
struct FindingIn {
    item: String,
    status: Status,
    /// Present in a report made with decisions: what lexalign found.
    #[serde(default)]
    automatic_status: Option<Status>,
    /// The decision the report applied or found stale.
    #[serde(default)]
    review: Option<ReviewIn>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
}

#[derive(Debug, Deserialize)]
struct ReviewIn {
    status: Status,
    #[serde(default)]
    by: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    stale: bool,
    #[serde(default)]
    changed: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct EvidenceIn {
    document: String,
    citation: String,
    #[serde(default)]
    line: usize,
    #[serde(default)]
    excerpt: String,
    #[serde(default)]
    matched: Vec<String>,
}

/// A YAML double-quoted string (JSON's quoting is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// One line of a comment: no line breaks inside.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The review file for a report.
pub fn review_file(law: &ModelLaw, report: &ReportIn) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# lexalign review file (format {FORMAT}; see model-law/review.schema.json)."
    );
    out.push_str(
        "# To decide on a finding, uncomment `status`, `by` and `date` under it (and\n\
         # `note` if you like): status is met, partial, not_met or not_assessed.\n\
         # `automatic_status` and `fingerprint` record what you reviewed: when the\n\
         # finding changes, lexalign marks your decision stale and the automatic\n\
         # status counts until you review it again. An entry without `status` is\n\
         # no decision.\n",
    );
    let _ = writeln!(out, "review: {FORMAT}");
    out.push_str("jurisdictions:\n");
    for j in &report.jurisdictions {
        let key = jurisdiction_key(&j.jurisdiction, j.version.as_deref());
        if let Some(name) = &j.name {
            let _ = writeln!(out, "  # {}", one_line(name));
        }
        let _ = writeln!(out, "  {}:", quoted(&key));
        for f in &j.findings {
            let auto = f.automatic_status.unwrap_or(f.status);
            let title = law.item(&f.item).map(|i| i.title.as_str()).unwrap_or("");
            let _ = writeln!(out, "    # {} — {}", f.item, one_line(title));
            let _ = writeln!(out, "    # automatic status: {}", auto.as_str());
            if f.evidence.is_empty() {
                out.push_str("    # cited: none\n");
            }
            for e in &f.evidence {
                let _ = writeln!(
                    out,
                    "    # cited: {} ({}:{})",
                    one_line(&e.citation),
                    e.document,
                    e.line
                );
            }
            let fp = fingerprint(
                auto,
                f.evidence.iter().map(|e| EvidenceText {
                    document: &e.document,
                    citation: &e.citation,
                    excerpt: &e.excerpt,
                    matched: &e.matched,
                }),
            );
            if let Some(r) = &f.review {
                // A report made with decisions: the earlier one, to copy
                // from (as a comment: the file still decides nothing).
                let _ = writeln!(
                    out,
                    "    # earlier decision: {} by {} on {}{}",
                    r.status.as_str(),
                    one_line(&r.by),
                    one_line(&r.date),
                    if r.stale {
                        format!(" (stale: {})", one_line(&r.changed.join("; ")))
                    } else {
                        String::new()
                    }
                );
                if let Some(n) = &r.note {
                    let _ = writeln!(out, "    # earlier note: {}", one_line(n));
                }
            }
            let _ = writeln!(out, "    {}:", quoted(&f.item));
            let _ = writeln!(out, "      automatic_status: {}", auto.as_str());
            let _ = writeln!(out, "      fingerprint: {fp}");
            out.push_str("      # status:\n      # by:\n      # date:\n      # note:\n");
        }
    }
    out
}
