//! lexalign reads national statutes written in Markdown, maps their
//! provisions against a model-law checklist for protecting children in the
//! digital environment, and writes a compliance report.
//!
//! The pipeline runs one way, one module per stage:
//!
//! ```text
//! files ──source──▶ Source{meta, text} ──parse──▶ Statute{provisions}
//!       ──extract──▶ Facts per document ──assess(model law)──▶ Assessment
//!       ──report──▶ JSON / HTML / CSV (and compare, trend)
//! ```

pub mod assess;
pub mod checklist;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod diag;
pub mod export;
pub mod extract;
pub mod fit;
pub mod parse;
pub mod pipeline;
pub mod profiles;
pub mod report;
pub mod review;
pub mod source;
pub mod text;
pub mod trend;

pub use commands::run;

/// What the unit tests share.
#[cfg(test)]
pub(crate) mod test_support {
    /// The text of every file of the sample statutes the tests read: the
    /// folders `LEXALIGN_SAMPLES` names (`:`-separated), else those listed
    /// in the test data (`tests/sample-folders.txt`).
    pub(crate) fn sample_texts() -> Vec<String> {
        let listed = include_str!("../tests/sample-folders.txt");
        let roots: Vec<String> = match std::env::var("LEXALIGN_SAMPLES") {
            Ok(v) => v.split(':').map(str::to_string).collect(),
            Err(_) => listed
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect(),
        };
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for root in &roots {
            let walk = walkdir::WalkDir::new(base.join(root)).sort_by_file_name();
            for e in walk.into_iter().flatten() {
                if let Ok(text) = std::fs::read_to_string(e.path()) {
                    texts.push(text);
                }
            }
        }
        texts
    }
}
