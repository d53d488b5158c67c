//! A profile computed over one jurisdiction's findings: each indicator's
//! status (and points), the items it was read from and the provisions
//! cited for them.
//!
//! Not assessed never passes for missing law: an operand that is not met
//! decides `all_met` and `min_status` as not met; otherwise an operand
//! that could not be assessed makes the indicator not assessed (for
//! `any_met`, unless another operand is met).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Operand, Profile, Rule};
use crate::assess::{Finding, JurisdictionReport};
use crate::checklist::Status;

/// One indicator, computed.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorResult {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: Status,
    /// Points scored (`points` indicators; none when not assessed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// The official scale's maximum (`points` indicators).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The checklist items it was read from (through earlier indicators too).
    pub items: Vec<String>,
    /// The provisions cited for those of them met or partly met:
    /// `citation (document:line)`.
    pub provisions: Vec<String>,
    /// Points of the official scale lexalign does not judge.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unscored: Vec<String>,
}

/// A profile, computed for one jurisdiction.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileResult {
    /// Its title.
    pub title: String,
    /// The verdict indicator's id and status, when the profile has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// Every indicator.
    pub indicators: Vec<IndicatorResult>,
}

/// A profile's verdict (ICMEC: "sufficient").
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The indicator.
    pub indicator: String,
    /// Its status.
    pub status: Status,
}

/// Every id a rule names (items or indicators), nested rules included.
pub fn operand_ids<'a>(rule: &'a Rule, out: &mut Vec<&'a str>) {
    let ops: &[Operand] = match rule {
        Rule::AllMet(o) | Rule::AnyMet(o) => &o.of,
        Rule::MinStatus(m) => &m.of,
        Rule::Points(p) => {
            for part in &p.parts {
                operand_ids(&part.rule, out);
            }
            &[]
        }
    };
    for op in ops {
        match op {
            Operand::Id(id) => out.push(id),
            Operand::Rule(r) => operand_ids(r, out),
        }
    }
}

struct Env<'a> {
    findings: BTreeMap<&'a str, &'a Finding>,
    done: BTreeMap<String, IndicatorResult>,
}

impl Env<'_> {
    fn status(&self, op: &Operand) -> Status {
        match op {
            Operand::Id(id) => match self.done.get(id) {
                Some(r) => r.status,
                None => self
                    .findings
                    .get(id.as_str())
                    .map_or(Status::NotAssessed, |f| f.status),
            },
            Operand::Rule(r) => self.rule(r).0,
        }
    }

    /// A rule's status, and its points for `points`.
    fn rule(&self, rule: &Rule) -> (Status, Option<f64>) {
        match rule {
            Rule::AllMet(o) => {
                let s: Vec<Status> = o.of.iter().map(|op| self.status(op)).collect();
                (all(&s), None)
            }
            Rule::AnyMet(o) => {
                let s: Vec<Status> = o.of.iter().map(|op| self.status(op)).collect();
                let st = if s.contains(&Status::Met) {
                    Status::Met
                } else if s.contains(&Status::NotAssessed) {
                    Status::NotAssessed
                } else {
                    s.iter().copied().max().unwrap_or(Status::NotMet)
                };
                (st, None)
            }
            Rule::MinStatus(m) => {
                let level = m.at_least.status();
                let s: Vec<Status> = m.of.iter().map(|op| self.status(op)).collect();
                let st = if s.iter().any(|&x| x != Status::NotAssessed && x < level) {
                    Status::NotMet
                } else if s.contains(&Status::NotAssessed) {
                    Status::NotAssessed
                } else {
                    Status::Met
                };
                (st, None)
            }
            Rule::Points(p) => {
                let mut total = 0.0;
                let mut full = 0.0;
                let mut unread = false;
                for part in &p.parts {
                    full += part.met;
                    match self.rule(&part.rule).0 {
                        Status::Met => total += part.met,
                        Status::Partial => total += part.partial,
                        Status::NotMet => {}
                        Status::NotAssessed => unread = true,
                    }
                }
                if unread {
                    return (Status::NotAssessed, None);
                }
                let st = if total >= full && full > 0.0 {
                    Status::Met
                } else if total > 0.0 {
                    Status::Partial
                } else {
                    Status::NotMet
                };
                (st, Some(total))
            }
        }
    }
}

/// `all_met`: not met when any assessed operand is not met; else not
/// assessed when one could not be; else the lowest.
fn all(s: &[Status]) -> Status {
    if s.contains(&Status::NotMet) {
        Status::NotMet
    } else if s.contains(&Status::NotAssessed) {
        Status::NotAssessed
    } else {
        s.iter().copied().min().unwrap_or(Status::NotMet)
    }
}

/// Compute `profile` over a jurisdiction's findings.
pub fn evaluate(profile: &Profile, j: &JurisdictionReport) -> ProfileResult {
    let mut env = Env {
        findings: j.findings.iter().map(|f| (f.item.as_str(), f)).collect(),
        done: BTreeMap::new(),
    };
    let mut order = Vec::with_capacity(profile.indicators.len());
    for ind in &profile.indicators {
        let (status, points) = env.rule(&ind.rule);
        let mut ids = Vec::new();
        operand_ids(&ind.rule, &mut ids);
        let mut items: Vec<String> = Vec::new();
        for id in ids {
            match env.done.get(id) {
                Some(r) => items.extend(r.items.iter().cloned()),
                None => items.push(id.to_string()),
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        items.retain(|i| seen.insert(i.clone()));
        let mut provisions: Vec<String> = Vec::new();
        for i in &items {
            let Some(f) = env.findings.get(i.as_str()) else {
                continue;
            };
            if matches!(f.status, Status::Met | Status::Partial) {
                for e in &f.evidence {
                    let c = format!("{} ({}:{})", e.citation, e.document, e.line);
                    if !provisions.contains(&c) {
                        provisions.push(c);
                    }
                }
            }
        }
        let max = match &ind.rule {
            Rule::Points(p) => Some(
                p.parts.iter().map(|x| x.met).sum::<f64>()
                    + ind.unscored.iter().map(|u| u.points).sum::<f64>(),
            ),
            _ => None,
        };
        env.done.insert(
            ind.id.clone(),
            IndicatorResult {
                id: ind.id.clone(),
                title: ind.title.clone(),
                status,
                points,
                max,
                items,
                provisions,
                unscored: ind.unscored.iter().map(|u| u.title.clone()).collect(),
            },
        );
        order.push(ind.id.clone());
    }
    let verdict = profile.verdict.as_ref().and_then(|v| {
        env.done.get(v).map(|r| Verdict {
            indicator: v.clone(),
            status: r.status,
        })
    });
    let indicators = order.iter().filter_map(|id| env.done.remove(id)).collect();
    ProfileResult {
        title: profile.title.clone(),
        verdict,
        indicators,
    }
}

/// Every active profile over a jurisdiction, by profile id (in the
/// profiles' order), as the JSON value a report carries.
pub fn profiles_value(profiles: &[Profile], j: &JurisdictionReport) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for p in profiles {
        m.insert(
            p.id.clone(),
            serde_json::to_value(evaluate(p, j)).unwrap_or(serde_json::Value::Null),
        );
    }
    serde_json::Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_met_decides_all_met_before_not_assessed() {
        use Status::*;
        assert_eq!(all(&[Met, NotMet, NotAssessed]), NotMet);
        assert_eq!(all(&[Met, NotAssessed]), NotAssessed);
        assert_eq!(all(&[Met, Partial]), Partial);
        assert_eq!(all(&[Met, Met]), Met);
    }
}
