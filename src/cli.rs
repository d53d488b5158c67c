//! The command line (clap derive). `main.rs` parses it and hands it to
//! [`crate::run`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Map national statutes against a model law for protecting children in the
/// digital environment, and write a compliance report.
#[derive(Debug, Parser)]
#[command(name = "lexalign", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse statutes against the model law and write the report.
    Analyze(AnalyzeArgs),
    /// Print the provision tree of statute files, to check the parse.
    Outline(OutlineArgs),
    /// Indicator sets NGOs report in (ICMEC's five criteria, the Out of the Shadows Index), computed from the findings: a table per profile.
    Profile(ProfileArgs),
    /// List and validate the model law's checklist.
    Checklist(ChecklistArgs),
    /// Explain one checklist item's finding: the rule, what was found, where, and why.
    Explain(ExplainArgs),
    /// Compare two drafts (files, folders or report JSONs): items gained and lost, aligned provisions, redlines.
    Compare(CompareArgs),
    /// Status per jurisdiction and item across reports of different years.
    Trend(TrendArgs),
    /// Reviewer decisions: `review init REPORT.json` writes a review file to fill in.
    #[command(subcommand)]
    Review(ReviewCommand),
}

/// `lexalign review …`.
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Write a review file for a report: every finding of every jurisdiction, commented, its fingerprint filled in, the decision left for the reviewer.
    Init(ReviewInitArgs),
}

/// `lexalign review init`.
#[derive(Debug, Args)]
pub struct ReviewInitArgs {
    /// A report.json written by `analyze`.
    #[arg(value_name = "REPORT.json")]
    pub report: PathBuf,
    /// Write the review file here (default: standard output). An existing file is not replaced.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The model law (for the items' titles).
    #[command(flatten)]
    pub model_law: ModelLawArg,
}

/// Output formats of `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// The JSON contract.
    Json,
    /// The HTML report (a folder with `--out`).
    Html,
    /// One row per jurisdiction and item.
    Csv,
    /// An OSCAL 1.0.6 assessment-results document (JSON); with `--out`,
    /// written as oscal.json beside the report.
    Oscal,
}

/// Output formats of `outline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    /// Indented text.
    Text,
    /// JSON.
    Json,
}

/// Output formats of `compare` and `trend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// JSON.
    Json,
    /// HTML (a folder with `--out`, else standard output).
    Html,
    /// A short text summary.
    Text,
}

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// JSON.
    Json,
    /// HTML (a folder with `--out`, else standard output).
    Html,
    /// A short text summary.
    Text,
    /// SARIF 2.1.0: each lost item as a result at the new draft's
    /// provision lines (for code-scanning annotations in a drafter's CI);
    /// with `--out`, written as compare.sarif beside the comparison.
    Sarif,
}

/// Options shared by commands that read the model law.
#[derive(Debug, Args, Clone, Default)]
pub struct ModelLawArg {
    /// Folder holding another model law (checklist.json and lexicon/); the
    /// embedded one is used by default.
    #[arg(long, value_name = "DIR")]
    pub model_law: Option<PathBuf>,
}

/// The most worker threads `--jobs` starts.
pub const MAX_JOBS: i64 = 1024;

/// `--fail-under`: a score from 0 to 1.
/// A date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (month 1–12, day 1–31).
fn as_of_date(s: &str) -> Result<String, String> {
    let t = s.trim();
    let parts: Vec<&str> = t.split('-').collect();
    let num = |p: &str, len: usize, max: u32| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n))
    };
    let ok = match parts.as_slice() {
        [y] => num(y, 4, 9999),
        [y, m] => num(y, 4, 9999) && num(m, 2, 12),
        [y, m, d] => num(y, 4, 9999) && num(m, 2, 12) && num(d, 2, 31),
        _ => false,
    };
    if ok {
        Ok(t.to_string())
    } else {
        Err(format!(
            "`{s}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    }
}

fn score_limit(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let (number, scale) = match t.strip_suffix('%') {
        Some(p) => (p.trim_end(), 100.0),
        None => (t, 1.0),
    };
    let v: f64 = number
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    let v = v / scale;
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(v)
    } else if scale == 1.0 && v.is_finite() && v > 1.0 && v <= 100.0 {
        Err(format!(
            "`{s}` is not a score from 0 to 1: for a percentage write `{s}%` (or {})",
            v / 100.0
        ))
    } else {
        Err(format!(
            "`{s}` is not a score from 0 to 1 (or a percentage like 60%)"
        ))
    }
}

/// `lexalign analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Statute files or folders of `.md` files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write the report (index.html, a page per jurisdiction, report.json, report.csv) into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write into the --out folder even when it holds files lexalign did not write: only lexalign's own files are replaced, none of the others is touched (file by file, not atomically).
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Format written to standard output when there is no `--out` (json
    /// when standard output is a file or a pipe; on a terminal, without
    /// `--format`, only the summary is printed).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// The model law.
    #[command(flatten)]
    pub model_law: ModelLawArg,
    /// Print, for every item, the rule, what was found and why the status follows (to standard error).
    #[arg(long)]
    pub explain: bool,
    /// Folder of tera templates overriding the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The date the report states the law as of (YYYY, YYYY-MM or
    /// YYYY-MM-DD), shown on the overview and as `as_of` in the JSON;
    /// without it, the latest year of the documents (never the clock, so
    /// the same input gives the same report).
    #[arg(long, value_name = "DATE", value_parser = as_of_date)]
    pub as_of: Option<String>,
    /// Exit with code 1 when a jurisdiction's overall score (0–1) is below this.
    #[arg(long, value_name = "SCORE", value_parser = score_limit)]
    pub fail_under: Option<f64>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_JOBS))]
    pub jobs: Option<u16>,
    /// A profile the JSON report carries (per jurisdiction, under
    /// `profiles`): a shipped profile's id (icmec-5, oosi) or a profile file
    /// (.json); repeatable. Default: every shipped profile.
    #[arg(long, value_name = "ID|FILE")]
    pub profile: Vec<String>,
    /// Print the time spent in each stage to standard error.
    #[arg(long)]
    pub timings: bool,
    /// No progress bar and no summary on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Reviewer decisions (YAML, see model-law/review.schema.json): the
    /// reviewed status counts, the automatic one is shown beside it; a
    /// decision whose finding changed since is stale and does not count.
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,
}

/// Output formats of `profile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileFormat {
    /// Markdown tables: per profile, a row per jurisdiction, then the provisions cited.
    Text,
    /// One row per jurisdiction, profile and indicator.
    Csv,
    /// Per jurisdiction, its profiles as in the report JSON.
    Json,
}

/// `lexalign profile`.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Statute files or folders of `.md` files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A shipped profile's id (icmec-5, oosi) or a profile file (.json);
    /// repeatable. Default: every shipped profile.
    #[arg(long, value_name = "ID|FILE")]
    pub profile: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ProfileFormat,
    /// The model law.
    #[command(flatten)]
    pub model_law: ModelLawArg,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_JOBS))]
    pub jobs: Option<u16>,
}

/// `lexalign outline`.
#[derive(Debug, Args)]
pub struct OutlineArgs {
    /// Statute files or folders.
    #[arg(required = true, value_name = "FILE")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutlineFormat,
    /// Also show what was extracted from each provision: concepts of the
    /// model law, defined terms and ages (text format).
    #[arg(long)]
    pub facts: bool,
    /// The model law (with `--facts`).
    #[command(flatten)]
    pub model_law: ModelLawArg,
}

/// `lexalign checklist`.
#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// The model law.
    #[command(flatten)]
    pub model_law: ModelLawArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutlineFormat,
}

/// `lexalign explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The checklist item (e.g. CSAM-POSSESS).
    #[arg(value_name = "ITEM")]
    pub item: String,
    /// Statute files or folders.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The model law.
    #[command(flatten)]
    pub model_law: ModelLawArg,
}

/// `lexalign compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The old draft: a statute file, a folder, or a report JSON.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The new draft: a statute file, a folder, or a report JSON.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Write index.html (the comparison page) and compare.json into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write into the --out folder even when it holds files lexalign did not write: only lexalign's own files are replaced, none of the others is touched (file by file, not atomically).
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Format written to standard output when there is no `--out`.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CompareFormat,
    /// Exit with code 1 when any item's status got worse.
    #[arg(long)]
    pub fail_on_regression: bool,
    /// Worker threads (default: all cores); the output is the same whatever the number.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_JOBS))]
    pub jobs: Option<u16>,
    /// The model law.
    #[command(flatten)]
    pub model_law: ModelLawArg,
    /// Folder of tera templates overriding the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// `lexalign trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// Report JSON files written by `analyze`, one per year.
    #[arg(required = true, value_name = "REPORT.json")]
    pub reports: Vec<PathBuf>,
    /// Write index.html (the trend page) and trend.json into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write into the --out folder even when it holds files lexalign did not write: only lexalign's own files are replaced, none of the others is touched (file by file, not atomically).
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Format written to standard output when there is no `--out`.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// The edition of each report, in the order the reports are given
    /// (`--year 2024 --year 2025` or `--year 2024,2025`; a date stands for
    /// its year). Without it, a report's edition is read from the report.
    #[arg(long = "year", visible_alias = "as-of", value_name = "YEAR", value_delimiter = ',', value_parser = as_of_date)]
    pub years: Vec<String>,
    /// Folder of tera templates overriding the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
