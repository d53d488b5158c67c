//! `lexalign analyze PATH...`: the report, streamed as JSON or written as
//! a folder (HTML, JSON, CSV), with a progress bar, `--explain`,
//! `--timings` and the `--fail-under` gate.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::shared::{model_law, report_diagnostics};
use crate::assess::JurisdictionReport;
use crate::cli::{AnalyzeArgs, ReportFormat};
use crate::diag::Diagnostic;
use crate::export::oscal::OscalBuilder;
use crate::extract::Engine;
use crate::pipeline::{self, thread_pool};
use crate::report::{self, json::Report};

/// Runs with at least this many files show a progress bar (on a terminal):
/// below it the run is over before a bar would tell anything.
const PROGRESS_MIN_FILES: usize = 10;

/// A progress bar over the files of `paths` on standard error, hidden when
/// standard error is not a terminal, with `--quiet`, or for a few files.
fn progress_bar(args: &AnalyzeArgs) -> ProgressBar {
    if args.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let n = pipeline::count_files(&args.paths);
    if n < PROGRESS_MIN_FILES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{prefix} [{bar:32}] {pos}/{len} files ({elapsed})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix("analysing");
    bar
}

/// Run `analyze`; the result is the exit code.
pub fn run(args: AnalyzeArgs) -> Result<u8> {
    let format = args.format.unwrap_or(ReportFormat::Json);
    // Thousands of lines of JSON scrolling past help no one: on a
    // terminal, without --format, the run prints its summary instead.
    let summary_only = summary_only(&args, std::io::stdout().is_terminal());
    if args.out.is_none() && format == ReportFormat::Html {
        anyhow::bail!("the HTML report is a folder: give it with --out DIR");
    }
    let Some(law) = model_law(&args.model_law) else {
        return Ok(2);
    };
    match crate::profiles::select(&law, &args.profile) {
        Ok(p) => crate::profiles::set_active(p),
        Err(diags) => {
            report_diagnostics(&diags);
            return Ok(2);
        }
    }
    let pool = thread_pool(args.jobs)?;
    // A review file is read, and checked against the run's jurisdictions,
    // before anything is analysed or written: a broken one stops the run
    // (exit 2) and leaves any report there as it was.
    let mut reviews = match &args.review {
        None => None,
        Some(path) => {
            let known = pool.install(|| pipeline::jurisdiction_keys(&args.paths));
            match crate::review::load(path, &law, &known) {
                Ok(r) => Some(r),
                Err(diags) => {
                    report_diagnostics(&diags);
                    writeln!(
                        std::io::stderr(),
                        "lexalign: no report written: the review file has errors"
                    )?;
                    return Ok(2);
                }
            }
        }
    };
    let reviewed = reviews.as_ref().is_some_and(|r| !r.is_empty());
    let engine = Engine::new(law);
    let progress = progress_bar(&args);
    // Without --out, the JSON goes out jurisdiction by jurisdiction; the
    // other outputs need every jurisdiction at once.
    let stream = args.out.is_none() && format == ReportFormat::Json && !summary_only;
    let mut below: Vec<String> = Vec::new();
    let mut explained = String::new();
    let mut unread: Vec<Diagnostic> = Vec::new();
    let law = &engine.law;
    let mut note = |j: &mut JurisdictionReport| {
        if let Some(r) = reviews.as_mut() {
            r.apply(law, j);
        }
        let j = &*j;
        if let (Some(min), Some(score)) = (args.fail_under, j.score) {
            if score < min {
                below.push(format!("{} ({score:.3})", j.jurisdiction));
            }
        }
        for d in &j.documents {
            if let Some(reason) = &d.not_assessed {
                unread.push(Diagnostic::warning(
                    &d.path,
                    format!("not assessed (its items are reported as not_assessed, not as missing law): {reason}"),
                ));
            }
        }
        if args.explain {
            for f in &j.findings {
                explained.push_str(&format!(
                    "{} {} — {}\n",
                    j.jurisdiction,
                    f.item,
                    f.status.as_str()
                ));
                for line in &f.explanation {
                    explained.push_str(&format!("    {line}\n"));
                }
            }
        }
    };
    let mut jurisdictions = Vec::new();
    let mut folder = None;
    let (diagnostics, mut timings) = if stream {
        let mut json = Report::new(&engine.law, &[])
            .given_as_of(args.as_of.as_deref())
            .stream(std::io::stdout())?;
        let mut failed = None;
        let mut writing = std::time::Duration::ZERO;
        let (diags, mut t) = pool.install(|| {
            pipeline::analyze_each(&engine, &args.paths, &|| progress.inc(1), &mut |mut j| {
                note(&mut j);
                let start = std::time::Instant::now();
                if failed.is_none() {
                    failed = json.push(&j).err();
                }
                writing += start.elapsed();
            })
        });
        if let Some(e) = failed {
            return Err(e.into());
        }
        let start = std::time::Instant::now();
        json.finish()?;
        // The writing happened inside the analysis's wall time.
        t.wall = t.wall.saturating_sub(writing);
        t.report = writing + start.elapsed();
        (diags, t)
    } else if let Some(dir) = &args.out {
        let (diags, t, outcome) = write_folder(
            &args,
            dir,
            &engine,
            &pool,
            &|| progress.inc(1),
            reviewed,
            &mut note,
        )?;
        folder = Some(outcome);
        (diags, t)
    } else {
        pool.install(|| {
            pipeline::analyze_each(&engine, &args.paths, &|| progress.inc(1), &mut |mut j| {
                note(&mut j);
                jurisdictions.push(j);
            })
        })
    };
    progress.finish_and_clear();
    let bad_input = report_diagnostics(&diagnostics);
    report_diagnostics(&unread);
    // One warning for the run's stale (or unapplied) decisions; like every
    // warning it leaves the exit code as it is.
    if let Some(w) = reviews.as_ref().and_then(crate::review::Reviews::warning) {
        report_diagnostics(&[w]);
    }
    let report_start = std::time::Instant::now();
    if let (Some(dir), Some(outcome)) = (&args.out, folder) {
        match outcome {
            Ok(written) => {
                if !args.quiet {
                    write!(std::io::stderr().lock(), "{}", written.summary(dir))?;
                }
            }
            Err(why) => {
                writeln!(
                    std::io::stderr(),
                    "lexalign: no report written: {why}; {} is unchanged",
                    dir.display()
                )?;
                return Ok(2);
            }
        }
    } else if summary_only {
        let counts = report::view::Counts::of(
            jurisdictions
                .iter()
                .flat_map(|j| j.findings.iter().map(|f| &f.status)),
        );
        let tally = report::Tally {
            jurisdictions: jurisdictions.len(),
            documents: jurisdictions.iter().map(|j| j.documents.len()).sum(),
            counts,
        };
        let mut err = std::io::stderr().lock();
        write!(
            err,
            "{}",
            report::summary_line(engine.law.checklist.items.len(), &tally)
        )?;
        writeln!(
            err,
            "No report printed: standard output is a terminal. Give --out DIR for the report folder (HTML, JSON, CSV), or --format json or --format csv to print it."
        )?;
    } else if format == ReportFormat::Csv {
        std::io::stdout()
            .lock()
            .write_all(&report::csv::to_csv_with(&jurisdictions, reviewed)?)?;
    } else if format == ReportFormat::Oscal {
        let mut oscal = OscalBuilder::new(&engine.law, args.as_of.as_deref());
        for j in &jurisdictions {
            oscal.push(j);
        }
        oscal.write(std::io::stdout().lock())?;
    }
    if args.timings {
        timings.report += report_start.elapsed();
        write_timings(&timings)?;
    }
    if args.explain {
        std::io::stderr().lock().write_all(explained.as_bytes())?;
    }
    if bad_input {
        return Ok(2);
    }
    if let Some(min) = args.fail_under {
        if !below.is_empty() {
            writeln!(
                std::io::stderr(),
                "lexalign: score below {min}: {}",
                below.join(", ")
            )?;
            return Ok(1);
        }
    }
    Ok(0)
}

/// True when only the summary is printed: no `--out`, no `--format`, and
/// standard output is a terminal.
fn summary_only(args: &AnalyzeArgs, terminal: bool) -> bool {
    args.out.is_none() && args.format.is_none() && terminal
}

/// Why a report folder was not written, when the input failed.
type NotWritten = &'static str;

/// What [`write_folder`] gives: the problems with the input, the timings,
/// and what was written (or why nothing was).
type Folder = (
    Vec<Diagnostic>,
    pipeline::Timings,
    Result<report::Written, NotWritten>,
);

/// Analyse into a report folder, each jurisdiction written as soon as it
/// is judged (memory holds a batch of jurisdictions, not the report). The
/// folder replaces the report there only when complete, and not at all
/// when a path given could not be read or no document could: a mistyped
/// input must not replace a report with a smaller one.
fn write_folder(
    args: &AnalyzeArgs,
    dir: &std::path::Path,
    engine: &Engine,
    pool: &rayon::ThreadPool,
    progress: &(dyn Fn() + Sync),
    reviewed: bool,
    note: &mut (dyn FnMut(&mut JurisdictionReport) + Send),
) -> Result<Folder> {
    let opts = report::write::OutOptions {
        inputs: &args.paths,
        force: args.force,
    };
    let mut ran = None;
    let mut tally = None;
    // `--format oscal` adds oscal.json to the folder.
    let mut oscal = (args.format == Some(ReportFormat::Oscal))
        .then(|| OscalBuilder::new(&engine.law, args.as_of.as_deref()));
    let result = report::write::write_report_folder(dir, opts, |out| {
        let mut stream = report::ReportStream::stated_as_of(
            out,
            &engine.law,
            args.templates.as_deref(),
            args.as_of.as_deref(),
        )?;
        if reviewed {
            stream = stream.with_review_columns();
        }
        let mut failed = None;
        let mut writing = std::time::Duration::ZERO;
        let (diags, mut t) = pool.install(|| {
            pipeline::analyze_each(engine, &args.paths, progress, &mut |mut j| {
                note(&mut j);
                let start = std::time::Instant::now();
                if let Some(o) = oscal.as_mut() {
                    o.push(&j);
                }
                if failed.is_none() {
                    failed = stream.push(out, j).err();
                }
                writing += start.elapsed();
            })
        });
        let missing = args.paths.iter().any(|p| std::fs::metadata(p).is_err());
        let empty = stream.is_empty();
        let start = std::time::Instant::now();
        let finished = match failed {
            Some(e) => Err(e),
            None if missing => Err(report::ReportError::NotWritten(
                "a path given could not be read",
            )),
            None if empty => Err(report::ReportError::NotWritten("no document could be read")),
            None => pool
                .install(|| stream.finish(out))
                .map(|t| tally = Some(t))
                .and_then(|()| match oscal.take() {
                    Some(o) => out.put_with("oscal.json", |w| o.write(w)),
                    None => Ok(()),
                }),
        };
        // The writing happened inside the analysis's wall time.
        t.wall = t.wall.saturating_sub(writing);
        t.report = writing + start.elapsed();
        ran = Some((diags, t));
        finished
    });
    let outcome = match result {
        Ok(dir) => Ok(report::Written::of(
            dir,
            &engine.law,
            tally.unwrap_or_default(),
        )),
        Err(report::ReportError::NotWritten(why)) => Err(why),
        Err(e) => return Err(e.into()),
    };
    let (diags, t) = ran.unwrap_or_default();
    Ok((diags, t, outcome))
}

/// Print the time spent in each stage (`--timings`), to standard error.
fn write_timings(t: &pipeline::Timings) -> Result<()> {
    let mut err = std::io::stderr().lock();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    writeln!(
        err,
        "timings: {} documents, {:.1} MB; load {:.0} ms, parse {:.0} ms, extract {:.0} ms, assess {:.0} ms (summed over threads); report {:.0} ms; wall {:.0} ms",
        t.documents,
        t.bytes as f64 / 1e6,
        ms(t.load),
        ms(t.parse),
        ms(t.extract),
        ms(t.assess),
        ms(t.report),
        ms(t.wall + t.report)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::summary_only;
    use crate::cli::{Cli, Command};

    fn args(line: &[&str]) -> crate::cli::AnalyzeArgs {
        match Cli::parse_from(line).command {
            Command::Analyze(a) => a,
            _ => unreachable!("an analyze command line"),
        }
    }

    #[test]
    fn a_terminal_gets_the_summary_unless_a_format_or_folder_is_asked_for() {
        let plain = args(&["lexalign", "analyze", "corpus"]);
        assert!(summary_only(&plain, true));
        assert!(!summary_only(&plain, false), "a pipe gets the JSON");
        let json = args(&["lexalign", "analyze", "corpus", "--format", "json"]);
        assert!(!summary_only(&json, true));
        let out = args(&["lexalign", "analyze", "corpus", "--out", "r"]);
        assert!(!summary_only(&out, true));
    }
}
