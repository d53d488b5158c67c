//! The text summary of a comparison (standard output by default): items
//! gained and lost, the alignment table, and the redlines.

use std::fmt::Write;

use super::Comparison;
use super::provisions::UnitChange;
use super::redline::to_text as redline_text;
use super::status::Change;

/// One row of the table: old, new, flags, part map (splits and merges).
type Row = (String, String, String, String);

fn row(u: &UnitChange) -> Row {
    let (o, n) = u.labels();
    let map = if u.old.len() > 1 || u.new.len() > 1 {
        u.parts
            .iter()
            .filter_map(|p| Some(format!("{}->{}", p.old.as_ref()?, p.new.as_ref()?)))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        String::new()
    };
    (o, n, u.flags(), map)
}

/// The alignment table alone: one row per group, `old -> new  flags`, and
/// for splits and merges the map of their parts. With several documents,
/// a `[document]` line starts each document's rows.
pub fn alignment_table(c: &Comparison) -> String {
    let mut out = String::new();
    let Some(a) = &c.alignment else {
        return out;
    };
    let file = |r: &super::provisions::UnitRef| {
        let p = std::path::Path::new(&r.document);
        p.file_name()
            .map_or(r.document.clone(), |f| f.to_string_lossy().into_owned())
    };
    let doc = |u: &UnitChange| {
        u.new
            .first()
            .or(u.old.first())
            .map(file)
            .unwrap_or_default()
    };
    let count = |side: fn(&UnitChange) -> &Vec<super::provisions::UnitRef>| {
        let mut d: Vec<String> = a
            .units
            .iter()
            .flat_map(|u| side(u).iter().map(file))
            .collect();
        d.sort();
        d.dedup();
        d.len()
    };
    let several = count(|u| &u.old) > 1 || count(|u| &u.new) > 1;
    let mut current = String::new();
    let mut rows: Vec<Option<Row>> = Vec::new();
    let mut headers: Vec<String> = Vec::new();
    for u in &a.units {
        let d = doc(u);
        if several && d != current {
            current = d.clone();
            rows.push(None);
            headers.push(d);
        }
        rows.push(Some(row(u)));
    }
    let w = |f: fn(&Row) -> &String| {
        rows.iter()
            .flatten()
            .map(|r| f(r).chars().count())
            .max()
            .unwrap_or(0)
    };
    let (wo, wn, wf) = (w(|r| &r.0), w(|r| &r.1), w(|r| &r.2));
    let mut headers = headers.into_iter();
    for r in &rows {
        let line = match r {
            Some((o, n, f, m)) => format!("{o:>wo$} -> {n:<wn$}  {f:<wf$}  {m}"),
            None => format!("[{}]", headers.next().unwrap_or_default()),
        };
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// A score to three decimals, or `not assessed`.
fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "not assessed".to_string(), |s| format!("{s:.3}"))
}

/// The whole summary.
pub fn to_text(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Compare {} -> {}", c.old.path, c.new.path);
    for (side, info) in [("old", &c.old), ("new", &c.new)] {
        let titles: Vec<&str> = info.instruments.iter().map(|i| i.title.as_str()).collect();
        if !titles.is_empty() {
            let _ = writeln!(out, "  {side}: {}", titles.join("; "));
        }
    }
    for j in &c.jurisdictions {
        let _ = writeln!(
            out,
            "\n{} -> {}: score {} -> {}",
            j.old,
            j.new,
            score(j.old_score),
            score(j.new_score)
        );
        let unchanged = j
            .items
            .iter()
            .filter(|i| i.change == Change::Unchanged)
            .count();
        let _ = writeln!(
            out,
            "  {} gained, {} lost, {} with changed evidence, {} renumbered, {} unchanged",
            j.gained.len(),
            j.lost.len(),
            j.changed_evidence.len(),
            j.renumbered.len(),
            unchanged
        );
        // Items that changed, lost first (the order of `items`), each with
        // its title on a line of its own; a citation names its instrument
        // when the side holds several.
        for i in j.items.iter().filter(|i| i.change != Change::Unchanged) {
            let st = |s: Option<crate::checklist::Status>| s.map_or("absent", |s| s.as_str());
            let cites = |v: &[super::status::Cited], several: bool| {
                let c: Vec<String> = v
                    .iter()
                    .map(|c| match (&c.instrument, several) {
                        (Some(t), true) => format!("{} in {t}", c.citation),
                        _ => c.citation.to_string(),
                    })
                    .collect();
                if c.is_empty() {
                    "-".to_string()
                } else {
                    c.join(", ")
                }
            };
            let title = i
                .title
                .as_ref()
                .map_or(String::new(), |t| format!(" ({t})"));
            let _ = writeln!(
                out,
                "  {}: {}{title}\n      {} -> {}  [{}] -> [{}]",
                i.change.as_str(),
                i.item,
                reviewed(st(i.old_status), i.old_reviewed),
                reviewed(st(i.new_status), i.new_reviewed),
                cites(&i.old_provisions, c.old.instruments.len() > 1),
                cites(&i.new_provisions, c.new.instruments.len() > 1)
            );
        }
    }
    for u in &c.unpaired {
        let _ = writeln!(out, "\nNot compared: {u}");
    }
    match &c.alignment {
        None => {
            if let Some(n) = &c.alignment_note {
                let _ = writeln!(out, "\nNo provision alignment: {n}.");
            }
        }
        Some(a) => {
            let counts: Vec<String> = a.counts.iter().map(|(k, v)| format!("{v} {k}")).collect();
            let _ = writeln!(
                out,
                "\nProvisions: {} ({} renumbered, {} moved)\n",
                counts.join(", "),
                a.renumbered,
                a.moved
            );
            out.push_str(&alignment_table(c));
            let _ = writeln!(out, "\nRedlines ([-deleted-] {{+inserted+}}):");
            for u in &a.units {
                let (o, n) = u.labels();
                if let Some(h) = &u.heading_redline {
                    let _ = writeln!(out, "\n{o} -> {n} heading: {}", redline_text(h));
                }
                for p in u.parts.iter().filter(|p| p.change == "changed") {
                    let _ = writeln!(
                        out,
                        "\n{} -> {}: {}",
                        p.old.as_deref().unwrap_or("-"),
                        p.new.as_deref().unwrap_or("-"),
                        redline_text(&p.redline)
                    );
                }
            }
        }
    }
    out
}

/// A status, marked when it is a reviewer's decision.
fn reviewed(status: impl std::fmt::Display, by_reviewer: bool) -> String {
    if by_reviewer {
        format!("{status} (reviewed)")
    } else {
        status.to_string()
    }
}
