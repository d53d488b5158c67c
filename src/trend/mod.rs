//! The trend behind `lexalign trend REPORT.json...`: reports of different
//! years side by side. Per jurisdiction and item, the status in each year; per item and
//! year, the share of the jurisdictions assessed that meet it (met /
//! assessed, with both counts), so that a year with more jurisdictions
//! assessed does not look like progress; the jurisdictions that improved
//! (an item got better) or regressed (an item got worse) between their
//! first and last year; a bar chart (inline SVG) of the shares.
//!
//! The year (edition) of a jurisdiction in a report is, in this order:
//! the year given for the report on the command line (`--year`); its
//! version when that is a four-digit year (an edition of one statute
//! book); the year the report is stated as of (`as_of`); its own year;
//! the latest year of its documents. A jurisdiction found in two reports
//! for one year is an error (two reports without a year of their own
//! would otherwise fall into one): the message asks for `--year`; unless
//! both years are its version: one edition in two reports is a warning.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use crate::checklist::Status;
use crate::diag::Diagnostic;
use crate::report::read::JurisdictionIn;

mod chart;
pub use chart::{Bar, Chart, Label};

/// Where the year of a jurisdiction in a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearFrom {
    /// `--year` on the command line.
    Given,
    /// Its version, a four-digit year.
    Version,
    /// The report's `as_of`.
    AsOf,
    /// Its own year, or its documents' years.
    Documents,
}

impl YearFrom {
    fn describe(self) -> &'static str {
        match self {
            YearFrom::Given => "given with --year",
            YearFrom::Version => "its version",
            YearFrom::AsOf => "the report's as-of date",
            YearFrom::Documents => "the years of its documents",
        }
    }
}

/// One jurisdiction of one report, as the trend reads it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The report it is from (as shown in messages).
    pub report: String,
    /// The place of that report among those given.
    pub index: usize,
    /// The year given for the report on the command line.
    pub given_year: Option<i64>,
    /// The year the report is stated as of.
    pub as_of_year: Option<i64>,
    /// The jurisdiction.
    pub jurisdiction: JurisdictionIn,
}

impl Entry {
    /// Its year and where it came from (see the module's text).
    pub fn year(&self) -> Option<(i64, YearFrom)> {
        let j = &self.jurisdiction;
        let version = j
            .version
            .as_deref()
            .filter(|v| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse().ok());
        self.given_year
            .map(|y| (y, YearFrom::Given))
            .or(version.map(|y| (y, YearFrom::Version)))
            .or(self.as_of_year.map(|y| (y, YearFrom::AsOf)))
            .or(j.report_year().map(|y| (y, YearFrom::Documents)))
    }
}

/// One jurisdiction and item: its status in each year.
#[derive(Debug, Clone, Serialize)]
pub struct ItemYears {
    /// Item id.
    pub item: Arc<str>,
    /// Its title in the model law, when the model law has the item.
    pub title: Option<String>,
    /// Status per year (in the order of [`Trend::years`]); absent when the
    /// jurisdiction was not reported that year.
    pub statuses: Vec<Option<Status>>,
    /// Per year, whether the status is a reviewer's decision (absent when
    /// none is).
    #[serde(skip_serializing_if = "none_reviewed")]
    pub reviewed: Vec<bool>,
}

fn none_reviewed(v: &[bool]) -> bool {
    !v.contains(&true)
}

/// One jurisdiction over the years.
#[derive(Debug, Clone, Serialize)]
pub struct JurisdictionTrend {
    /// Its code.
    pub jurisdiction: String,
    /// Its name as shown (its name in the latest report that gives one,
    /// else its code).
    pub name: String,
    /// Overall score per year.
    pub scores: Vec<Option<f64>>,
    /// Its first and last year reported.
    pub first_year: i64,
    /// Its last year reported.
    pub last_year: i64,
    /// Items whose status got better from the first to the last year.
    pub gained: Vec<Arc<str>>,
    /// Items whose status got worse.
    pub lost: Vec<Arc<str>>,
    /// Every item.
    pub items: Vec<ItemYears>,
}

/// One item: how many jurisdictions meet it each year, out of how many
/// were assessed on it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemCounts {
    /// Item id.
    pub item: Arc<str>,
    /// Its title in the model law, when the model law has the item.
    pub title: Option<String>,
    /// Jurisdictions meeting it, per year.
    pub met: Vec<usize>,
    /// Jurisdictions partly meeting it, per year.
    pub partial: Vec<usize>,
    /// Jurisdictions assessed on it (a status other than not assessed),
    /// per year.
    pub assessed: Vec<usize>,
    /// `met / assessed` per year, to three decimals; absent when none was
    /// assessed.
    pub share: Vec<Option<f64>>,
    /// The shares as whole percentages (`67%`; `–` when none was assessed).
    pub percent: Vec<String>,
}

/// One year over every item: items met out of items assessed.
#[derive(Debug, Clone, Serialize)]
pub struct YearTotals {
    /// The year.
    pub year: i64,
    /// Jurisdictions reported that year.
    pub jurisdictions: usize,
    /// Items assessed (jurisdiction × item), not-assessed ones left out.
    pub assessed: usize,
    /// Of those, met.
    pub met: usize,
    /// Of those, partly met.
    pub partial: usize,
    /// `met / assessed`, to three decimals; absent when nothing was
    /// assessed.
    pub share: Option<f64>,
    /// The share as a whole percentage (`67%`; `–` when nothing was
    /// assessed).
    pub percent: String,
}

/// A whole trend (`trend.json`).
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    /// Format version of this file.
    pub version: u32,
    /// The tool that wrote it.
    pub generator: String,
    /// The reports read.
    pub reports: Vec<String>,
    /// The years, in order.
    pub years: Vec<i64>,
    /// Per year, over every item and jurisdiction.
    pub totals: Vec<YearTotals>,
    /// Per item, per year.
    pub items: Vec<ItemCounts>,
    /// Per jurisdiction, by name.
    pub jurisdictions: Vec<JurisdictionTrend>,
    /// Names of the jurisdictions where an item got better.
    pub improved: Vec<String>,
    /// Names of the jurisdictions where an item got worse.
    pub regressed: Vec<String>,
    /// The chart.
    pub chart: Chart,
}

impl Trend {
    /// Pretty JSON with a final newline, written as it is made (the text
    /// of a trend over 10^6 findings is never held whole).
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        use std::io::Write as _;
        let mut w = std::io::BufWriter::new(w);
        serde_json::to_writer_pretty(&mut w, self)?;
        w.write_all(b"\n")?;
        w.flush()
    }
}

/// `part / whole` to three decimals; none when `whole` is 0.
pub fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 1000.0)
}

/// A share as a whole percentage (`67%`), or `–` when there is none.
pub fn percent(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_string(), |s| format!("{:.0}%", s * 100.0))
}

/// The trend of (report, jurisdiction) entries in reading order: years
/// from the reports alone (no `--year`, no as-of date), no item titles.
pub fn trend(
    reports: Vec<String>,
    entries: Vec<(String, JurisdictionIn)>,
) -> (Trend, Vec<Diagnostic>) {
    let entries = entries
        .into_iter()
        .map(|(report, jurisdiction)| Entry {
            index: reports
                .iter()
                .position(|r| *r == report)
                .unwrap_or(usize::MAX),
            report,
            given_year: None,
            as_of_year: None,
            jurisdiction,
        })
        .collect();
    trend_of(reports, entries, &|_| None)
}

/// Build the trend from the entries in reading order; `title` gives an
/// item's title in the model law. A jurisdiction given twice for a year
/// in one report: the later entry wins and a warning says so; in two
/// reports: an error (give each report its `--year`).
pub fn trend_of(
    reports: Vec<String>,
    entries: Vec<Entry>,
    title: &dyn Fn(&str) -> Option<String>,
) -> (Trend, Vec<Diagnostic>) {
    let (plan, diags) = plan_of(reports, entries, title);
    (plan.trend(), diags)
}

/// [`trend_of`] with the rows of the trend made when they are written
/// ([`TrendPlan`]).
pub fn plan_of<'t>(
    reports: Vec<String>,
    entries: Vec<Entry>,
    title: &'t dyn Fn(&str) -> Option<String>,
) -> (TrendPlan<'t>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Per code and year: the jurisdiction, its report and where its year
    // came from.
    type Slot = (JurisdictionIn, (usize, String), YearFrom);
    let mut by: BTreeMap<String, BTreeMap<i64, Slot>> = BTreeMap::new();
    for e in entries {
        let Some((year, from)) = e.year() else {
            diags.push(
                Diagnostic::error(
                    &e.report,
                    format!(
                        "{}: no year (no --year, no four-digit version, no as-of date, no document year)",
                        e.jurisdiction.label()
                    ),
                )
                .with_help("give each report its year: --year 2024,2025 in the order of the reports"),
            );
            continue;
        };
        let label = e.jurisdiction.label();
        let code = e.jurisdiction.jurisdiction.clone();
        let slot = by.entry(code).or_default();
        if let Some((_, (earlier_index, earlier), earlier_from)) = slot.get(&year) {
            if *earlier_index == e.index {
                diags.push(Diagnostic::warning(
                    &e.report,
                    format!("{label} is reported twice for {year}; the later entry is used"),
                ));
            } else if from == YearFrom::Version && *earlier_from == YearFrom::Version {
                // One edition of a statute book (its version) in two
                // reports: the same text twice, not two years in one.
                diags.push(Diagnostic::warning(
                    &e.report,
                    format!(
                        "{label}, edition {year}, is in {earlier} and in {}; the later is used",
                        e.report
                    ),
                ));
            } else {
                let why = if from == *earlier_from {
                    from.describe().to_string()
                } else {
                    format!("{} and {}", earlier_from.describe(), from.describe())
                };
                diags.push(
                    Diagnostic::error(
                        &e.report,
                        format!(
                            "{label} is in {earlier} and in {} for the same year, {year} (from {why}): two reports of one year cannot be told apart",
                            e.report
                        ),
                    )
                    .with_help("give each report its year: --year 2024,2025 in the order of the reports"),
                );
            }
        }
        slot.insert(year, (e.jurisdiction, (e.index, e.report), from));
    }
    let by: BTreeMap<String, BTreeMap<i64, JurisdictionIn>> = by
        .into_iter()
        .map(|(k, m)| (k, m.into_iter().map(|(y, (j, _, _))| (y, j)).collect()))
        .collect();
    (plan(reports, by, title), diags)
}

/// A trend whose per-item rows are made when they are written
/// ([`TrendPlan::write_json`]) or all at once ([`TrendPlan::trend`]):
/// it holds per jurisdiction and year the status of each item (a few
/// bytes each, not the findings) and per item and year its counts, so
/// that reports of 10^6 findings make a trend in less than their memory.
pub struct TrendPlan<'t> {
    reports: Vec<String>,
    years: Vec<i64>,
    totals: Vec<YearTotals>,
    /// Items in order of first appearance.
    item_ids: Vec<Arc<str>>,
    /// Per item, per year: met, partly met, assessed.
    counts: Vec<[u32; 3]>,
    /// By name as a reader looks for it.
    jurisdictions: Vec<JurisdictionPlan>,
    improved: Vec<String>,
    regressed: Vec<String>,
    chart: Chart,
    title: &'t dyn Fn(&str) -> Option<String>,
}

/// One jurisdiction of a trend: all but its items, and per year it was
/// reported the status of each of its items (by place in the trend's
/// items, sorted) and whether a reviewer decided it.
struct JurisdictionPlan {
    head: JurisdictionTrend,
    statuses: BTreeMap<i64, Vec<(u32, Status, bool)>>,
}

impl JurisdictionPlan {
    /// The status of an item in a year, and whether a reviewer decided it.
    fn finding_in(&self, year: i64, item: u32) -> Option<(Status, bool)> {
        let v = self.statuses.get(&year)?;
        let k = v.binary_search_by_key(&item, |e| e.0).ok()?;
        Some((v[k].1, v[k].2))
    }

    fn status_in(&self, year: i64, item: u32) -> Option<Status> {
        self.finding_in(year, item).map(|f| f.0)
    }
}

fn place(k: usize) -> u32 {
    u32::try_from(k).unwrap_or(u32::MAX)
}

/// The plan of the trend of jurisdictions by code and year.
fn plan(
    reports: Vec<String>,
    by: BTreeMap<String, BTreeMap<i64, JurisdictionIn>>,
    title: &dyn Fn(&str) -> Option<String>,
) -> TrendPlan<'_> {
    let mut years: Vec<i64> = by.values().flat_map(|m| m.keys().copied()).collect();
    years.sort_unstable();
    years.dedup();
    // Items in order of first appearance, and per jurisdiction and year
    // the status of each item by its place: one look-up per finding.
    let mut item_ids: Vec<Arc<str>> = Vec::new();
    let mut index: HashMap<&str, u32> = HashMap::new();
    for j in by.values().flat_map(|m| m.values()) {
        for f in &j.findings {
            index.entry(&*f.item).or_insert_with(|| {
                item_ids.push(f.item.clone());
                place(item_ids.len() - 1)
            });
        }
    }
    // Per jurisdiction and year: the status of each item, and whether a
    // reviewer decided it (the first finding of an item counts, as before).
    let statuses = |j: &JurisdictionIn| -> Vec<(u32, Status, bool)> {
        let mut v: Vec<(u32, Status, bool)> = j
            .findings
            .iter()
            .map(|f| (index[&*f.item], f.status, f.reviewed()))
            .collect();
        v.sort_by_key(|e| e.0);
        v.dedup_by_key(|e| e.0);
        v.shrink_to_fit();
        v
    };
    let mut jurisdictions: Vec<JurisdictionPlan> = by
        .iter()
        .map(|(code, per_year)| {
            let name = per_year
                .values()
                .rev()
                .find_map(|j| j.name.as_deref().filter(|n| !n.trim().is_empty()))
                .unwrap_or(code)
                .to_string();
            let first = per_year.keys().next().copied();
            let last = per_year.keys().next_back().copied();
            JurisdictionPlan {
                head: JurisdictionTrend {
                    jurisdiction: code.clone(),
                    name,
                    scores: years
                        .iter()
                        .map(|y| per_year.get(y).and_then(|j| j.score))
                        .collect(),
                    first_year: first.unwrap_or(0),
                    last_year: last.unwrap_or(0),
                    gained: Vec::new(),
                    lost: Vec::new(),
                    items: Vec::new(),
                },
                statuses: per_year.iter().map(|(&y, j)| (y, statuses(j))).collect(),
            }
        })
        .collect();
    drop(index);
    drop(by);
    for j in &mut jurisdictions {
        let (first, last) = (j.statuses.keys().next(), j.statuses.keys().next_back());
        let (Some(&a), Some(&b)) = (first, last) else {
            continue;
        };
        let (mut gained, mut lost) = (Vec::new(), Vec::new());
        for (k, id) in item_ids.iter().enumerate() {
            match (j.status_in(a, place(k)), j.status_in(b, place(k))) {
                // Not assessed is no status to get better or worse from.
                (Some(Status::NotAssessed), _) | (_, Some(Status::NotAssessed)) => {}
                (Some(x), Some(y)) if y > x => gained.push(id.clone()),
                (Some(x), Some(y)) if y < x => lost.push(id.clone()),
                _ => {}
            }
        }
        (j.head.gained, j.head.lost) = (gained, lost);
    }
    // By name as a reader looks for it (any case), then by code.
    jurisdictions.sort_by(|a, b| {
        let (a, b) = (&a.head, &b.head);
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.jurisdiction.cmp(&b.jurisdiction))
    });
    let mut counts = vec![[0u32; 3]; item_ids.len() * years.len()];
    for j in &jurisdictions {
        for (year, v) in &j.statuses {
            let Ok(y) = years.binary_search(year) else {
                continue;
            };
            for &(k, s, _) in v {
                if s == Status::NotAssessed {
                    continue;
                }
                let c = &mut counts[k as usize * years.len() + y];
                c[2] += 1;
                match s {
                    Status::Met => c[0] += 1,
                    Status::Partial => c[1] += 1,
                    _ => {}
                }
            }
        }
    }
    let totals = years
        .iter()
        .enumerate()
        .map(|(y, &year)| {
            let sum = |f: usize| -> usize {
                counts
                    .iter()
                    .skip(y)
                    .step_by(years.len())
                    .map(|c| c[f] as usize)
                    .sum()
            };
            let (met, partial, assessed) = (sum(0), sum(1), sum(2));
            YearTotals {
                year,
                jurisdictions: jurisdictions
                    .iter()
                    .filter(|j| j.statuses.contains_key(&year))
                    .count(),
                assessed,
                met,
                partial,
                share: share(met, assessed),
                percent: percent(share(met, assessed)),
            }
        })
        .collect();
    let improved = jurisdictions
        .iter()
        .filter(|j| !j.head.gained.is_empty())
        .map(|j| j.head.name.clone())
        .collect();
    let regressed = jurisdictions
        .iter()
        .filter(|j| !j.head.lost.is_empty())
        .map(|j| j.head.name.clone())
        .collect();
    // The chart draws the first items only: only those are made for it.
    let drawn: Vec<ItemCounts> = (0..item_ids.len().min(chart::MAX_CHART_ITEMS))
        .map(|k| item_counts(years.len(), &counts, &item_ids, title, k))
        .collect();
    let chart = chart::chart(&years, &drawn);
    TrendPlan {
        reports,
        years,
        totals,
        item_ids,
        counts,
        jurisdictions,
        improved,
        regressed,
        chart,
        title,
    }
}

/// The counts of the item at place `k` of `ids` (`counts`: per item, per
/// year of `n`, met, partly met, assessed).
fn item_counts(
    n: usize,
    counts: &[[u32; 3]],
    ids: &[Arc<str>],
    title: &dyn Fn(&str) -> Option<String>,
    k: usize,
) -> ItemCounts {
    let c = &counts[k * n..(k + 1) * n];
    let col = |f: usize| -> Vec<usize> { c.iter().map(|c| c[f] as usize).collect() };
    let (met, assessed) = (col(0), col(2));
    let share: Vec<Option<f64>> = met
        .iter()
        .zip(&assessed)
        .map(|(&m, &a)| share(m, a))
        .collect();
    let id = &ids[k];
    ItemCounts {
        item: id.clone(),
        title: title(id),
        met,
        partial: col(1),
        assessed,
        percent: share.iter().map(|&s| percent(s)).collect(),
        share,
    }
}

impl TrendPlan<'_> {
    /// The counts of the item at place `k`.
    fn item_counts(&self, k: usize) -> ItemCounts {
        item_counts(
            self.years.len(),
            &self.counts,
            &self.item_ids,
            self.title,
            k,
        )
    }

    /// The items a jurisdiction was reported on (every item, for reports
    /// of one model law): a report whose jurisdictions each name other
    /// items does not multiply them.
    fn items_of<'a>(&'a self, j: &'a JurisdictionPlan) -> impl Iterator<Item = ItemYears> + 'a {
        self.item_ids.iter().enumerate().filter_map(move |(k, id)| {
            let statuses: Vec<Option<Status>> = self
                .years
                .iter()
                .map(|&y| j.status_in(y, place(k)))
                .collect();
            statuses.iter().any(Option::is_some).then(|| ItemYears {
                item: id.clone(),
                title: (self.title)(id),
                statuses,
                reviewed: self
                    .years
                    .iter()
                    .map(|&y| j.finding_in(y, place(k)).is_some_and(|f| f.1))
                    .collect(),
            })
        })
    }

    /// The whole trend, every row made.
    pub fn trend(self) -> Trend {
        let items = (0..self.item_ids.len())
            .map(|k| self.item_counts(k))
            .collect();
        let jurisdictions = self
            .jurisdictions
            .iter()
            .map(|j| JurisdictionTrend {
                items: self.items_of(j).collect(),
                ..j.head.clone()
            })
            .collect();
        Trend {
            version: VERSION,
            generator: generator(),
            reports: self.reports,
            years: self.years,
            totals: self.totals,
            items,
            jurisdictions,
            improved: self.improved,
            regressed: self.regressed,
            chart: self.chart,
        }
    }

    /// The pretty JSON of [`Trend::write_json`], each row made as it is
    /// written.
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        use std::io::Write as _;
        let mut w = std::io::BufWriter::new(w);
        let out = out::TrendOut {
            version: VERSION,
            generator: generator(),
            reports: &self.reports,
            years: &self.years,
            totals: &self.totals,
            items: out::Items(self),
            jurisdictions: out::Jurisdictions(self),
            improved: &self.improved,
            regressed: &self.regressed,
            chart: &self.chart,
        };
        serde_json::to_writer_pretty(&mut w, &out)?;
        w.write_all(b"\n")?;
        w.flush()
    }
}

/// `trend.json`'s version.
const VERSION: u32 = 2;

fn generator() -> String {
    format!("lexalign {}", env!("CARGO_PKG_VERSION"))
}

/// The shapes [`TrendPlan::write_json`] writes: those of [`Trend`] with
/// its rows made as they are written.
mod out {
    use serde::ser::{Serialize, Serializer};

    use super::{Chart, TrendPlan, YearTotals};

    #[derive(serde::Serialize)]
    pub(super) struct TrendOut<'p> {
        pub version: u32,
        pub generator: String,
        pub reports: &'p [String],
        pub years: &'p [i64],
        pub totals: &'p [YearTotals],
        pub items: Items<'p>,
        pub jurisdictions: Jurisdictions<'p>,
        pub improved: &'p [String],
        pub regressed: &'p [String],
        pub chart: &'p Chart,
    }

    pub(super) struct Items<'p>(pub &'p TrendPlan<'p>);

    impl Serialize for Items<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let p = self.0;
            s.collect_seq((0..p.item_ids.len()).map(|k| p.item_counts(k)))
        }
    }

    pub(super) struct Jurisdictions<'p>(pub &'p TrendPlan<'p>);

    impl Serialize for Jurisdictions<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let p = self.0;
            s.collect_seq(p.jurisdictions.iter().map(|j| JurisdictionOut {
                jurisdiction: &j.head.jurisdiction,
                name: &j.head.name,
                scores: &j.head.scores,
                first_year: j.head.first_year,
                last_year: j.head.last_year,
                gained: &j.head.gained,
                lost: &j.head.lost,
                items: ItemsOf(p, j),
            }))
        }
    }

    /// A jurisdiction as [`super::JurisdictionTrend`] writes it.
    #[derive(serde::Serialize)]
    struct JurisdictionOut<'p> {
        jurisdiction: &'p str,
        name: &'p str,
        scores: &'p [Option<f64>],
        first_year: i64,
        last_year: i64,
        gained: &'p [std::sync::Arc<str>],
        lost: &'p [std::sync::Arc<str>],
        items: ItemsOf<'p>,
    }

    struct ItemsOf<'p>(&'p TrendPlan<'p>, &'p super::JurisdictionPlan);

    impl Serialize for ItemsOf<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.items_of(self.1))
        }
    }
}

/// The text summary.
pub fn to_text(t: &Trend) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let years: Vec<String> = t.years.iter().map(|y| y.to_string()).collect();
    let _ = writeln!(
        out,
        "Trend over {} ({} {})",
        years.join(", "),
        t.reports.len(),
        if t.reports.len() == 1 {
            "report"
        } else {
            "reports"
        }
    );
    let _ = writeln!(out, "\nItems met of those assessed, per year:");
    for y in &t.totals {
        let _ = writeln!(
            out,
            "  {}: {} ({} of {} items met; {} {})",
            y.year,
            percent(y.share),
            y.met,
            y.assessed,
            y.jurisdictions,
            if y.jurisdictions == 1 {
                "jurisdiction"
            } else {
                "jurisdictions"
            }
        );
    }
    let _ = writeln!(
        out,
        "\nShare of the jurisdictions assessed that meet each item (met/assessed), per year:"
    );
    let cells = |i: &ItemCounts| -> Vec<String> {
        (0..t.years.len())
            .map(|y| {
                let c = format!("{} {}/{}", percent(i.share[y]), i.met[y], i.assessed[y]);
                format!("{c:>12}")
            })
            .collect()
    };
    let head: Vec<String> = years.iter().map(|y| format!("{y:>12}")).collect();
    let _ = writeln!(out, "  {:<26} {}", "item", head.join(" "));
    for i in &t.items {
        let _ = writeln!(out, "  {:<26} {}", i.item, cells(i).join(" "));
    }
    for j in &t.jurisdictions {
        let scores: Vec<String> = j
            .scores
            .iter()
            .map(|s| s.map_or("-".into(), |s| format!("{s:.3}")))
            .collect();
        let _ = writeln!(out, "\n{}: score {}", j.name, scores.join(" -> "));
        for i in &j.items {
            let first = i.statuses.iter().flatten().next();
            if i.statuses.iter().flatten().all(|s| Some(s) == first) {
                continue;
            }
            let st: Vec<String> = i
                .statuses
                .iter()
                .map(|s| format!("{:<8}", s.map_or("-", |s| s.as_str())))
                .collect();
            let _ = writeln!(out, "  {:<26} {}", i.item, st.join(" ").trim_end());
        }
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    let _ = writeln!(out, "\nImproved: {}", list(&t.improved));
    let _ = writeln!(out, "Regressed: {}", list(&t.regressed));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::read::parse_report;

    #[test]
    fn the_json_written_row_by_row_is_the_trend_made_whole() {
        let reports = [
            r#"{"version": 2, "jurisdictions": [
              {"jurisdiction": "ke", "name": "Kenya", "version": "2024", "score": 0.5, "findings": [
                {"item": "A", "status": "met"}, {"item": "B", "status": "partial"},
                {"item": "A", "status": "not_met"}, {"item": "C", "status": "not_assessed"}]},
              {"jurisdiction": "ug", "version": "2024", "score": null, "findings": [
                {"item": "D", "status": "met", "review": {"status": "met"}}]}]}"#,
            r#"{"version": 2, "jurisdictions": [
              {"jurisdiction": "ke", "version": "2025", "score": 0.7, "findings": [
                {"item": "B", "status": "met"}, {"item": "A", "status": "partial"},
                {"item": "C", "status": "met"}]},
              {"jurisdiction": "ug", "version": "2025", "score": 0.2, "findings": [
                {"item": "D", "status": "not_met"}]},
              {"jurisdiction": "Ab", "version": "2025", "score": 0.2, "findings": []}]}"#,
        ];
        let entries = || -> Vec<Entry> {
            reports
                .iter()
                .enumerate()
                .flat_map(|(k, r)| {
                    let r = parse_report("r.json", r.as_bytes()).unwrap();
                    r.jurisdictions.into_iter().map(move |j| Entry {
                        report: format!("r{k}.json"),
                        index: k,
                        given_year: None,
                        as_of_year: None,
                        jurisdiction: j,
                    })
                })
                .collect()
        };
        let names = || vec!["r0.json".to_string(), "r1.json".to_string()];
        let title = |id: &str| (id == "B").then(|| "Item B".to_string());
        let (whole, d1) = trend_of(names(), entries(), &title);
        let mut a = Vec::new();
        whole.write_json(&mut a).unwrap();
        let (p, d2) = plan_of(names(), entries(), &title);
        let mut b = Vec::new();
        p.write_json(&mut b).unwrap();
        assert_eq!(String::from_utf8(b).unwrap(), String::from_utf8(a).unwrap());
        assert_eq!(d1.len(), d2.len());
        assert_eq!(whole.improved, vec!["Kenya".to_string()]);
        assert_eq!(whole.regressed, vec!["Kenya".to_string(), "ug".to_string()]);
    }
}
