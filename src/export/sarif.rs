//! `compare --format sarif`: the items a new draft lost (met → partial,
//! partial → not met, …) as SARIF 2.1.0 results, so that a bill kept in a
//! Git repository gets code-scanning annotations on the lines that lost a
//! protection. One rule per checklist item (its title, requirement and
//! recommendation as help).
//!
//! Where a lost item is located, in this order:
//! 1. the provisions of the new draft still cited for it (an item that
//!    went from met to partial);
//! 2. else the new provisions the old ones were aligned with (the section
//!    whose new wording lost the protection);
//! 3. else (the protection and its provision are gone) line 1 of the new
//!    document of that name, or of the jurisdiction's first new document,
//!    with the old provisions as related locations and named in the
//!    message.
//!
//! Regions run from the provision's first line to the line before the next
//! section (or subsection, for a provision inside one), blank lines at its
//! end left out, when the new draft's text is at hand; from a report JSON
//! only the first line is known.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::path_uri;
use crate::checklist::{ModelLaw, Status};
use crate::compare::Comparison;
use crate::compare::input::Side;
use crate::compare::status::{Change, Cited, ItemChange};

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

/// Where the official schema lives (the `$schema` of the output).
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A place in the new draft: document, first and last line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    document: String,
    start: usize,
    end: Option<usize>,
}

/// What is known of the new draft's text: per document, where sections
/// and subsections start, and the text itself when it can be read.
#[derive(Default)]
struct Layout {
    /// Per document: (line, is a whole section) of every section and
    /// first-level part, sorted.
    starts: BTreeMap<String, Vec<(usize, bool)>>,
    /// Per document: its lines, when the file could be read.
    lines: BTreeMap<String, Vec<String>>,
    /// The first line of each part, by document and citation.
    parts: BTreeMap<(String, String), usize>,
}

/// The file a document name of the new side stands for: the path given
/// when it is a file, else the file under the folder given.
fn file_of(given: &Path, document: &str) -> Option<PathBuf> {
    let shown = crate::source::display_name(given);
    if given.is_file() {
        return (shown == document).then(|| given.to_path_buf());
    }
    let inside = if shown == "." {
        document
    } else {
        document.strip_prefix(&shown)?.strip_prefix('/')?
    };
    let p = given.join(inside);
    p.is_file().then_some(p)
}

impl Layout {
    fn of(new: &Side, given: &Path) -> Layout {
        let mut l = Layout::default();
        for u in new.units.iter().flatten() {
            let v = l.starts.entry(u.document.clone()).or_default();
            v.push((u.line, true));
            v.extend(
                u.parts
                    .iter()
                    .filter(|p| p.line != u.line)
                    .map(|p| (p.line, false)),
            );
            for p in &u.parts {
                l.parts
                    .insert((u.document.clone(), p.citation.clone()), p.line);
            }
        }
        for (doc, v) in &mut l.starts {
            v.sort_unstable();
            v.dedup_by_key(|p| p.0);
            if let Some(text) = file_of(given, doc).and_then(|p| std::fs::read_to_string(p).ok()) {
                l.lines
                    .insert(doc.clone(), text.lines().map(str::to_string).collect());
            }
        }
        l
    }

    /// The place of a provision starting at `line` of `document`.
    fn place(&self, document: &str, line: usize) -> Place {
        let start = line.max(1);
        let end = self.starts.get(document).and_then(|v| {
            let lines = self.lines.get(document);
            let Some(&(_, whole)) = v.iter().find(|&&(l, _)| l == start) else {
                // Inside a part (a paragraph, a definition): its paragraph.
                let lines = lines?;
                let blank = lines
                    .iter()
                    .enumerate()
                    .skip(start)
                    .find(|(_, t)| t.trim().is_empty())
                    .map_or(lines.len(), |(n, _)| n);
                return (blank >= start).then_some(blank);
            };
            let next = v
                .iter()
                .find(|&&(l, unit)| l > start && (unit || !whole))
                .map(|&(l, _)| l - 1);
            let mut end = next.or_else(|| lines.map(Vec::len))?;
            if let Some(lines) = lines {
                end = end.min(lines.len());
                while end > start && lines.get(end - 1).is_some_and(|t| t.trim().is_empty()) {
                    end -= 1;
                }
            }
            (end >= start).then_some(end)
        });
        Place {
            document: document.to_string(),
            start,
            end,
        }
    }
}

fn physical(p: &Place) -> Value {
    let mut region = Map::new();
    region.insert("startLine".into(), json!(p.start));
    if let Some(e) = p.end {
        region.insert("endLine".into(), json!(e));
    }
    json!({
        "artifactLocation": {"uri": path_uri(&p.document)},
        "region": region,
    })
}

/// Sorted, without a place that lies within another of the list.
fn outermost(mut places: Vec<Place>) -> Vec<Place> {
    places.sort();
    places.dedup();
    let within = |p: &Place, q: &Place| {
        p != q
            && p.document == q.document
            && q.start <= p.start
            && p.end.unwrap_or(p.start) <= q.end.unwrap_or(q.start)
    };
    let keep: Vec<bool> = places
        .iter()
        .map(|p| !places.iter().any(|q| within(p, q)))
        .collect();
    places
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

fn status_text(s: Option<Status>) -> &'static str {
    s.map_or("absent", |s| s.as_str())
}

fn cited_list(c: &[Cited]) -> String {
    c.iter()
        .map(|c| format!("{} ({}:{})", c.citation, c.document, c.line))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The new places of old provisions, through the provision alignment.
fn aligned(c: &Comparison, old: &[Cited], layout: &Layout) -> Vec<Place> {
    let Some(a) = &c.alignment else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for o in old {
        for u in &a.units {
            let holds = u.old.iter().any(|r| {
                r.document == *o.document
                    && (o.citation.as_ref() == r.citation
                        || o.citation.starts_with(&format!("{}(", r.citation))
                        || o.citation.starts_with(&format!("{} ", r.citation)))
            });
            if !holds {
                continue;
            }
            // The aligned part, when the old provision is one; else the
            // new units.
            let part = u
                .parts
                .iter()
                .find(|p| p.old.as_deref() == Some(&*o.citation))
                .and_then(|p| p.new.as_deref());
            for n in &u.new {
                let line = part
                    .and_then(|pc| layout.parts.get(&(n.document.clone(), pc.to_string())))
                    .copied()
                    .unwrap_or(n.line);
                out.push(layout.place(&n.document, line));
            }
        }
    }
    outermost(out)
}

/// One lost item as a result.
fn result(
    c: &Comparison,
    new: &Side,
    layout: &Layout,
    jurisdiction: &str,
    i: &ItemChange,
    rule: Option<(usize, &str)>,
) -> Value {
    let rule_index = rule.map(|r| r.0);
    let named = match rule {
        Some((_, title)) => format!("{} ({title})", i.item),
        None => i.item.clone(),
    };
    let mut places = outermost(
        i.new_provisions
            .iter()
            .map(|p| layout.place(&p.document, p.line))
            .collect(),
    );
    let mut how = String::new();
    if places.is_empty() {
        places = aligned(c, &i.old_provisions, layout);
        if !places.is_empty() {
            how = format!(
                " The provisions that decided it before ({}) are now here, without it.",
                cited_list(&i.old_provisions)
            );
        }
    }
    let mut related = Vec::new();
    if places.is_empty() {
        // Gone with its provision: the new document of the same name, else
        // the jurisdiction's first new document, at line 1.
        let docs: Vec<&str> = new
            .jurisdictions
            .iter()
            .filter(|j| j.label() == jurisdiction)
            .flat_map(|j| j.documents.iter().map(|d| &*d.path))
            .collect();
        let same = i
            .old_provisions
            .iter()
            .find(|o| docs.contains(&&*o.document))
            .map(|o| o.document.to_string());
        if let Some(doc) = same.or_else(|| docs.first().map(|d| (*d).to_string())) {
            places.push(Place {
                document: doc,
                start: 1,
                end: None,
            });
        }
        how = if i.old_provisions.is_empty() {
            " No provision of the new draft decides it (shown at the document's first line)."
                .to_string()
        } else {
            format!(
                " No provision of the new draft takes the place of {} of the old draft (shown at the document's first line; the old provisions are related locations).",
                cited_list(&i.old_provisions)
            )
        };
        for (n, o) in i.old_provisions.iter().enumerate() {
            let p = Place {
                document: o.document.to_string(),
                start: o.line.max(1),
                end: None,
            };
            related.push(json!({
                "id": n,
                "physicalLocation": physical(&p),
                "message": {"text": format!("{} in the old draft", o.citation)},
            }));
        }
    }
    let level = match i.new_status {
        Some(Status::Partial) => "warning",
        Some(Status::NotAssessed) => "note",
        _ => "error",
    };
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(i.item));
    if let Some(n) = rule_index {
        r.insert("ruleIndex".into(), json!(n));
    }
    r.insert("level".into(), json!(level));
    r.insert(
        "message".into(),
        json!({"text": format!(
            "{jurisdiction}: {named} went from {} to {}.{how}",
            status_text(i.old_status),
            status_text(i.new_status)
        )}),
    );
    if !places.is_empty() {
        r.insert(
            "locations".into(),
            Value::Array(
                places
                    .iter()
                    .map(|p| json!({"physicalLocation": physical(p)}))
                    .collect(),
            ),
        );
    }
    if !related.is_empty() {
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    r.insert(
        "partialFingerprints".into(),
        json!({"lexalignItem/v1": format!("{jurisdiction}/{}", i.item)}),
    );
    r.insert(
        "properties".into(),
        json!({
            "jurisdiction": jurisdiction,
            "oldStatus": status_text(i.old_status),
            "newStatus": status_text(i.new_status),
        }),
    );
    Value::Object(r)
}

/// The SARIF log of a comparison: a run whose results are the lost
/// items. `new` is the new side as loaded and `new_given` the path given
/// for it (to read the new draft's text for the regions' last lines).
pub fn to_sarif(law: &ModelLaw, c: &Comparison, new: &Side, new_given: &Path) -> Value {
    let layout = Layout::of(new, new_given);
    let items = &law.checklist.items;
    let rules: Vec<Value> = items
        .iter()
        .map(|it| {
            let help = if it.recommendation.trim().is_empty() {
                &it.requirement
            } else {
                &it.recommendation
            };
            json!({
                "id": it.id,
                "name": it.title,
                "shortDescription": {"text": it.title},
                "fullDescription": {"text": it.requirement},
                "help": {"text": help},
                "defaultConfiguration": {"level": "error"},
                "properties": {"area": it.area, "sources": it.sources},
            })
        })
        .collect();
    let index: BTreeMap<&str, (usize, &str)> = items
        .iter()
        .enumerate()
        .map(|(n, it)| (it.id.as_str(), (n, it.title.as_str())))
        .collect();
    let mut results = Vec::new();
    for j in &c.jurisdictions {
        for i in j.items.iter().filter(|i| i.change == Change::Lost) {
            results.push(result(
                c,
                new,
                &layout,
                &j.new,
                i,
                index.get(i.item.as_str()).copied(),
            ));
        }
    }
    let mut props = Map::new();
    props.insert("old".into(), json!(c.old.path));
    props.insert("new".into(), json!(c.new.path));
    if !c.old_only.is_empty() {
        props.insert("absentFromNew".into(), json!(c.old_only));
    }
    json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "lexalign",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": props,
        }]
    })
}

/// Write the SARIF log as pretty JSON with a final newline.
pub fn write(
    law: &ModelLaw,
    c: &Comparison,
    new: &Side,
    new_given: &Path,
    w: impl std::io::Write,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut w = std::io::BufWriter::new(w);
    serde_json::to_writer_pretty(&mut w, &to_sarif(law, c, new, new_given))?;
    w.write_all(b"\n")?;
    w.flush()
}
