//! The subcommands: each reads its inputs through the pipeline stages and
//! writes its output. Diagnostics go to standard error; the returned code
//! is the process exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::assess::JurisdictionReport;
use crate::checklist::{self, ModelLaw};
use crate::cli::{
    AnalyzeArgs, ChecklistArgs, Cli, Command, ExplainArgs, ModelLawArg, OutlineArgs, OutlineFormat,
    ReportFormat,
};
use crate::diag::Diagnostic;
use crate::extract::Engine;
use crate::parse::{self, Statute};
use crate::pipeline;
use crate::report::{self, json::Report};
use crate::source;

/// Run a parsed command line; the result is the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Outline(args) => outline(args),
        Command::Analyze(args) => analyze(args),
        Command::Checklist(args) => checklist_cmd(args),
        Command::Explain(args) => explain(args),
        Command::Compare(args) => crate::compare::command::run(args),
        Command::Trend(args) => crate::trend::run(args),
    }
}

/// Load and parse every statute under `paths`, in sorted order. Files that
/// cannot be read are reported in the diagnostics and left out.
pub fn load_statutes(paths: &[PathBuf]) -> (Vec<Statute>, Vec<Diagnostic>) {
    let (files, mut diags) = source::collect_paths(paths);
    let mut statutes = Vec::new();
    for f in files {
        match source::load_file(&f) {
            Ok(src) => {
                let (statute, d) = parse::parse_statute(&src);
                diags.extend(d);
                statutes.push(statute);
            }
            Err(d) => diags.push(d),
        }
    }
    (statutes, diags)
}

/// Print diagnostics to standard error; true when any is an error.
pub fn report_diagnostics(diags: &[Diagnostic]) -> bool {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{d}");
    }
    diags.iter().any(Diagnostic::is_error)
}

fn outline(args: OutlineArgs) -> Result<u8> {
    let (statutes, diags) = load_statutes(&args.paths);
    let mut out = std::io::stdout().lock();
    match args.format {
        OutlineFormat::Json => {
            let docs: Vec<serde_json::Value> = statutes.iter().map(outline_json).collect();
            serde_json::to_writer_pretty(&mut out, &docs)?;
            writeln!(out)?;
        }
        OutlineFormat::Text if args.facts => {
            let Some(law) = model_law(&args.model_law) else {
                return Ok(2);
            };
            let engine = Engine::new(law);
            for s in &statutes {
                let facts = crate::extract::extract(&engine, s);
                write!(out, "{}", facts_text(&engine, &facts))?;
            }
        }
        OutlineFormat::Text => {
            for s in &statutes {
                write!(out, "{}", outline_text(s))?;
            }
        }
    }
    Ok(if report_diagnostics(&diags) { 2 } else { 0 })
}

/// What extraction found, provision by provision: flags, concepts (with
/// the words), definitions and ages.
pub fn facts_text(engine: &Engine, d: &crate::extract::DocFacts) -> String {
    let mut out = format!(
        "{}  [{} · {}]\n",
        d.path, d.meta.jurisdiction, d.meta.language
    );
    for (i, p) in d.provs.iter().enumerate() {
        let mut flags = Vec::new();
        for (on, name) in [
            (p.offence, "offence"),
            (p.defence, "defence"),
            (p.aggravation, "aggravation"),
            (p.definition, "definition"),
        ] {
            if on {
                flags.push(name);
            }
        }
        out.push_str(&format!(
            "{} L{} [{}]\n",
            p.citation,
            p.line,
            flags.join(",")
        ));
        for h in d.hits.iter().filter(|h| d.prov_of(h.first) == i) {
            let via = h
                .via
                .map(|v| format!(" (via “{}”)", d.defs[v].term))
                .unwrap_or_default();
            out.push_str(&format!(
                "    {} “{}”{}\n",
                engine.concept_ids[h.concept],
                d.hit_text(h),
                via
            ));
        }
        for def in d.defs.iter().filter(|x| x.prov == i) {
            let end = d.prov_of(def.end.saturating_sub(1).max(def.term_last));
            out.push_str(&format!(
                "    DEFINES “{}”{} (to {})\n",
                def.term,
                if def.by_reference {
                    " by reference"
                } else {
                    ""
                },
                d.provs[end].citation
            ));
        }
        for a in d.ages.iter().filter(|a| a.prov == i) {
            out.push_str(&format!("    AGE {:?} {}\n", a.age.bound, a.age.value));
        }
    }
    out
}

/// The provision tree as indented text: citation, kind, line, heading.
pub fn outline_text(s: &Statute) -> String {
    let mut out = format!(
        "{}  [{} · {}]\n",
        s.path, s.meta.jurisdiction, s.meta.language
    );
    let mut depth = vec![0usize; s.provisions.len()];
    for (i, p) in s.provisions.iter().enumerate() {
        if let Some(parent) = p.parent {
            depth[i] = depth[parent] + 1;
        }
        let heading = p
            .heading
            .as_deref()
            .map(|h| format!("  — {h}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:indent$}{}  {:?} L{}{}\n",
            "",
            p.citation,
            p.kind,
            p.line,
            heading,
            indent = 2 * depth[i] + 2
        ));
    }
    out
}

/// The provision tree as JSON (nested).
pub fn outline_json(s: &Statute) -> serde_json::Value {
    fn node(s: &Statute, id: usize) -> serde_json::Value {
        let p = &s.provisions[id];
        let mut v = serde_json::json!({
            "citation": p.citation,
            "kind": p.kind,
            "label": p.label,
            "line": p.line,
        });
        if let Some(h) = &p.heading {
            v["heading"] = h.clone().into();
        }
        if !p.children.is_empty() {
            v["children"] = p.children.iter().map(|&c| node(s, c)).collect();
        }
        v
    }
    serde_json::json!({
        "path": s.path,
        "jurisdiction": s.meta.jurisdiction,
        "language": s.meta.language,
        "provisions": s.roots.iter().map(|&r| node(s, r)).collect::<Vec<_>>(),
    })
}

/// Load the model law named on the command line (or the embedded one);
/// problems are printed and give `None`.
pub(crate) fn model_law(arg: &ModelLawArg) -> Option<ModelLaw> {
    match checklist::load(arg.model_law.as_deref()) {
        Ok(l) => Some(l),
        Err(diags) => {
            report_diagnostics(&diags);
            None
        }
    }
}

/// A thread pool of `--jobs` threads (all cores by default).
pub(crate) fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        anyhow::ensure!(n > 0, "--jobs must be at least 1");
        b = b.num_threads(n);
    }
    Ok(b.build()?)
}

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

fn analyze(args: AnalyzeArgs) -> Result<u8> {
    if args.out.is_none() && args.format == ReportFormat::Html {
        anyhow::bail!("the HTML report is a folder: give it with --out DIR");
    }
    let Some(law) = model_law(&args.model_law) else {
        return Ok(2);
    };
    let engine = Engine::new(law);
    let pool = thread_pool(args.jobs)?;
    let progress = progress_bar(&args);
    // Without --out, the JSON goes out jurisdiction by jurisdiction; the
    // other outputs need every jurisdiction at once.
    let stream = args.out.is_none() && args.format == ReportFormat::Json;
    let mut below: Vec<String> = Vec::new();
    let mut explained = String::new();
    let mut note = |j: &JurisdictionReport| {
        if args.fail_under.is_some_and(|min| j.score < min) {
            below.push(format!("{} ({:.3})", j.jurisdiction, j.score));
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
    let (diagnostics, mut timings) = if stream {
        let mut json = Report::new(&engine.law, &[]).stream(std::io::stdout())?;
        let mut failed = None;
        let mut writing = std::time::Duration::ZERO;
        let (diags, mut t) = pool.install(|| {
            pipeline::analyze_each(&engine, &args.paths, &|| progress.inc(1), &mut |j| {
                note(&j);
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
    } else {
        pool.install(|| {
            pipeline::analyze_each(&engine, &args.paths, &|| progress.inc(1), &mut |j| {
                note(&j);
                jurisdictions.push(j);
            })
        })
    };
    progress.finish_and_clear();
    let bad_input = report_diagnostics(&diagnostics);
    let report_start = std::time::Instant::now();
    if let Some(dir) = &args.out {
        let written = pool.install(|| {
            report::write_report(dir, &engine.law, &jurisdictions, args.templates.as_deref())
        })?;
        if !args.quiet {
            write!(std::io::stderr().lock(), "{}", written.summary(dir))?;
        }
    } else if args.format == ReportFormat::Csv {
        std::io::stdout()
            .lock()
            .write_all(&report::csv::to_csv(&jurisdictions)?)?;
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

fn checklist_cmd(args: ChecklistArgs) -> Result<u8> {
    let Some(law) = model_law(&args.model_law) else {
        return Ok(2);
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        OutlineFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &law.checklist)?;
            writeln!(out)?;
        }
        OutlineFormat::Text => {
            writeln!(
                out,
                "{} {} — {}",
                law.checklist.id, law.checklist.version, law.checklist.title
            )?;
            for area in law.areas_in_order() {
                writeln!(
                    out,
                    "\n{} ({}, weight {})",
                    area.title, area.id, area.weight
                )?;
                for item in law.checklist.items.iter().filter(|i| i.area == area.id) {
                    writeln!(
                        out,
                        "  {:<24} {:<20} {}",
                        item.id,
                        item.check.kind_name(),
                        item.title
                    )?;
                }
            }
            writeln!(
                out,
                "\n{} items, {} concepts, lexicons: {}",
                law.checklist.items.len(),
                law.concepts.len(),
                law.lexicons.keys().cloned().collect::<Vec<_>>().join(", ")
            )?;
        }
    }
    Ok(0)
}

fn explain(args: ExplainArgs) -> Result<u8> {
    let Some(law) = model_law(&args.model_law) else {
        return Ok(2);
    };
    let Some(item) = law.item(&args.item).cloned() else {
        let ids: Vec<&str> = law.checklist.items.iter().map(|i| i.id.as_str()).collect();
        writeln!(
            std::io::stderr(),
            "lexalign: error: unknown item `{}` (items: {})",
            args.item,
            ids.join(", ")
        )?;
        return Ok(2);
    };
    let engine = Engine::new(law);
    let analysis = pipeline::analyze(&engine, &args.paths, &|| {});
    let bad_input = report_diagnostics(&analysis.diagnostics);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} — {}", item.id, item.title)?;
    writeln!(out, "Requirement: {}", item.requirement)?;
    writeln!(out, "Sources: {}", item.sources.join("; "))?;
    for j in &analysis.jurisdictions {
        let Some(f) = j.findings.iter().find(|f| f.item == item.id) else {
            continue;
        };
        writeln!(out, "\n[{}] {}", j.jurisdiction, f.status.as_str())?;
        for line in &f.explanation {
            writeln!(out, "  {line}")?;
        }
        for e in &f.evidence {
            writeln!(
                out,
                "  - {} {} (line {}){}",
                e.document,
                e.citation,
                e.line,
                e.note
                    .as_deref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            )?;
            writeln!(out, "      matched: {}", e.matched.join(" | "))?;
            writeln!(out, "      {}", e.excerpt.replace('\n', " "))?;
        }
        if !f.facts.is_empty() {
            writeln!(out, "  facts: {}", serde_json::to_string(&f.facts)?)?;
        }
        if f.status != crate::checklist::Status::Met {
            writeln!(out, "  Recommendation: {}", item.recommendation)?;
        }
    }
    Ok(if bad_input { 2 } else { 0 })
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
