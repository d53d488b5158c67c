//! `lexalign trend REPORT.json...`: read the reports, build the trend,
//! print it or write it (HTML and JSON).

use std::io::Write;

use anyhow::Result;

use super::shared::report_diagnostics;
use crate::cli::{DiffFormat, TrendArgs};
use crate::pipeline;
use crate::report::html::Renderer;
use crate::report::read::read_report;
use crate::report::view::PageView;
use crate::report::write::{OutOptions, write_report_folder};
use crate::trend::{Entry, Trend, plan_of, to_text};

/// Run `trend`; the result is the exit code.
pub fn run(args: TrendArgs) -> Result<u8> {
    if !args.years.is_empty() && args.years.len() != args.reports.len() {
        writeln!(
            std::io::stderr(),
            "lexalign: error: {} {} of --year for {} reports: give one year per report, in the order of the reports",
            args.years.len(),
            if args.years.len() == 1 {
                "value"
            } else {
                "values"
            },
            args.reports.len()
        )?;
        return Ok(2);
    }
    // `--year` takes YYYY, YYYY-MM or YYYY-MM-DD (checked by the parser):
    // the edition is its year.
    let given: Vec<Option<i64>> = args
        .years
        .iter()
        .map(|y| y.get(..4).and_then(|y| y.parse().ok()))
        .collect();
    let mut diags = Vec::new();
    let mut entries = Vec::new();
    let mut names = Vec::new();
    for (k, p) in args.reports.iter().enumerate() {
        let shown = crate::source::display_name(p);
        match read_report(p) {
            Ok(r) => {
                names.push(shown.clone());
                let as_of_year = r.as_of_year();
                let given_year = given.get(k).copied().flatten();
                entries.extend(r.jurisdictions.into_iter().map(|j| Entry {
                    report: shown.clone(),
                    index: k,
                    given_year,
                    as_of_year,
                    jurisdiction: j,
                }));
            }
            Err(d) => diags.push(d),
        }
    }
    let law = pipeline::load_model_law(None)
        .map_err(|_| anyhow::anyhow!("the embedded model law does not load"))?;
    let titles: std::collections::HashMap<&str, &str> = law
        .checklist
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect();
    let title = |id: &str| titles.get(id).map(|t| (*t).to_string());
    let (t, d) = plan_of(names, entries, &title);
    diags.extend(d);
    let bad = report_diagnostics(&diags);
    if bad && args.out.is_some() {
        // A report that could not be read must not replace a trend page
        // made of all of them.
        writeln!(
            std::io::stderr(),
            "lexalign: nothing written: a report given could not be read (the folder given to --out is unchanged)"
        )?;
        return Ok(2);
    }
    if args.out.is_none() && args.format == DiffFormat::Json {
        // Each row made as it is written: reports of 10^6 findings make
        // a trend in less than their memory.
        t.write_json(std::io::stdout().lock())?;
    } else {
        write_out(&t.trend(), &args)?;
    }
    Ok(if bad { 2 } else { 0 })
}

fn write_out(t: &Trend, args: &TrendArgs) -> Result<()> {
    let templates = args.templates.as_deref();
    let page = || -> Result<String> {
        let law = pipeline::load_model_law(None)
            .map_err(|_| anyhow::anyhow!("the embedded model law does not load"))?;
        // The first and the last year: `Trend 2024–2026`.
        let title = match (t.years.first(), t.years.last()) {
            (Some(a), Some(b)) if a != b => format!("Trend {a}–{b}"),
            (Some(a), _) => format!("Trend {a}"),
            _ => "Trend".to_string(),
        };
        let page = PageView::new(&law, title.trim_end().to_string());
        Ok(Renderer::new(templates)?.render("trend.html", &page, "t", t)?)
    };
    if let Some(dir) = &args.out {
        let html = page()?;
        let opts = OutOptions {
            inputs: &args.reports,
            force: args.force,
        };
        write_report_folder(dir, opts, |out| {
            out.put("index.html", html.as_bytes())?;
            out.put_with("trend.json", |w| t.write_json(w))
        })?;
        writeln!(
            std::io::stderr(),
            "Trend: {}",
            dir.join("index.html").display()
        )?;
        return Ok(());
    }
    let mut o = std::io::stdout().lock();
    match args.format {
        DiffFormat::Json => t.write_json(&mut o)?,
        DiffFormat::Text => o.write_all(to_text(t).as_bytes())?,
        DiffFormat::Html => o.write_all(page()?.as_bytes())?,
    }
    Ok(())
}
