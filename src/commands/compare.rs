//! `lexalign compare OLD NEW`: load both sides, compare, print or write
//! the result, and apply `--fail-on-regression`.

use std::io::Write;

use anyhow::Result;

use super::shared::{model_law, report_diagnostics};
use crate::cli::{CompareArgs, CompareFormat};
use crate::compare::{input, plan, summary};
use crate::export::sarif;
use crate::extract::Engine;
use crate::pipeline::thread_pool;
use crate::report::html::Renderer;
use crate::report::view::PageView;
use crate::report::write::{OutOptions, write_report_folder};

/// Run `compare`; the result is the exit code.
pub fn run(args: CompareArgs) -> Result<u8> {
    let Some(law) = model_law(&args.model_law) else {
        return Ok(2);
    };
    let engine = Engine::new(law);
    let ((old, d_old), (new, d_new)) = thread_pool(args.jobs)?.install(|| {
        rayon::join(
            || input::load(&engine, &args.old),
            || input::load(&engine, &args.new),
        )
    });
    let bad_old = report_diagnostics(&d_old);
    let bad_new = report_diagnostics(&d_new);
    let (Some(old), Some(new)) = (old, new) else {
        return Ok(2);
    };
    let plan = plan(&old, &new);
    let titles: std::collections::HashMap<&str, &str> = engine
        .law
        .checklist
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect();
    let title = |id: &str| titles.get(id).map(|t| (*t).to_string());
    if args.out.is_none() && args.format == CompareFormat::Json {
        // Each item made as it is written: two reports of 10^6 findings
        // are compared in about the memory of the reports.
        plan.write_json(std::io::stdout().lock(), &title)?;
        return finish(bad_old || bad_new, &args, || plan.regressions());
    }
    let c = plan.comparison(&title);
    let title = match c.jurisdictions.as_slice() {
        [j] => format!("Comparison: {} → {}", j.old, j.new),
        _ => format!("Comparison: {} → {}", c.old.path, c.new.path),
    };
    let page = PageView::new(&engine.law, title);
    if let Some(dir) = &args.out {
        let html =
            Renderer::new(args.templates.as_deref())?.render("compare.html", &page, "c", &c)?;
        let inputs = [args.old.clone(), args.new.clone()];
        let opts = OutOptions {
            inputs: &inputs,
            force: args.force,
        };
        write_report_folder(dir, opts, |out| {
            out.put("index.html", html.as_bytes())?;
            if args.format == CompareFormat::Sarif {
                out.put_with("compare.sarif", |w| {
                    sarif::write(&engine.law, &c, &new, &args.new, w)
                })?;
            }
            out.put_with("compare.json", |w| c.write_json(w))
        })?;
        writeln!(
            std::io::stderr(),
            "Comparison: {}",
            dir.join("index.html").display()
        )?;
    } else {
        let mut out = std::io::stdout().lock();
        match args.format {
            CompareFormat::Json => c.write_json(&mut out)?,
            CompareFormat::Sarif => sarif::write(&engine.law, &c, &new, &args.new, &mut out)?,
            CompareFormat::Text => out.write_all(summary::to_text(&c).as_bytes())?,
            CompareFormat::Html => {
                let html = Renderer::new(args.templates.as_deref())?.render(
                    "compare.html",
                    &page,
                    "c",
                    &c,
                )?;
                out.write_all(html.as_bytes())?;
            }
        }
    }
    finish(bad_old || bad_new, &args, || c.regressions())
}

/// The exit code: 2 when a side had errors, 1 when `--fail-on-regression`
/// finds an item that got worse (`lost`, as the comparison names them).
fn finish(bad: bool, args: &CompareArgs, lost: impl FnOnce() -> Vec<String>) -> Result<u8> {
    if bad {
        return Ok(2);
    }
    if !args.fail_on_regression {
        return Ok(0);
    }
    let lost = lost();
    if !lost.is_empty() {
        writeln!(
            std::io::stderr(),
            "lexalign: regression: {}",
            lost.join("; ")
        )?;
        return Ok(1);
    }
    Ok(0)
}
