//! The trend chart: one bar per item and year, as tall as the share of
//! the jurisdictions assessed on the item that meet it (0 to 100%, so a
//! year with more jurisdictions does not look like progress), on a scale
//! with its percentages marked; coordinates computed here, the SVG written
//! by the template.

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

/// A mark of the vertical scale: a percentage and its height.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Height of the line.
    pub y: u32,
    /// The percentage.
    pub percent: u32,
}

/// The chart: the share of jurisdictions meeting each item, one bar per
/// year.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Width of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
    /// Width of a bar (its drawn width is 2 less, to leave a gap).
    pub bar: u32,
    /// Left edge of the plot (the scale is written to its left).
    pub left: u32,
    /// Bottom of the bars.
    pub base: u32,
    /// Top of the plot.
    pub top: u32,
    /// The bars.
    pub bars: Vec<Bar>,
    /// Item labels under the bars.
    pub labels: Vec<Label>,
    /// The scale, from 0 to 100%.
    pub ticks: Vec<Tick>,
}

/// Pixels per bar, gap between items, plot height, margins.
const BAR: u32 = 10;
const GAP: u32 = 12;
const PLOT: u32 = 160;
const LEFT: u32 = 40;
const TOP: u32 = 10;
/// Item labels are 12px text turned 60°: per character (about 8px wide
/// in capitals), about 4px across and 7px down; the drawing leaves room
/// for the longest so that no label is cut off.
const LABEL_ACROSS: u32 = 4;
const LABEL_DOWN: u32 = 7;

/// At most this many items are drawn: a model law has tens; a report
/// naming 10^6 items (a hostile or broken one) would give a drawing
/// nobody can read and hundreds of megabytes of bars. The trend's table
/// and JSON keep every item.
pub const MAX_CHART_ITEMS: usize = 1_000;

/// Lay out the bars (of the first [`MAX_CHART_ITEMS`] items).
pub fn chart(years: &[i64], items: &[ItemCounts]) -> Chart {
    let items = &items[..items.len().min(MAX_CHART_ITEMS)];
    let n = years.len().max(1) as u32;
    let group = n * BAR + GAP;
    let base = TOP + PLOT;
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    for (k, it) in items.iter().enumerate() {
        let x0 = LEFT + GAP / 2 + k as u32 * group;
        labels.push(Label {
            x: x0 + n * BAR / 2,
            item: it.item.to_string(),
        });
        let name = match &it.title {
            Some(t) => format!("{t} ({})", it.item),
            None => it.item.to_string(),
        };
        for (y, &met) in it.met.iter().enumerate() {
            let share = it.share.get(y).copied().flatten();
            let h = (share.unwrap_or(0.0) * f64::from(PLOT)).round() as u32;
            bars.push(Bar {
                x: x0 + y as u32 * BAR,
                y: base - h,
                h,
                year: y,
                title: match share {
                    Some(_) => format!(
                        "{name} in {}: {} met ({} of {} assessed)",
                        years[y],
                        super::percent(share),
                        met,
                        it.assessed[y]
                    ),
                    None => format!("{name} in {}: none assessed", years[y]),
                },
            });
        }
    }
    let ticks = (0..=100u32)
        .step_by(25)
        .map(|percent| Tick {
            y: base - percent * PLOT / 100,
            percent,
        })
        .collect();
    let longest = items
        .iter()
        .map(|i| i.item.chars().count() as u32)
        .max()
        .unwrap_or(0);
    let plot_right = LEFT + items.len() as u32 * group;
    let last_label = labels.last().map_or(LEFT, |l| l.x);
    Chart {
        width: plot_right.max(last_label + longest * LABEL_ACROSS) + 10,
        height: base + 14 + longest * LABEL_DOWN,
        bar: BAR,
        left: LEFT,
        base,
        top: TOP,
        bars,
        labels,
        ticks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(item: &str, met: Vec<usize>, assessed: Vec<usize>) -> ItemCounts {
        ItemCounts {
            item: item.into(),
            title: None,
            partial: vec![0; met.len()],
            share: met
                .iter()
                .zip(&assessed)
                .map(|(&m, &a)| super::super::share(m, a))
                .collect(),
            percent: Vec::new(),
            assessed,
            met,
        }
    }

    #[test]
    fn bars_are_shares_on_a_percent_scale_and_labels_fit() {
        // 2 of 2 met in 2024 and 3 of 6 in 2025: more jurisdictions
        // meet the item, but a smaller share; the bar is lower.
        let items = vec![
            counts("A", vec![2, 3], vec![2, 6]),
            counts("A-MUCH-LONGER-ITEM", vec![0, 0], vec![0, 6]),
        ];
        let c = chart(&[2024, 2025], &items);
        let pct: Vec<u32> = c.ticks.iter().map(|t| t.percent).collect();
        assert_eq!(pct, vec![0, 25, 50, 75, 100]);
        assert_eq!(c.ticks[0].y, c.base);
        assert_eq!(c.ticks.last().unwrap().y, c.top);
        let (full, half) = (&c.bars[0], &c.bars[1]);
        assert_eq!((full.y, full.h), (c.top, c.base - c.top));
        assert_eq!(half.h, (c.base - c.top) / 2);
        assert_eq!(half.title, "A in 2025: 50% met (3 of 6 assessed)");
        assert_eq!(c.bars[2].h, 0);
        assert_eq!(c.bars[2].title, "A-MUCH-LONGER-ITEM in 2024: none assessed");
        let label = c.labels.last().unwrap();
        assert!(c.width >= label.x + 18 * 3, "{} {}", c.width, label.x);
    }

    #[test]
    fn a_report_of_a_million_items_draws_the_first_thousand() {
        let items: Vec<ItemCounts> = (0..MAX_CHART_ITEMS + 7)
            .map(|k| counts(&format!("I{k}"), vec![1, 1], vec![2, 2]))
            .collect();
        let c = chart(&[2024, 2025], &items);
        assert_eq!(c.labels.len(), MAX_CHART_ITEMS);
        assert_eq!(c.bars.len(), 2 * MAX_CHART_ITEMS);
        assert_eq!(
            c.labels.last().unwrap().item,
            format!("I{}", MAX_CHART_ITEMS - 1)
        );
    }
}
