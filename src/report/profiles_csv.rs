//! `profiles.csv`: one row per jurisdiction, profile and indicator, in the
//! order of the JSON report and of each profile: the indicator's status,
//! its points and the scale's maximum (points indicators), and the
//! checklist items it is read from. Text cells are made inert as in
//! `report.csv` (see [`super::csv::inert`]).

use std::borrow::Cow;

use serde::Serialize;

use super::ReportError;
use super::csv::inert;
use super::profiles::points_text;
use crate::assess::JurisdictionReport;
use crate::profiles::eval::evaluate;

const HEADER: [&str; 11] = [
    "jurisdiction",
    "version",
    "name",
    "profile",
    "indicator",
    "title",
    "status",
    "points",
    "max",
    "items",
    "unscored",
];

/// One row (fields in the order of [`HEADER`]).
#[derive(Debug, Serialize)]
struct Row<'a> {
    jurisdiction: Cow<'a, str>,
    version: Cow<'a, str>,
    name: Cow<'a, str>,
    profile: Cow<'a, str>,
    indicator: Cow<'a, str>,
    title: Cow<'a, str>,
    status: &'static str,
    /// Empty for indicators without points, and when not assessed.
    points: String,
    /// Empty for indicators without points.
    max: String,
    /// The items, separated by `; `.
    items: String,
    /// Points of the official scale lexalign does not judge, by title,
    /// separated by `; `.
    unscored: String,
}

/// `profiles.csv` written jurisdiction by jurisdiction.
pub struct ProfilesCsv<W: std::io::Write> {
    w: csv::Writer<W>,
}

impl<W: std::io::Write> ProfilesCsv<W> {
    /// Start it: the header row (written even when no row follows).
    pub fn new(out: W) -> Result<ProfilesCsv<W>, ReportError> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        w.write_record(HEADER)?;
        Ok(ProfilesCsv { w })
    }

    /// The rows of one jurisdiction: every active profile's indicators.
    pub fn push(&mut self, j: &JurisdictionReport) -> Result<(), ReportError> {
        for p in crate::profiles::active() {
            let r = evaluate(p, j);
            for i in &r.indicators {
                self.w.serialize(Row {
                    jurisdiction: inert(&j.jurisdiction),
                    version: inert(j.version.as_deref().unwrap_or("")),
                    name: inert(j.name.as_deref().unwrap_or("")),
                    profile: inert(&p.id),
                    indicator: inert(&i.id),
                    title: inert(&i.title),
                    status: i.status.as_str(),
                    points: i.points.map(points_text).unwrap_or_default(),
                    max: i.max.map(points_text).unwrap_or_default(),
                    items: inert(&i.items.join("; ")).into_owned(),
                    unscored: inert(&i.unscored.join("; ")).into_owned(),
                })?;
            }
        }
        Ok(())
    }

    /// Close it; gives back the writer.
    pub fn finish(self) -> Result<W, ReportError> {
        self.w
            .into_inner()
            .map_err(|e| ReportError::Csv(e.into_error().into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_id_a_spreadsheet_would_run_is_made_text() {
        let mut w = ProfilesCsv::new(Vec::new()).unwrap();
        let j = JurisdictionReport {
            jurisdiction: "=cmd".into(),
            name: None,
            region: None,
            version: None,
            year: None,
            documents: Vec::new(),
            score: None,
            area_scores: Default::default(),
            findings: Vec::new(),
        };
        w.push(&j).unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some(
                "jurisdiction,version,name,profile,indicator,title,status,points,max,items,unscored"
            )
        );
        let row = lines.next().unwrap();
        assert!(row.starts_with("'=cmd,"), "{row}");
    }
}
