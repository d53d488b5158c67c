//! Reviewer decisions (`analyze --review FILE`): a lawyer's status for a
//! finding, with a note, a name and a date, and the fingerprint of the
//! evidence the lawyer saw.
//!
//! A decision counts (the finding's `status`, its score, the profiles)
//! while the finding is what the reviewer saw: the same automatic status
//! and the same evidence fingerprint. When either changed, the decision is
//! *stale*: it is shown beside the finding and named in a warning, but the
//! automatic status counts, since the reviewer judged other evidence.
//!
//! The file is YAML (see `model-law/review.schema.json`); [`init`] writes
//! one to fill in from a report.

pub mod file;
pub mod init;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::assess::{self, Finding, JurisdictionReport};
use crate::checklist::{ModelLaw, Status};
use crate::diag::Diagnostic;

pub use file::load;

/// What a finding carries when a reviewer decided on it: its automatic
/// status (what lexalign found) and the decision. Written into the
/// finding's JSON as `automatic_status` and `review`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reviewed {
    /// The status lexalign found.
    pub automatic_status: Status,
    /// The reviewer's decision.
    pub review: Review,
}

/// A reviewer's decision as the report shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Review {
    /// The reviewer's status (it counts unless the decision is stale).
    pub status: Status,
    /// Who decided.
    pub by: String,
    /// When (as the review file gives it).
    pub date: String,
    /// The reviewer's note, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The fingerprint of the evidence the reviewer saw.
    pub fingerprint: String,
    /// True when the automatic status or the evidence changed since the
    /// decision: it does not count.
    pub stale: bool,
    /// What changed, when stale.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
}

/// One decision read from a review file.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The reviewer's status.
    pub status: Status,
    /// The note.
    pub note: Option<String>,
    /// Who decided.
    pub by: String,
    /// When.
    pub date: String,
    /// The automatic status the reviewer saw.
    pub automatic_status: Status,
    /// The fingerprint of the evidence the reviewer saw.
    pub fingerprint: String,
    /// Its line in the review file.
    pub line: usize,
}

/// The decisions of a review file, by jurisdiction key (`code`, or
/// `code@version` for a report with versions) and item id.
#[derive(Debug, Clone, Default)]
pub struct Reviews {
    /// The review file, as given.
    pub path: String,
    /// The decisions.
    pub decisions: BTreeMap<(String, String), Decision>,
    /// Decisions applied so far.
    applied: BTreeSet<(String, String)>,
    /// Stale decisions met so far: jurisdiction, item, what changed.
    stale: Vec<(String, String, Vec<String>)>,
}

/// The key a review file gives a jurisdiction: its code, with `@version`
/// when its documents carry a version.
pub fn jurisdiction_key(code: &str, version: Option<&str>) -> String {
    match version {
        Some(v) => format!("{code}@{v}"),
        None => code.to_string(),
    }
}

/// The fingerprint of a finding's automatic status and evidence: SHA-256
/// of a canonical text (each field length-prefixed) of the status and, per
/// piece of evidence in order, its document's file name (without the
/// folders, which follow how the input was given), citation, excerpt and
/// matched words. Line numbers are left out: text added above a provision
/// does not change what the reviewer read.
pub fn fingerprint<'a>(
    status: Status,
    evidence: impl IntoIterator<Item = EvidenceText<'a>>,
) -> String {
    let mut text = String::from("lexalign-review-fingerprint 1\n");
    let mut field = |name: &str, value: &str| {
        text.push_str(&format!("{name} {}:{value}\n", value.len()));
    };
    field("status", status.as_str());
    for e in evidence {
        field("document", file_name(e.document));
        field("citation", e.citation);
        field("excerpt", e.excerpt);
        for m in e.matched {
            field("matched", m);
        }
    }
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::from("sha256:");
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The last component of a document's name: the folders before it depend
/// on how the input was given on the command line (`laws/x/a.md` or
/// `../laws/x/a.md`), not on what the reviewer read.
fn file_name(document: &str) -> &str {
    document.rsplit(['/', '\\']).next().unwrap_or(document)
}

/// The parts of a piece of evidence a fingerprint covers.
#[derive(Debug, Clone, Copy)]
pub struct EvidenceText<'a> {
    /// Its document.
    pub document: &'a str,
    /// Its citation.
    pub citation: &'a str,
    /// Its excerpt.
    pub excerpt: &'a str,
    /// The decisive words.
    pub matched: &'a [String],
}

/// The fingerprint of a finding as lexalign found it (its own status:
/// call it before a decision is applied).
pub fn finding_fingerprint(f: &Finding) -> String {
    fingerprint(
        f.status,
        f.evidence.iter().map(|e| EvidenceText {
            document: &e.document,
            citation: &e.citation,
            excerpt: &e.excerpt,
            matched: &e.matched,
        }),
    )
}

impl Reviews {
    /// True when the file holds no decision (a review file as `review
    /// init` wrote it): the report is then the one without `--review`.
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    /// Apply the decisions on a jurisdiction: each finding decided on
    /// carries the decision; a decision that is not stale sets its status
    /// and score, and the jurisdiction's scores are computed again.
    pub fn apply(&mut self, law: &ModelLaw, j: &mut JurisdictionReport) {
        let key = jurisdiction_key(&j.jurisdiction, j.version.as_deref());
        let mut changed_any = false;
        for f in &mut j.findings {
            let k = (key.clone(), f.item.clone());
            let Some(d) = self.decisions.get(&k) else {
                continue;
            };
            self.applied.insert(k);
            let automatic = f.status;
            let now = finding_fingerprint(f);
            let mut changed = Vec::new();
            if d.automatic_status != automatic {
                changed.push(format!(
                    "automatic status was {}, now {}",
                    d.automatic_status.as_str(),
                    automatic.as_str()
                ));
            }
            if d.fingerprint != now {
                changed.push("evidence changed".to_string());
            }
            let stale = !changed.is_empty();
            if stale {
                self.stale
                    .push((key.clone(), f.item.clone(), changed.clone()));
                f.explanation.push(format!(
                    "Review by {} ({}): {} — stale ({}); the automatic status counts.",
                    d.by,
                    d.date,
                    d.status.as_str(),
                    changed.join("; ")
                ));
            } else {
                f.explanation.push(format!(
                    "Review by {} ({}): {} (automatic: {}).",
                    d.by,
                    d.date,
                    d.status.as_str(),
                    automatic.as_str()
                ));
                if d.status != automatic {
                    f.status = d.status;
                    f.score = (d.status != Status::NotAssessed)
                        .then(|| assess::status_score(law, d.status));
                    changed_any = true;
                }
            }
            f.review = Some(Reviewed {
                automatic_status: automatic,
                review: Review {
                    status: d.status,
                    by: d.by.clone(),
                    date: d.date.clone(),
                    note: d.note.clone(),
                    fingerprint: d.fingerprint.clone(),
                    stale,
                    changed,
                },
            });
        }
        if changed_any {
            let (score, areas) = assess::scores(law, &j.findings);
            j.score = score;
            j.area_scores = areas;
        }
    }

    /// The one warning of a run about its decisions: those stale (with
    /// what changed) and those not applied because their jurisdiction was
    /// not in the report; none when every decision applied and counts.
    pub fn warning(&self) -> Option<Diagnostic> {
        let mut parts: Vec<String> = self
            .stale
            .iter()
            .map(|(j, item, what)| format!("{j} {item} ({})", what.join("; ")))
            .collect();
        let unused: Vec<String> = self
            .decisions
            .keys()
            .filter(|k| !self.applied.contains(*k))
            .map(|(j, item)| format!("{j} {item}"))
            .collect();
        if parts.is_empty() && unused.is_empty() {
            return None;
        }
        let mut msg = Vec::new();
        if !parts.is_empty() {
            let n = parts.len();
            msg.push(format!(
                "{n} review decision{} stale, shown but not counted (the automatic status counts): {}",
                if n == 1 { " is" } else { "s are" },
                std::mem::take(&mut parts).join(", ")
            ));
        }
        if !unused.is_empty() {
            let n = unused.len();
            msg.push(format!(
                "{n} review decision{} not applied (the jurisdiction was not in the report): {}",
                if n == 1 { " was" } else { "s were" },
                unused.join(", ")
            ));
        }
        Some(
            Diagnostic::warning(&self.path, msg.join("; ")).with_help(
                "read the finding's new evidence, then set `status`, `automatic_status` and `fingerprint` again (`lexalign review init REPORT.json` writes the current ones)",
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev<'a>(doc: &'a str, cit: &'a str, ex: &'a str, m: &'a [String]) -> EvidenceText<'a> {
        EvidenceText {
            document: doc,
            citation: cit,
            excerpt: ex,
            matched: m,
        }
    }

    #[test]
    fn the_fingerprint_follows_status_and_evidence_only() {
        let m = vec!["possess".to_string()];
        let a = fingerprint(Status::Met, [ev("x/a.md", "s 3", "shall possess", &m)]);
        assert!(a.starts_with("sha256:") && a.len() == 7 + 64, "{a}");
        assert_eq!(
            a,
            fingerprint(Status::Met, [ev("x/a.md", "s 3", "shall possess", &m)])
        );
        assert_ne!(
            a,
            fingerprint(Status::Partial, [ev("x/a.md", "s 3", "shall possess", &m)])
        );
        assert_ne!(
            a,
            fingerprint(Status::Met, [ev("x/a.md", "s 4", "shall possess", &m)])
        );
        assert_ne!(
            a,
            fingerprint(Status::Met, [ev("x/a.md", "s 3", "shall possess!", &m)])
        );
        // The folders before the file name do not count.
        assert_eq!(
            a,
            fingerprint(
                Status::Met,
                [ev("../shared/x/a.md", "s 3", "shall possess", &m)]
            )
        );
        // Fields cannot run into each other.
        assert_ne!(
            fingerprint(Status::Met, [ev("ab", "c", "", &[])]),
            fingerprint(Status::Met, [ev("a", "bc", "", &[])])
        );
    }
}
