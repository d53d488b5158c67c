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
