//! The subcommands: each reads its inputs through the pipeline stages and
//! writes its output. Diagnostics go to standard error; the returned code
//! is the process exit code.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{Cli, Command, OutlineArgs, OutlineFormat};
use crate::diag::Diagnostic;
use crate::parse::{self, Statute};
use crate::source;

/// Run a parsed command line; the result is the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Outline(args) => outline(args),
        _ => anyhow::bail!("not implemented yet"),
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
        OutlineFormat::Text => {
            for s in &statutes {
                write!(out, "{}", outline_text(s))?;
            }
        }
    }
    Ok(if report_diagnostics(&diags) { 2 } else { 0 })
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
