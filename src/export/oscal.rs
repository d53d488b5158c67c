//! `analyze --format oscal`: a report as an OSCAL (1.0.6) assessment-results
//! document. The model law is the catalog of objectives (a back-matter
//! resource, which `import-ap` points to: lexalign has no assessment plan),
//! each jurisdiction is a result, each finding an observation (what was
//! found, with the provisions as relevant evidence) and a finding (the
//! item as the target: satisfied when met, else not-satisfied; partial as
//! the implementation status; not assessed marked as such, with its reason).
//!
//! Deterministic: every uuid is a UUID v5 of stable keys (model law,
//! jurisdiction, item), and every time is the report's as-of date at
//! midnight UTC (the first day of the year or month when only those are
//! known), never the clock.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::path_uri;
use crate::assess::{Finding, JurisdictionReport};
use crate::checklist::{ModelLaw, Status};

/// The OSCAL version the document follows.
pub const OSCAL_VERSION: &str = "1.0.6";

/// The namespace of lexalign's own properties.
pub const NS: &str = "urn:lexalign";

/// The time used when a report has no as-of date at all (no `--as-of`
/// and no document states a year).
const UNDATED: &str = "1970-01-01T00:00:00Z";

/// A stable uuid for `key` (UUID v5 in lexalign's own namespace).
fn uuid(key: &str) -> String {
    let ns = Uuid::new_v5(&Uuid::NAMESPACE_URL, NS.as_bytes());
    Uuid::new_v5(&ns, key.as_bytes()).to_string()
}

/// An OSCAL date-time from an as-of date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`):
/// midnight UTC of its first day; the day clamped to the month's length
/// and the year to 1900–2999 (the range OSCAL's pattern accepts).
pub fn datetime(as_of: Option<&str>) -> String {
    let Some(d) = as_of else {
        return UNDATED.to_string();
    };
    let mut parts = d.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), m, day) = (parts.next(), parts.next(), parts.next()) else {
        return UNDATED.to_string();
    };
    let y = y.clamp(1900, 2999);
    let m = m.flatten().unwrap_or(1).clamp(1, 12);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let day = day.flatten().unwrap_or(1).clamp(1, days);
    format!("{y:04}-{m:02}-{day:02}T00:00:00Z")
}

/// An OSCAL token (an XML NCName) from an item id: letters, digits, `.`,
/// `-` and `_`, starting with a letter or `_`; other characters become `_`.
fn token(id: &str) -> String {
    let mut t: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !t.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        t.insert(0, '_');
    }
    t
}

/// A property in lexalign's namespace; `None` when the value is empty
/// (OSCAL values are non-empty, without surrounding spaces).
/// Whitespace inside (line breaks of the statute's text) becomes one space.
fn prop(name: &str, value: &str) -> Option<Value> {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!v.is_empty()).then(|| json!({"name": name, "ns": NS, "value": v}))
}

fn props(list: impl IntoIterator<Item = Option<Value>>) -> Option<Value> {
    let v: Vec<Value> = list.into_iter().flatten().collect();
    (!v.is_empty()).then_some(Value::Array(v))
}

fn insert_some(m: &mut Map<String, Value>, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        m.insert(key.to_string(), v);
    }
}

/// One jurisdiction, converted as it comes (its times are set at the end,
/// when the as-of date is known).
struct Pending {
    result: Map<String, Value>,
    observations: Vec<Map<String, Value>>,
    findings: Vec<Value>,
}

/// An OSCAL document built jurisdiction by jurisdiction (a report folder
/// streams them), then written whole.
pub struct OscalBuilder<'a> {
    law: &'a ModelLaw,
    given: Option<String>,
    latest_year: Option<i64>,
    results: Vec<Pending>,
    documents: Vec<(String, Option<String>, Option<i64>)>,
    seen_documents: BTreeSet<String>,
    keys: Vec<String>,
}

impl<'a> OscalBuilder<'a> {
    /// An empty document for `law`, stated as of `--as-of` when given
    /// (else the latest year of the documents).
    pub fn new(law: &'a ModelLaw, given_as_of: Option<&str>) -> OscalBuilder<'a> {
        OscalBuilder {
            law,
            given: given_as_of.map(str::to_string),
            latest_year: None,
            results: Vec::new(),
            documents: Vec::new(),
            seen_documents: BTreeSet::new(),
            keys: Vec::new(),
        }
    }

    fn law_key(&self) -> String {
        format!("{}@{}", self.law.checklist.id, self.law.checklist.version)
    }

    /// Add a jurisdiction as a result.
    pub fn push(&mut self, j: &JurisdictionReport) {
        self.latest_year = self.latest_year.max(j.year);
        let key = match &j.version {
            Some(v) => format!("{}@{v}", j.jurisdiction),
            None => j.jurisdiction.clone(),
        };
        let base = format!("{}/{key}", self.law_key());
        self.keys.push(key);
        for d in &j.documents {
            if self.seen_documents.insert(d.path.clone()) {
                self.documents
                    .push((d.path.clone(), d.title.clone(), d.year));
            }
        }
        let label = crate::report::view::label(j);
        let docs: Vec<&str> = j.documents.iter().map(|d| d.path.as_str()).collect();
        let score = j
            .score
            .map_or("no score (nothing assessed)".to_string(), |s| {
                format!("overall score {s:.3}")
            });
        let mut result = Map::new();
        result.insert("uuid".into(), json!(uuid(&format!("result/{base}"))));
        result.insert("title".into(), json!(label));
        result.insert(
            "description".into(),
            json!(format!(
                "lexalign's reading of {label} against {} ({}): {score}. Documents: {}.",
                self.law.checklist.title,
                self.law_key(),
                docs.join(", ")
            )),
        );
        let mut obs = Vec::with_capacity(j.findings.len());
        let mut findings = Vec::with_capacity(j.findings.len());
        for f in &j.findings {
            let (o, fi) = self.finding(&base, f);
            obs.push(o);
            findings.push(fi);
        }
        insert_some(
            &mut result,
            "props",
            props([
                prop("jurisdiction", &j.jurisdiction),
                j.version.as_deref().and_then(|v| prop("version", v)),
                j.score.and_then(|s| prop("score", &format!("{s:.3}"))),
            ]),
        );
        self.results.push(Pending {
            result,
            observations: obs,
            findings,
        });
    }

    /// A finding as an observation and a finding.
    fn finding(&self, base: &str, f: &Finding) -> (Map<String, Value>, Value) {
        let item = self.law.checklist.items.iter().find(|i| i.id == f.item);
        let title = item.map_or(f.item.as_str(), |i| i.title.as_str());
        let obs_uuid = uuid(&format!("observation/{base}/{}", f.item));
        let mut o = Map::new();
        o.insert("uuid".into(), json!(obs_uuid));
        o.insert("title".into(), json!(format!("{}: {}", f.item, title)));
        // The explanation ends with the status; without one, the status.
        let mut description = if f.explanation.is_empty() {
            format!("Status: {}.", f.status.as_str())
        } else {
            f.explanation.join("\n")
        };
        if f.status == Status::NotAssessed {
            description.insert_str(0, "Not assessed: lexalign could not read the text, so this says nothing about whether the law meets the item.\n");
        }
        o.insert("description".into(), json!(description));
        insert_some(
            &mut o,
            "props",
            props([prop("status", f.status.as_str()), prop("area", &f.area)]),
        );
        o.insert("methods".into(), json!(["EXAMINE"]));
        let evidence: Vec<Value> = f
            .evidence
            .iter()
            .map(|e| {
                let mut ev = Map::new();
                ev.insert(
                    "href".into(),
                    json!(format!("{}#L{}", path_uri(&e.document), e.line)),
                );
                ev.insert("description".into(), json!(e.excerpt));
                insert_some(
                    &mut ev,
                    "props",
                    props([
                        prop("document", &e.document),
                        prop("citation", &e.citation),
                        prop("line", &e.line.to_string()),
                        prop("matched", &e.matched.join("; ")),
                    ]),
                );
                insert_some(&mut ev, "remarks", e.note.as_ref().map(|n| json!(n)));
                Value::Object(ev)
            })
            .collect();
        if !evidence.is_empty() {
            o.insert("relevant-evidence".into(), Value::Array(evidence));
        }
        let (state, reason) = match f.status {
            Status::Met => ("satisfied", "pass"),
            Status::Partial | Status::NotMet => ("not-satisfied", "fail"),
            Status::NotAssessed => ("not-satisfied", "other"),
        };
        let mut status = json!({"state": state, "reason": reason});
        if f.status == Status::NotAssessed {
            status["remarks"] = json!(format!(
                "Not assessed: {}. Excluded from scores; not a finding that the law lacks the item.",
                f.reason.as_deref().unwrap_or("the text could not be read")
            ));
        }
        let mut target = Map::new();
        target.insert("type".into(), json!("objective-id"));
        target.insert("target-id".into(), json!(token(&f.item)));
        target.insert("title".into(), json!(title));
        target.insert("status".into(), status);
        match f.status {
            Status::Met => {
                target.insert(
                    "implementation-status".into(),
                    json!({"state": "implemented"}),
                );
            }
            Status::Partial => {
                target.insert(
                    "implementation-status".into(),
                    json!({"state": "partial", "remarks": "Partly met: the law does part of what the item asks, or does it with a restriction the item names (see the observation)."}),
                );
            }
            Status::NotMet | Status::NotAssessed => {}
        }
        let mut fi = Map::new();
        fi.insert(
            "uuid".into(),
            json!(uuid(&format!("finding/{base}/{}", f.item))),
        );
        fi.insert("title".into(), json!(format!("{}: {}", f.item, title)));
        fi.insert(
            "description".into(),
            json!(item.map_or(title, |i| i.requirement.as_str())),
        );
        insert_some(
            &mut fi,
            "props",
            props([
                prop("status", f.status.as_str()),
                f.score.and_then(|s| prop("score", &format!("{s}"))),
            ]),
        );
        fi.insert("target".into(), Value::Object(target));
        fi.insert(
            "related-observations".into(),
            json!([{"observation-uuid": obs_uuid}]),
        );
        (o, Value::Object(fi))
    }

    /// The whole document.
    pub fn finish(self) -> Value {
        let (as_of, _) = crate::report::view::as_of(self.given.as_deref(), self.latest_year);
        let law_key = self.law_key();
        let when = datetime(as_of.as_deref());
        let law = &self.law.checklist;
        let law_uuid = uuid(&format!("model-law/{law_key}"));
        let results: Vec<Value> = self
            .results
            .into_iter()
            .map(|p| {
                let mut r = p.result;
                r.insert("start".into(), json!(when));
                r.insert(
                    "reviewed-controls".into(),
                    json!({
                        "description": "Every item of the model law.",
                        "control-selections": [{"include-all": {}}]
                    }),
                );
                let obs: Vec<Value> = p
                    .observations
                    .into_iter()
                    .map(|mut o| {
                        o.insert("collected".into(), json!(when));
                        Value::Object(o)
                    })
                    .collect();
                if !obs.is_empty() {
                    r.insert("observations".into(), Value::Array(obs));
                }
                if !p.findings.is_empty() {
                    r.insert("findings".into(), Value::Array(p.findings));
                }
                Value::Object(r)
            })
            .collect();
        // OSCAL asks for at least one result: a run that read nothing
        // says so in one.
        let results = if results.is_empty() {
            vec![json!({
                "uuid": uuid(&format!("result/{law_key}/none")),
                "title": "No jurisdiction",
                "description": "No statute could be read: nothing was assessed.",
                "start": when,
                "reviewed-controls": {"control-selections": [{"include-all": {}}]},
            })]
        } else {
            results
        };
        let mut resources = vec![json!({
            "uuid": law_uuid,
            "title": law.title,
            "description": law.description,
            "props": props([prop("model-law-id", &law.id), prop("model-law-version", &law.version)]),
        })];
        for (path, title, year) in &self.documents {
            let mut r = Map::new();
            r.insert("uuid".into(), json!(uuid(&format!("document/{path}"))));
            r.insert("title".into(), json!(title.as_deref().unwrap_or(path)));
            insert_some(
                &mut r,
                "props",
                props([
                    prop("document", path),
                    year.and_then(|y| prop("year", &y.to_string())),
                ]),
            );
            r.insert("rlinks".into(), json!([{"href": path_uri(path)}]));
            resources.push(Value::Object(r));
        }
        let mut keys = self.keys;
        keys.sort();
        let doc_uuid = uuid(&format!("assessment-results/{law_key}/{}", keys.join(",")));
        let mut metadata = Map::new();
        metadata.insert(
            "title".into(),
            json!(format!("lexalign assessment against {}", law.title)),
        );
        metadata.insert("last-modified".into(), json!(when));
        metadata.insert(
            "version".into(),
            json!(as_of.clone().unwrap_or_else(|| "undated".to_string())),
        );
        metadata.insert("oscal-version".into(), json!(OSCAL_VERSION));
        insert_some(
            &mut metadata,
            "props",
            props([
                prop(
                    "generator",
                    &format!("lexalign {}", env!("CARGO_PKG_VERSION")),
                ),
                as_of.as_deref().and_then(|d| prop("as-of", d)),
            ]),
        );
        metadata.insert(
            "remarks".into(),
            json!("Written by lexalign from statute texts, not reviewed by a lawyer. Times are the date the law is stated as of, not when the document was made. A finding is satisfied when the item is met; partly met items are not-satisfied with implementation status partial; items lexalign could not read are not-satisfied with reason other and a remark saying they were not assessed."),
        );
        json!({
            "assessment-results": {
                "uuid": doc_uuid,
                "metadata": metadata,
                "import-ap": {
                    "href": format!("#{law_uuid}"),
                    "remarks": "There is no assessment plan: the model law (back matter) is the catalog of objectives, and every item of it was assessed."
                },
                "results": results,
                "back-matter": {"resources": resources}
            }
        })
    }

    /// Write the document as pretty JSON with a final newline.
    pub fn write(self, w: impl std::io::Write) -> std::io::Result<()> {
        use std::io::Write as _;
        let mut w = std::io::BufWriter::new(w);
        serde_json::to_writer_pretty(&mut w, &self.finish())?;
        w.write_all(b"\n")?;
        w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_come_from_the_as_of_date() {
        assert_eq!(datetime(Some("2024")), "2024-01-01T00:00:00Z");
        assert_eq!(datetime(Some("2024-03")), "2024-03-01T00:00:00Z");
        assert_eq!(datetime(Some("2023-02-31")), "2023-02-28T00:00:00Z");
        assert_eq!(datetime(Some("2024-02-31")), "2024-02-29T00:00:00Z");
        assert_eq!(datetime(Some("1066")), "1900-01-01T00:00:00Z");
        assert_eq!(datetime(None), UNDATED);
    }

    #[test]
    fn ids_are_stable_v5_uuids() {
        let a = uuid("result/x");
        assert_eq!(a, uuid("result/x"));
        assert_ne!(a, uuid("result/y"));
        assert_eq!(a.as_bytes()[14], b'5');
    }

    #[test]
    fn item_ids_become_tokens() {
        assert_eq!(token("CSAM-POSSESS"), "CSAM-POSSESS");
        assert_eq!(token("1 a"), "_1_a");
    }
}
