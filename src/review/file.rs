//! Reading a review file: YAML through `serde-saphyr` (the parser the
//! front matter already uses), whose `Spanned` values give the line and
//! column of every key, so a wrong jurisdiction, item or status is named
//! where it is written.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Decision, Reviews};
use crate::checklist::{ModelLaw, Status};
use crate::diag::Diagnostic;

/// The format version this lexalign reads and writes.
pub const FORMAT: u32 = 1;

/// Per item id, an entry (none when all its lines are comments).
type ItemsIn = HashMap<Spanned<String>, Option<EntryIn>>;

/// A review file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    /// The format version.
    review: Spanned<u32>,
    /// Per jurisdiction key, per item, an entry.
    #[serde(default)]
    jurisdictions: Option<HashMap<Spanned<String>, Option<ItemsIn>>>,
}

/// One entry: a decision once `status` is given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryIn {
    status: Option<Spanned<String>>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    date: Option<Spanned<String>>,
    #[serde(default)]
    automatic_status: Option<Spanned<String>>,
    #[serde(default)]
    fingerprint: Option<Spanned<String>>,
}

fn at<T>(d: Diagnostic, s: &Spanned<T>) -> Diagnostic {
    let l = &s.referenced;
    if l.line() == 0 {
        return d;
    }
    d.at(l.line() as usize, Some(l.column() as usize))
}

fn status_of(s: &str) -> Option<Status> {
    match s.trim() {
        "met" => Some(Status::Met),
        "partial" => Some(Status::Partial),
        "not_met" => Some(Status::NotMet),
        "not_assessed" => Some(Status::NotAssessed),
        _ => None,
    }
}

/// True for `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Read the review file at `path`, for a run over the jurisdictions
/// `known` (their keys: code, or `code@version`). Every problem is a
/// diagnostic with the file's line and column; none comes back with
/// decisions.
pub fn load(
    path: &Path,
    law: &ModelLaw,
    known: &BTreeSet<String>,
) -> Result<Reviews, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![Diagnostic::error(
            &shown,
            format!("cannot read the review file: {e}"),
        )]
    })?;
    parse(&shown, &text, law, known)
}

/// [`load`] on the text of a review file named `shown`.
pub fn parse(
    shown: &str,
    text: &str,
    law: &ModelLaw,
    known: &BTreeSet<String>,
) -> Result<Reviews, Vec<Diagnostic>> {
    let help = "see model-law/review.schema.json; `lexalign review init REPORT.json` writes a file to fill in";
    let file: FileIn = serde_saphyr::from_str(text).map_err(|err| {
        let (line, col, first) = crate::source::yaml_error_parts(&err);
        vec![
            Diagnostic::error(shown, format!("malformed review file: {first}"))
                .at(line.max(1), col)
                .with_help(help),
        ]
    })?;
    let mut diags = Vec::new();
    if file.review.value != super::file::FORMAT {
        diags.push(at(
            Diagnostic::error(
                shown,
                format!(
                    "review file format {} is not known (this lexalign reads format {FORMAT})",
                    file.review.value
                ),
            ),
            &file.review,
        ));
    }
    let mut decisions = BTreeMap::new();
    let mut jurisdictions: Vec<_> = file.jurisdictions.unwrap_or_default().into_iter().collect();
    jurisdictions.sort_by_key(|(k, _)| k.referenced.line());
    for (jkey, items) in jurisdictions {
        let j = jkey.value.trim().to_string();
        if !known.contains(&j) {
            let list: Vec<&str> = known.iter().map(String::as_str).take(12).collect();
            diags.push(at(
                Diagnostic::error(
                    shown,
                    format!("unknown jurisdiction `{j}`: no document of this run is of it"),
                )
                .with_help(format!(
                    "jurisdictions of this run: {}{} (with `@version` when their documents have a version)",
                    list.join(", "),
                    if known.len() > list.len() { ", …" } else { "" }
                )),
                &jkey,
            ));
            continue;
        }
        let mut items: Vec<_> = items.unwrap_or_default().into_iter().collect();
        items.sort_by_key(|(k, _)| k.referenced.line());
        for (ikey, entry) in items {
            let Some(item) = law
                .checklist
                .items
                .iter()
                .find(|i| i.id.eq_ignore_ascii_case(ikey.value.trim()))
            else {
                diags.push(at(
                    Diagnostic::error(
                        shown,
                        format!("unknown item `{}` (under `{j}`)", ikey.value),
                    )
                    .with_help("item ids are those of `lexalign checklist`"),
                    &ikey,
                ));
                continue;
            };
            let Some(e) = entry else { continue };
            let Some(status) = &e.status else { continue };
            let Some(st) = status_of(&status.value) else {
                diags.push(at(
                    Diagnostic::error(
                        shown,
                        format!("invalid status `{}` for {j} {}", status.value, item.id),
                    )
                    .with_help("a status is met, partial, not_met or not_assessed"),
                    status,
                ));
                continue;
            };
            let line = ikey.referenced.line() as usize;
            let missing = |what: &str, why: &str| {
                Diagnostic::error(
                    shown,
                    format!("the decision on {j} {} has no `{what}`", item.id),
                )
                .at(line, Some(ikey.referenced.column() as usize))
                .with_help(why.to_string())
            };
            let by = e.by.as_deref().map(str::trim).filter(|s| !s.is_empty());
            let Some(by) = by else {
                diags.push(missing("by", "name who decided"));
                continue;
            };
            let Some(date) = &e.date else {
                diags.push(missing("date", "give the date of the decision, YYYY-MM-DD"));
                continue;
            };
            if !is_date(date.value.trim()) {
                diags.push(at(
                    Diagnostic::error(
                        shown,
                        format!("invalid date `{}` for {j} {}", date.value, item.id),
                    )
                    .with_help("write the date as YYYY-MM-DD"),
                    date,
                ));
                continue;
            }
            let fresh = "copy it from the file `lexalign review init REPORT.json` writes for the report reviewed";
            let Some(auto) = &e.automatic_status else {
                diags.push(missing("automatic_status", fresh));
                continue;
            };
            let Some(auto_st) = status_of(&auto.value) else {
                diags.push(at(
                    Diagnostic::error(
                        shown,
                        format!(
                            "invalid automatic_status `{}` for {j} {}",
                            auto.value, item.id
                        ),
                    )
                    .with_help("a status is met, partial, not_met or not_assessed"),
                    auto,
                ));
                continue;
            };
            let Some(fp) = &e.fingerprint else {
                diags.push(missing("fingerprint", fresh));
                continue;
            };
            let key = (j.clone(), item.id.clone());
            if decisions.contains_key(&key) {
                diags.push(
                    Diagnostic::error(shown, format!("a second decision on {j} {}", item.id))
                        .at(line, Some(ikey.referenced.column() as usize))
                        .with_help("item ids are case-insensitive: keep one entry per item"),
                );
                continue;
            }
            decisions.insert(
                key,
                Decision {
                    status: st,
                    note: e
                        .note
                        .clone()
                        .map(|n| n.trim().to_string())
                        .filter(|n| !n.is_empty()),
                    by: by.to_string(),
                    date: date.value.trim().to_string(),
                    automatic_status: auto_st,
                    fingerprint: fp.value.trim().to_string(),
                    line,
                },
            );
        }
    }
    if diags.is_empty() {
        Ok(Reviews {
            path: shown.to_string(),
            decisions,
            ..Reviews::default()
        })
    } else {
        Err(diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn law() -> ModelLaw {
        crate::pipeline::load_model_law(None).unwrap()
    }

    fn known() -> BTreeSet<String> {
        ["norland".to_string()].into_iter().collect()
    }

    #[test]
    fn a_decision_is_read_with_item_ids_in_any_case() {
        let law = law();
        let id = law.checklist.items[0].id.to_lowercase();
        let text = format!(
            "review: 1\njurisdictions:\n  norland:\n    {id}:\n      status: met\n      by: A. Reviewer\n      date: 2026-11-30\n      automatic_status: partial\n      fingerprint: sha256:00\n"
        );
        let r = parse("r.yaml", &text, &law, &known()).unwrap();
        let d = &r.decisions[&("norland".to_string(), law.checklist.items[0].id.clone())];
        assert_eq!(d.status, Status::Met);
        assert_eq!(d.automatic_status, Status::Partial);
        assert_eq!(d.date, "2026-11-30");
        assert_eq!(d.line, 4);
    }

    #[test]
    fn an_unknown_item_is_named_at_its_line_and_column() {
        let text = "review: 1\njurisdictions:\n  norland:\n    NO-SUCH-ITEM:\n      status: met\n";
        let e = parse("r.yaml", text, &law(), &known()).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].column), (Some(4), Some(5)), "{}", e[0]);
        assert!(e[0].message.contains("NO-SUCH-ITEM"));
    }

    #[test]
    fn an_entry_without_status_is_no_decision() {
        let law = law();
        let id = &law.checklist.items[0].id;
        let text = format!(
            "review: 1\njurisdictions:\n  norland:\n    {id}:\n      automatic_status: met\n      fingerprint: sha256:00\n      # status:\n"
        );
        let r = parse("r.yaml", &text, &law, &known()).unwrap();
        assert!(r.is_empty());
    }
}
