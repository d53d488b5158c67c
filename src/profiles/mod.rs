//! Profiles: the indicator sets NGOs report in (ICMEC's five criteria, the
//! Out of the Shadows Index), as data. A profile (`model-law/profiles/*.json`,
//! schema `model-law/profile.schema.json`) lists indicators, each computed
//! from the model law's checklist items (and earlier indicators) by a
//! declared rule: `all_met`, `any_met`, `min_status` or `points`. The
//! shipped profiles are embedded in the binary; `--profile FILE` adds one
//! without Rust.
//!
//! This module reads and checks profiles; [`eval`] computes them over a
//! jurisdiction's findings.

pub mod eval;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::checklist::{ModelLaw, Status};
use crate::diag::Diagnostic;

mod embedded {
    // Written by build.rs: every file of `model-law/profiles/`.
    include!(concat!(env!("OUT_DIR"), "/profiles.rs"));
}

/// A profile: an indicator set computed from checklist items.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The schema the file follows (ignored).
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    /// Its id (`icmec-5`), used by `--profile` and as the key in the JSON.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where the indicators come from.
    pub source: String,
    /// What it measures and how the items are read.
    #[serde(default)]
    pub description: String,
    /// The indicator that sums the profile up (e.g. ICMEC's "sufficient").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// The indicators, in order; a rule may use indicators before its own.
    pub indicators: Vec<Indicator>,
}

/// One indicator.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Its id within the profile (`1`, `4.4.2`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// What it asks and how the items answer it.
    #[serde(default)]
    pub description: String,
    /// How it is computed.
    pub rule: Rule,
    /// Points of the official scale that no item of the model law judges:
    /// listed, never awarded.
    #[serde(default)]
    pub unscored: Vec<Unscored>,
}

/// A point of an official scale that lexalign does not judge.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Unscored {
    /// What it asks.
    pub title: String,
    /// Its points.
    pub points: f64,
}

/// How an indicator is computed from its operands' statuses.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "params", rename_all = "snake_case")]
pub enum Rule {
    /// The lowest status of the operands: met only when every one is met.
    AllMet(Operands),
    /// The highest status of the operands: met when any one is met.
    AnyMet(Operands),
    /// Met when every operand is at least `at_least`, else not met.
    MinStatus(MinStatus),
    /// Points per part (each part a rule): met when every part scores
    /// full, partial when some points, not met with none.
    Points(Points),
}

/// The operands of a rule.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Operands {
    /// Checklist item ids, ids of earlier indicators, or nested rules.
    pub of: Vec<Operand>,
}

/// One operand: an id (an item, or an earlier indicator), or a rule.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Operand {
    /// A checklist item or an earlier indicator.
    Id(String),
    /// A nested rule.
    Rule(Box<Rule>),
}

/// `min_status`'s parameters.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MinStatus {
    /// The operands.
    pub of: Vec<Operand>,
    /// The least status each must have.
    pub at_least: Level,
}

/// A status a `min_status` rule asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Met.
    Met,
    /// At least partly met.
    Partial,
}

impl Level {
    /// As a status.
    pub fn status(self) -> Status {
        match self {
            Level::Met => Status::Met,
            Level::Partial => Status::Partial,
        }
    }
}

/// `points`' parameters.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Points {
    /// The parts, each worth points.
    pub parts: Vec<Part>,
}

fn one() -> f64 {
    1.0
}

/// One part of a points indicator.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// What it asks.
    pub title: String,
    /// When it is met.
    pub rule: Rule,
    /// Points when met (default 1).
    #[serde(default = "one")]
    pub met: f64,
    /// Points when partly met (default 0).
    #[serde(default)]
    pub partial: f64,
}

/// Read a profile from its text; `file` names it in messages. Problems
/// come as one diagnostic with the file and line.
pub fn parse(file: &str, text: &str) -> Result<Profile, Diagnostic> {
    let p: Profile = serde_json::from_str(text).map_err(|e| {
        Diagnostic::error(file, format!("not a valid profile: {e}"))
            .at(e.line(), Some(e.column()))
            .with_help("see model-law/profile.schema.json for the fields and rule kinds")
    })?;
    Ok(p)
}

/// The line of the first `"needle"` in `text` (1-based), for messages.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    let quoted = format!("\"{needle}\"");
    text.find(&quoted)
        .map(|at| text[..at].bytes().filter(|&b| b == b'\n').count() + 1)
}

/// Check a profile against a model law: every id names an item or an
/// earlier indicator, ids are unique, the verdict exists. Every problem is
/// returned, each with the line where the id is written.
pub fn validate(p: &Profile, law: &ModelLaw, file: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut err = |needle: &str, msg: String| {
        let d = Diagnostic::error(file, msg);
        out.push(match line_of(text, needle) {
            Some(l) => d.at(l, None),
            None => d,
        });
    };
    let mut seen: Vec<&str> = Vec::new();
    for ind in &p.indicators {
        if seen.contains(&ind.id.as_str()) {
            err(&ind.id, format!("indicator `{}` is given twice", ind.id));
        }
        let mut ids = Vec::new();
        eval::operand_ids(&ind.rule, &mut ids);
        for id in ids {
            let item = law.checklist.items.iter().any(|i| i.id == id);
            let earlier = seen.contains(&id);
            if item && earlier {
                err(id, format!("`{id}` is both an item and an indicator"));
            } else if !item && !earlier {
                err(
                    id,
                    format!(
                        "indicator `{}`: `{id}` is neither an item of the model law nor an earlier indicator",
                        ind.id
                    ),
                );
            }
        }
        seen.push(&ind.id);
    }
    if let Some(v) = &p.verdict {
        if !seen.contains(&v.as_str()) {
            err(v, format!("the verdict `{v}` is not an indicator"));
        }
    }
    out
}

/// The shipped profiles, in file-name order (a broken one is left out;
/// a test keeps them valid).
pub fn embedded() -> Vec<Profile> {
    embedded::PROFILES
        .iter()
        .filter_map(|(name, text)| parse(name, text).ok())
        .collect()
}

static ACTIVE: OnceLock<Vec<Profile>> = OnceLock::new();

/// Set the profiles reports carry (the command does it once, after
/// loading `--profile` files); without it, reports carry the shipped ones.
pub fn set_active(profiles: Vec<Profile>) {
    let _ = ACTIVE.set(profiles);
}

/// The profiles reports carry.
pub fn active() -> &'static [Profile] {
    static SHIPPED: OnceLock<Vec<Profile>> = OnceLock::new();
    match ACTIVE.get() {
        Some(p) => p,
        None => SHIPPED.get_or_init(embedded),
    }
}

/// The profiles `--profile` names, checked against `law`: each a shipped
/// profile's id or a profile file (a path ending in `.json`, or a file
/// that exists; one with a shipped profile's id replaces it). None given:
/// every shipped profile that fits the model law (one naming items a
/// model law given with `--model-law` lacks is left out). Unknown ids,
/// and files or named profiles that are broken or do not fit, are errors,
/// each with file and line.
pub fn select(law: &ModelLaw, given: &[String]) -> Result<Vec<Profile>, Vec<Diagnostic>> {
    let is_file = |g: &str| g.ends_with(".json") || std::path::Path::new(g).is_file();
    let mut diags = Vec::new();
    let mut sources: Vec<(String, String, bool)> = embedded::PROFILES
        .iter()
        .map(|(n, t)| (format!("model-law/profiles/{n}"), (*t).to_string(), false))
        .collect();
    for g in given.iter().filter(|g| is_file(g)) {
        let f = std::path::Path::new(g);
        let shown = crate::source::display_name(f);
        match std::fs::read_to_string(f) {
            Ok(t) => sources.push((shown, t, true)),
            Err(e) => diags.push(Diagnostic::error(
                shown,
                format!("cannot read the profile: {e}"),
            )),
        }
    }
    let ids: Vec<&str> = given
        .iter()
        .map(String::as_str)
        .filter(|g| !is_file(g))
        .collect();
    let mut out: Vec<Profile> = Vec::new();
    for (file, text, from_file) in &sources {
        let p = match parse(file, text) {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let wanted = *from_file || ids.contains(&p.id.as_str()) || given.is_empty();
        if !wanted {
            continue;
        }
        let problems = validate(&p, law, file, text);
        if problems.is_empty() {
            out.retain(|q| q.id != p.id);
            out.push(p);
        } else if *from_file || ids.contains(&p.id.as_str()) {
            diags.extend(problems);
        }
    }
    for id in &ids {
        if !out.iter().any(|p| p.id == *id) && !diags.iter().any(|d| d.is_error()) {
            let known: Vec<String> = embedded().into_iter().map(|p| p.id).collect();
            diags.push(Diagnostic::error(
                "--profile",
                format!(
                    "no profile `{id}`: the shipped profiles are {}; or give a profile file (.json)",
                    known.join(", ")
                ),
            ));
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_profiles_read_and_fit_the_model_law() {
        let law = crate::checklist::load(None).unwrap();
        assert_eq!(embedded().len(), embedded::PROFILES.len());
        for (name, text) in embedded::PROFILES {
            let p = parse(name, text).unwrap();
            let problems = validate(&p, &law, name, text);
            assert!(problems.is_empty(), "{name}: {problems:?}");
        }
    }

    #[test]
    fn a_broken_profile_is_one_message_with_file_and_line() {
        let text = "{\n  \"id\": \"x\",\n  \"title\": \"t\",\n  \"source\": \"s\",\n  \"indicators\": [\n    {\"id\": \"1\", \"title\": \"a\", \"rule\": {\"kind\": \"most_met\", \"params\": {\"of\": []}}}\n  ]\n}\n";
        let d = parse("mine.json", text).unwrap_err().to_string();
        assert!(d.starts_with("mine.json:6:"), "{d}");
        assert!(d.contains("most_met"), "{d}");
    }

    #[test]
    fn an_unknown_item_is_named_at_its_line() {
        let law = crate::checklist::load(None).unwrap();
        let text = "{\n  \"id\": \"x\",\n  \"title\": \"t\",\n  \"source\": \"s\",\n  \"indicators\": [\n    {\"id\": \"1\", \"title\": \"a\",\n     \"rule\": {\"kind\": \"all_met\", \"params\": {\"of\": [\"NO-SUCH-ITEM\"]}}}\n  ]\n}\n";
        let p = parse("mine.json", text).unwrap();
        let d = validate(&p, &law, "mine.json", text);
        assert_eq!(d.len(), 1);
        let s = d[0].to_string();
        assert!(s.starts_with("mine.json:7:"), "{s}");
        assert!(s.contains("NO-SUCH-ITEM"), "{s}");
    }

    /// The schema in model-law/ is the one the types give (regenerate with
    /// `LEXALIGN_UPDATE_SCHEMA=1 cargo test`).
    #[test]
    fn the_schema_is_current() {
        let schema = schemars::schema_for!(Profile);
        let text = format!("{}\n", serde_json::to_string_pretty(&schema).unwrap());
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model-law/profile.schema.json");
        if std::env::var_os("LEXALIGN_UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "regenerate the schema"
        );
        let validator = jsonschema::validator_for(&schema.to_value()).unwrap();
        for (name, t) in embedded::PROFILES {
            let v: serde_json::Value = serde_json::from_str(t).unwrap();
            let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
        }
    }
}
