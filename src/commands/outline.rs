//! `lexalign outline FILE...`: the provision tree of statute files, to
//! check the parse; with `--facts`, what extraction found in each
//! provision.

use std::io::Write;

use anyhow::Result;

use super::shared::{model_law, report_diagnostics};
use crate::cli::{OutlineArgs, OutlineFormat};
use crate::extract::Engine;
use crate::parse::{ParseContext, Statute, parse_statute_with};
use crate::pipeline::load_statutes;
use crate::source;

/// Run `outline`; the result is the exit code.
pub fn run(args: OutlineArgs) -> Result<u8> {
    if args.facts && args.format == OutlineFormat::Text {
        return run_facts(&args);
    }
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

/// `outline --facts`: the statutes parsed as `analyze` parses them, with
/// the model law's paragraph labels, and what extraction found in them.
fn run_facts(args: &OutlineArgs) -> Result<u8> {
    let Some(law) = model_law(&args.model_law) else {
        return Ok(2);
    };
    let engine = Engine::new(law);
    let (files, mut diags) = source::collect_paths(&args.paths);
    let mut out = std::io::stdout().lock();
    for f in files {
        let src = match source::load_file(&f) {
            Ok(src) => src,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let ctx = ParseContext {
            paragraph_label: engine.law.paragraph_label(&src.meta.language),
        };
        let (statute, d) = parse_statute_with(&src, &ctx);
        diags.extend(d);
        let facts = crate::extract::extract(&engine, &statute);
        write!(out, "{}", facts_text(&engine, &facts))?;
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
        for h in d.hits.iter().filter(|h| d.prov_of(h.first()) == i) {
            let via = h
                .via()
                .map(|v| format!(" (via “{}”)", d.defs[v].term))
                .unwrap_or_default();
            out.push_str(&format!(
                "    {} “{}”{}\n",
                engine.concept_ids[h.concept()],
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
