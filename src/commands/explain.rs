//! `lexalign explain ITEM PATH...`: one checklist item's finding per
//! jurisdiction: the rule, what was found, where, and why.

use std::io::Write;

use anyhow::Result;

use super::shared::{model_law, report_diagnostics};
use crate::cli::ExplainArgs;
use crate::extract::Engine;
use crate::pipeline;

/// Run `explain`; the result is the exit code.
pub fn run(args: ExplainArgs) -> Result<u8> {
    let Some(law) = model_law(&args.model_law) else {
        return Ok(2);
    };
    // Ids are matched in any case: `csam-possess` is CSAM-POSSESS.
    let wanted = args.item.trim();
    let item = law.item(wanted).or_else(|| {
        law.checklist
            .items
            .iter()
            .find(|i| i.id.eq_ignore_ascii_case(wanted))
    });
    let Some(item) = item.cloned() else {
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
                "  - [{}] {} {} (line {}){}",
                e.role.as_str(),
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
        if f.more_evidence > 0 {
            writeln!(
                out,
                "  … and {} more provision{}",
                f.more_evidence,
                if f.more_evidence == 1 { "" } else { "s" }
            )?;
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
