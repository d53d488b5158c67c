//! `lexalign checklist`: list the model law's checklist (loading it
//! validates it) and the shipped profiles computed from it.

use std::io::Write;

use anyhow::Result;

use super::shared::model_law;
use crate::cli::{ChecklistArgs, OutlineFormat};

/// Run `checklist`; the result is the exit code.
pub fn run(args: ChecklistArgs) -> Result<u8> {
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
            writeln!(out, "\nProfiles (model-law/profiles/):")?;
            let all = crate::profiles::embedded();
            let fit = crate::profiles::select(&law, &[]).unwrap_or_default();
            for p in &all {
                let note = if fit.iter().any(|f| f.id == p.id) {
                    String::new()
                } else {
                    " (names items this model law lacks: left out of reports)".to_string()
                };
                writeln!(
                    out,
                    "  {:<24} {} indicators  {}{note}",
                    p.id,
                    p.indicators.len(),
                    p.title
                )?;
            }
        }
    }
    Ok(0)
}
