//! `lexalign review init REPORT.json [-o FILE]`: a review file to fill in
//! (see [`crate::review::init`]).

use std::io::Write;

use anyhow::Result;

use super::shared::{model_law, report_diagnostics};
use crate::cli::{ReviewCommand, ReviewInitArgs};
use crate::diag::Diagnostic;
use crate::review::init::{ReportIn, review_file};

/// Run `review …`; the result is the exit code.
pub fn run(cmd: ReviewCommand) -> Result<u8> {
    match cmd {
        ReviewCommand::Init(args) => init(args),
    }
}

fn init(args: ReviewInitArgs) -> Result<u8> {
    let Some(law) = model_law(&args.model_law) else {
        return Ok(2);
    };
    let shown = args.report.display().to_string();
    let report: ReportIn = match std::fs::read_to_string(&args.report) {
        Err(e) => {
            report_diagnostics(&[Diagnostic::error(
                &shown,
                format!("cannot read the report: {e}"),
            )]);
            return Ok(2);
        }
        Ok(text) => match serde_json::from_str(&text) {
            Ok(r) => r,
            Err(e) => {
                report_diagnostics(&[Diagnostic::error(
                    &shown,
                    format!("not a lexalign report: {e}"),
                )
                .at(e.line().max(1), Some(e.column().max(1)))
                .with_help("give the report.json that `lexalign analyze` wrote")]);
                return Ok(2);
            }
        },
    };
    let text = review_file(&law, &report);
    let Some(out) = &args.out else {
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(0);
    };
    // A review file holds a team's decisions: never replace one. The text
    // is written beside it first and linked into place only if no file is
    // there, so the file appears whole or not at all.
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let tmp = tempfile_in(dir, &text)?;
    let linked = std::fs::hard_link(&tmp, out);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(0),
        Err(e) => {
            let why = if e.kind() == std::io::ErrorKind::AlreadyExists {
                "the file exists; a review file is never replaced (give another name, or remove it first)".to_string()
            } else {
                format!("cannot write it: {e}")
            };
            report_diagnostics(&[Diagnostic::error(out.display().to_string(), why)]);
            Ok(2)
        }
    }
}

/// Write `text` into a new hidden file in `dir`; its path.
fn tempfile_in(dir: &std::path::Path, text: &str) -> Result<std::path::PathBuf> {
    for n in 0..1000u32 {
        let p = dir.join(format!(".lexalign-review-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
        {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                return Ok(p);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => anyhow::bail!("cannot write in {}: {e}", dir.display()),
        }
    }
    anyhow::bail!("cannot write in {}", dir.display())
}
