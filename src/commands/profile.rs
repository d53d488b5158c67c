//! `lexalign profile PATH...`: analyse, then show each profile (ICMEC's
//! five criteria, the Out of the Shadows Index, a user's own) per
//! jurisdiction: a Markdown table (the verdict, each indicator, what is
//! missed) and the provisions cited, or CSV, or JSON.

use std::io::Write;

use anyhow::Result;

use super::shared::{model_law, report_diagnostics};
use crate::assess::JurisdictionReport;
use crate::checklist::Status;
use crate::cli::{ProfileArgs, ProfileFormat};
use crate::extract::Engine;
use crate::pipeline::{self, thread_pool};
use crate::profiles::eval::{ProfileResult, evaluate};
use crate::profiles::{self, Profile};
use crate::report::view::label;

/// Run `profile`; the result is the exit code.
pub fn run(args: ProfileArgs) -> Result<u8> {
    let Some(law) = model_law(&args.model_law) else {
        return Ok(2);
    };
    let chosen = match profiles::select(&law, &args.profile) {
        Ok(p) => p,
        Err(diags) => {
            report_diagnostics(&diags);
            return Ok(2);
        }
    };
    let engine = Engine::new(law);
    let mut js: Vec<JurisdictionReport> = Vec::new();
    let (diags, _) = thread_pool(args.jobs)?
        .install(|| pipeline::analyze_each(&engine, &args.paths, &|| {}, &mut |j| js.push(j)));
    let bad = report_diagnostics(&diags);
    let text = match args.format {
        ProfileFormat::Text => to_text(&chosen, &js),
        ProfileFormat::Csv => String::from_utf8(to_csv(&chosen, &js)?)?,
        ProfileFormat::Json => {
            let v: Vec<serde_json::Value> = js
                .iter()
                .map(|j| {
                    serde_json::json!({
                        "jurisdiction": j.jurisdiction,
                        "profiles": profiles::eval::profiles_value(&chosen, j),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&v)? + "\n"
        }
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(if bad { 2 } else { 0 })
}

/// A status in a table cell.
fn cell(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::Partial => "partial",
        Status::NotMet => "not met",
        Status::NotAssessed => "not assessed",
    }
}

/// An indicator's cell: its status, or its points out of the scale.
fn value(r: &profiles::eval::IndicatorResult) -> String {
    match (r.points, r.max) {
        (Some(p), Some(m)) => format!("{p}/{m}"),
        _ => cell(r.status).to_string(),
    }
}

/// The indicators that are not met (the verdict aside).
fn missed(p: &ProfileResult) -> Vec<&str> {
    let verdict = p.verdict.as_ref().map(|v| v.indicator.as_str());
    p.indicators
        .iter()
        .filter(|i| Some(i.id.as_str()) != verdict && i.status != Status::Met)
        .map(|i| i.id.as_str())
        .collect()
}

/// Markdown: per profile, a table with a row per jurisdiction, then per
/// jurisdiction the provisions behind each indicator.
pub fn to_text(profiles: &[Profile], js: &[JurisdictionReport]) -> String {
    let mut out = String::new();
    for p in profiles {
        out.push_str(&format!(
            "## {} ({})\n\nSource: {}\n\n",
            p.title, p.id, p.source
        ));
        let verdict = p.verdict.as_deref();
        let shown: Vec<&profiles::Indicator> = p
            .indicators
            .iter()
            .filter(|i| Some(i.id.as_str()) != verdict)
            .collect();
        let mut head = vec!["jurisdiction".to_string()];
        if let Some(v) = verdict {
            head.push(v.to_string());
        }
        head.extend(shown.iter().map(|i| i.id.clone()));
        head.push("missed".into());
        out.push_str(&format!("| {} |\n", head.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
        let results: Vec<ProfileResult> = js.iter().map(|j| evaluate(p, j)).collect();
        for (j, r) in js.iter().zip(&results) {
            let mut row = vec![format!("{} ({})", label(j), j.jurisdiction)];
            if let Some(v) = &r.verdict {
                row.push(match v.status {
                    Status::Met => "yes".into(),
                    Status::NotAssessed => "not assessed".into(),
                    _ => "no".into(),
                });
            }
            for i in &shown {
                row.push(
                    r.indicators
                        .iter()
                        .find(|x| x.id == i.id)
                        .map_or_else(String::new, value),
                );
            }
            let m = missed(r);
            row.push(if m.is_empty() {
                "-".into()
            } else {
                m.join(", ")
            });
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        out.push('\n');
        for i in &shown {
            out.push_str(&format!("- {}: {}\n", i.id, i.title));
        }
        out.push_str("\nProvisions cited (items met or partly met):\n\n");
        for (j, r) in js.iter().zip(&results) {
            out.push_str(&format!("- {} ({})\n", label(j), j.jurisdiction));
            for i in r
                .indicators
                .iter()
                .filter(|i| Some(i.id.as_str()) != verdict)
            {
                let prov = if i.provisions.is_empty() {
                    "none".to_string()
                } else {
                    i.provisions.join("; ")
                };
                out.push_str(&format!("  - {} ({}): {prov}\n", i.id, value(i)));
            }
        }
        out.push('\n');
    }
    out
}

/// A cell a spreadsheet could run as a formula gets a leading `'` (the
/// rule of report.csv).
fn inert(cell: &str) -> String {
    crate::report::csv::inert(cell).into_owned()
}

/// One row per jurisdiction, profile and indicator.
pub fn to_csv(profiles: &[Profile], js: &[JurisdictionReport]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "jurisdiction",
        "profile",
        "indicator",
        "title",
        "status",
        "points",
        "max",
        "verdict",
        "items",
        "provisions",
    ])?;
    for j in js {
        for p in profiles {
            let r = evaluate(p, j);
            for i in &r.indicators {
                let is_verdict = r.verdict.as_ref().is_some_and(|v| v.indicator == i.id);
                w.write_record([
                    inert(&j.jurisdiction),
                    inert(&p.id),
                    inert(&i.id),
                    inert(&i.title),
                    i.status.as_str().to_string(),
                    i.points.map_or(String::new(), |x| x.to_string()),
                    i.max.map_or(String::new(), |x| x.to_string()),
                    if is_verdict { "yes" } else { "" }.to_string(),
                    inert(&i.items.join("; ")),
                    inert(&i.provisions.join("; ")),
                ])?;
            }
        }
    }
    Ok(w.into_inner().map_err(|e| e.into_error())?)
}
