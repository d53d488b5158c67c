//! The trend chart: one bar per item and year, as tall as the number of
//! jurisdictions meeting the item; coordinates computed here, the SVG
//! written by the template.

use serde::Serialize;

use super::ItemCounts;

/// A bar of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Height.
    pub h: u32,
    /// Index of the year (for its colour).
    pub year: usize,
    /// What it shows, for the tooltip and screen readers.
    pub title: String,
}

/// A label of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    /// Where it starts.
    pub x: u32,
    /// The item.
    pub item: String,
}

/// The chart: jurisdictions meeting each item, one bar per year.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Width of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
    /// Width of a bar.
    pub bar: u32,
    /// Bottom of the bars.
    pub base: u32,
    /// The bars.
    pub bars: Vec<Bar>,
    /// Item labels under the bars.
    pub labels: Vec<Label>,
}

/// Pixels per bar, gap between items, and chart height.
const BAR: u32 = 8;
const GAP: u32 = 10;
const PLOT: u32 = 160;

/// Lay out the bars.
pub fn chart(years: &[i64], items: &[ItemCounts]) -> Chart {
    let n = years.len().max(1) as u32;
    let group = n * BAR + GAP;
    let max = items
        .iter()
        .flat_map(|i| i.assessed.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as u32;
    let base = PLOT + 10;
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    for (k, it) in items.iter().enumerate() {
        let x0 = 30 + k as u32 * group;
        labels.push(Label {
            x: x0 + n * BAR / 2,
            item: it.item.clone(),
        });
        for (y, &met) in it.met.iter().enumerate() {
            let h = met as u32 * PLOT / max;
            bars.push(Bar {
                x: x0 + y as u32 * BAR,
                y: base - h,
                h,
                year: y,
                title: format!(
                    "{} in {}: {} of {} met",
                    it.item, years[y], met, it.assessed[y]
                ),
            });
        }
    }
    Chart {
        width: 30 + items.len() as u32 * group + 10,
        height: base + 150,
        bar: BAR,
        base,
        bars,
        labels,
    }
}
