//! The KPIs of measured touchpoints, computed here and only here: the CLI, the app's KPI view,
//! the map's gap row and the PDF page all read `journey_kpis`.
//!
//! Means carry a 95 % confidence interval from Student's t; CSAT a Wilson score interval; NPS a
//! normal interval of a difference of two shares; the gap a normal interval of a difference of
//! means. A figure from fewer than 30 answers is flagged `few`.
//!
//! Driver importance is Spearman's rank correlation between a touchpoint's satisfaction and
//! the respondent's overall satisfaction, over answers that have both (see docs/file-format.md
//! and docs/measure.md for why this and not a regression-based method).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
use ts_rs::TS;

use crate::model::*;

/// A figure is flagged as resting on few answers below this many.
pub const FEW_ANSWERS: u32 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    Month,
    Quarter,
}

impl Period {
    /// The period a `YYYY-MM` month falls in: itself, or `YYYY-Qn`.
    pub fn of(self, month: &str) -> String {
        match self {
            Period::Month => month.to_string(),
            Period::Quarter => {
                let m: u32 = month.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
                format!("{}-Q{}", &month[..4.min(month.len())], (m + 2) / 3)
            }
        }
    }
}

/// One figure with its 95 % confidence interval (where one can be given) and its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Figure {
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub n: u32,
    /// Fewer than 30 answers: read with care.
    pub few: bool,
}

impl Figure {
    fn new(value: f64, interval: Option<(f64, f64)>, n: u32) -> Figure {
        Figure {
            value,
            low: interval.map(|i| i.0),
            high: interval.map(|i| i.1),
            n,
            few: n < FEW_ANSWERS,
        }
    }
}

/// How strongly a touchpoint's satisfaction goes with overall satisfaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Importance {
    /// Spearman's ρ, −1 … 1.
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Answers with both ratings.
    pub n: u32,
    pub few: bool,
    /// 1 = the strongest driver of the journey.
    pub rank: u32,
}

/// The figures of one touchpoint in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PeriodKpis {
    /// `YYYY-MM` or `YYYY-Qn`.
    pub period: String,
    pub n: u32,
    pub expectation: Option<Figure>,
    pub satisfaction: Option<Figure>,
    pub gap: Option<Figure>,
    pub csat: Option<Figure>,
    pub effort: Option<Figure>,
    pub nps: Option<Figure>,
}

/// The figures of one touchpoint over all its answers, and per period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TouchpointKpis {
    pub card: Id,
    pub touchpoint: String,
    pub key: Option<String>,
    pub n: u32,
    pub expectation: Option<Figure>,
    pub satisfaction: Option<Figure>,
    pub gap: Option<Figure>,
    pub csat: Option<Figure>,
    pub effort: Option<Figure>,
    pub nps: Option<Figure>,
    pub importance: Option<Importance>,
    pub periods: Vec<PeriodKpis>,
}

/// A journey's measured touchpoints, in map order, and the averages the importance ×
/// performance chart divides its quadrants at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct JourneyKpis {
    pub touchpoints: Vec<TouchpointKpis>,
    /// Mean satisfaction over the touchpoints that have one: "par".
    pub par_satisfaction: Option<f64>,
    /// Mean importance over the touchpoints that have one.
    pub par_importance: Option<f64>,
    /// The importance × performance chart's axes, the same on screen and on paper.
    pub chart: ChartAxes,
}

/// The ends of the chart's axes: importance (ρ) across, satisfaction up. Each spans the data
/// with some room around it, so touchpoints that differ by a tenth do not sit on one spot; the
/// importance axis always shows 0 and never passes 1, satisfaction stays within 1–5.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct ChartAxes {
    pub importance: (f64, f64),
    pub satisfaction: (f64, f64),
}

impl ChartAxes {
    fn spanning(touchpoints: &[TouchpointKpis]) -> ChartAxes {
        let rhos: Vec<f64> = touchpoints
            .iter()
            .filter_map(|t| t.importance.as_ref().map(|i| i.value))
            .collect();
        let low = rhos.iter().copied().fold(0.0, f64::min);
        let high = rhos.iter().copied().fold(0.3, f64::max);
        let pad = (high - low) * 0.1;
        let importance = (low - pad, (high + pad).min(1.0));
        let means: Vec<f64> = touchpoints
            .iter()
            .filter_map(|t| t.satisfaction.as_ref().map(|f| f.value))
            .collect();
        let low = means.iter().copied().fold(5.0, f64::min);
        let high = means.iter().copied().fold(1.0, f64::max);
        let (low, high) = if means.is_empty() {
            (1.0, 5.0)
        } else {
            (low, high)
        };
        // At least one point of the scale tall, centred on the data, inside 1–5.
        let middle = (low + high) / 2.0;
        let half = ((high - low) * 0.6).max(0.5);
        let (mut low, mut high) = (middle - half, middle + half);
        if low < 1.0 {
            high = (high + 1.0 - low).min(5.0);
            low = 1.0;
        }
        if high > 5.0 {
            low = (low - (high - 5.0)).max(1.0);
            high = 5.0;
        }
        ChartAxes {
            importance,
            satisfaction: (low, high),
        }
    }
}

/// Summed counts of any number of months.
#[derive(Debug, Clone)]
struct Counts {
    rows: u32,
    satisfaction: Vec<u64>,
    expectation: Vec<u64>,
    effort: Vec<u64>,
    recommend: Vec<u64>,
    with_overall: Vec<u64>,
}

impl Counts {
    fn empty() -> Counts {
        Counts {
            rows: 0,
            satisfaction: vec![0; 5],
            expectation: vec![0; 5],
            effort: vec![0; 7],
            recommend: vec![0; 11],
            with_overall: vec![0; 25],
        }
    }

    fn add(&mut self, m: &Measurement) {
        let sum = |into: &mut Vec<u64>, from: &[u32]| {
            for (a, b) in into.iter_mut().zip(from) {
                *a += u64::from(*b);
            }
        };
        self.rows = self.rows.saturating_add(m.rows);
        sum(&mut self.satisfaction, &m.satisfaction);
        sum(&mut self.expectation, &m.expectation);
        sum(&mut self.effort, &m.effort);
        sum(&mut self.recommend, &m.recommend);
        sum(&mut self.with_overall, &m.with_overall);
    }
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// n, mean and sample variance of a histogram whose first bin is the point `first`.
fn moments(histogram: &[u64], first: f64) -> (u64, f64, f64) {
    let n: u64 = histogram.iter().sum();
    if n == 0 {
        return (0, 0.0, 0.0);
    }
    let points = histogram
        .iter()
        .enumerate()
        .map(|(i, c)| (first + i as f64, *c as f64));
    let (sum, squares) = points
        .clone()
        .fold((0.0, 0.0), |(s, q), (x, c)| (s + x * c, q + x * x * c));
    let mean = sum / n as f64;
    let variance = if n > 1 {
        ((squares - n as f64 * mean * mean) / (n as f64 - 1.0)).max(0.0)
    } else {
        0.0
    };
    (n, mean, variance)
}

fn z95() -> f64 {
    Normal::standard().inverse_cdf(0.975)
}

fn mean_figure(histogram: &[u64], first: f64) -> Option<Figure> {
    let (n, mean, variance) = moments(histogram, first);
    if n == 0 {
        return None;
    }
    let interval = (n > 1).then(|| {
        let t = StudentsT::new(0.0, 1.0, n as f64 - 1.0)
            .map(|t| t.inverse_cdf(0.975))
            .unwrap_or_else(|_| z95());
        let half = t * (variance / n as f64).sqrt();
        (mean - half, mean + half)
    });
    Some(Figure::new(mean, interval, clamp(n)))
}

/// Satisfaction minus expectation, the sign the map's gap row uses.
fn gap_figure(satisfaction: &[u64], expectation: &[u64]) -> Option<Figure> {
    let (ns, ms, vs) = moments(satisfaction, 1.0);
    let (ne, me, ve) = moments(expectation, 1.0);
    if ns == 0 || ne == 0 {
        return None;
    }
    let gap = ms - me;
    let interval = (ns > 1 && ne > 1).then(|| {
        let half = z95() * (vs / ns as f64 + ve / ne as f64).sqrt();
        (gap - half, gap + half)
    });
    Some(Figure::new(gap, interval, clamp(ns.min(ne))))
}

/// Share of satisfaction 4–5, in %, with Wilson's interval (sound near 0 % and 100 %).
fn csat_figure(satisfaction: &[u64]) -> Option<Figure> {
    let n: u64 = satisfaction.iter().sum();
    if n == 0 {
        return None;
    }
    let p = (satisfaction[3] + satisfaction[4]) as f64 / n as f64;
    let z = z95();
    let nf = n as f64;
    let centre = (p + z * z / (2.0 * nf)) / (1.0 + z * z / nf);
    let half = z / (1.0 + z * z / nf) * (p * (1.0 - p) / nf + z * z / (4.0 * nf * nf)).sqrt();
    Some(Figure::new(
        100.0 * p,
        Some((100.0 * (centre - half), 100.0 * (centre + half))),
        clamp(n),
    ))
}

/// Promoters (9–10) minus detractors (0–6), in %.
fn nps_figure(recommend: &[u64]) -> Option<Figure> {
    let n: u64 = recommend.iter().sum();
    if n == 0 {
        return None;
    }
    let nf = n as f64;
    let promoters = (recommend[9] + recommend[10]) as f64 / nf;
    let detractors = recommend[..7].iter().sum::<u64>() as f64 / nf;
    let nps = promoters - detractors;
    let interval = (n > 1).then(|| {
        let variance = (promoters + detractors - nps * nps) / nf;
        let half = z95() * variance.max(0.0).sqrt();
        (100.0 * (nps - half), 100.0 * (nps + half))
    });
    Some(Figure::new(100.0 * nps, interval, clamp(n)))
}

/// Midranks of the categories of a margin: every answer in one category shares the mean of the
/// ranks its category spans, as Spearman's ρ treats ties.
fn midranks(margin: &[f64]) -> Vec<f64> {
    let mut below = 0.0;
    margin
        .iter()
        .map(|count| {
            let rank = below + (count + 1.0) / 2.0;
            below += count;
            rank
        })
        .collect()
}

/// Spearman's ρ from a 5 × 5 table of (satisfaction, overall) counts: the Pearson correlation
/// of the midranks, weighted by the counts. Exact for tied data, so the file needs the table
/// only, not the pairs. None when either rating does not vary.
pub fn spearman(table: &[u64]) -> Option<(f64, u64)> {
    let cell = |s: usize, o: usize| table[s * 5 + o] as f64;
    let n: f64 = table.iter().sum::<u64>() as f64;
    if n < 2.0 {
        return None;
    }
    let rows: Vec<f64> = (0..5).map(|s| (0..5).map(|o| cell(s, o)).sum()).collect();
    let columns: Vec<f64> = (0..5).map(|o| (0..5).map(|s| cell(s, o)).sum()).collect();
    let (rs, ro) = (midranks(&rows), midranks(&columns));
    let mean = (n + 1.0) / 2.0;
    let (mut covariance, mut var_s, mut var_o) = (0.0, 0.0, 0.0);
    for s in 0..5 {
        var_s += rows[s] * (rs[s] - mean).powi(2);
        var_o += columns[s] * (ro[s] - mean).powi(2);
        for o in 0..5 {
            covariance += cell(s, o) * (rs[s] - mean) * (ro[o] - mean);
        }
    }
    if var_s <= 0.0 || var_o <= 0.0 {
        return None;
    }
    Some((covariance / (var_s * var_o).sqrt(), n as u64))
}

/// ρ with a Fisher-z interval, using the standard error 1.06 / (n − 3) of Fieller, Hartley and
/// Pearson (1957) for Spearman's ρ.
fn importance(table: &[u64]) -> Option<Importance> {
    let (rho, n) = spearman(table)?;
    let interval = (n > 3).then(|| {
        let z = rho.clamp(-0.999_999, 0.999_999).atanh();
        let half = z95() * (1.06 / (n as f64 - 3.0)).sqrt();
        ((z - half).tanh(), (z + half).tanh())
    });
    Some(Importance {
        value: rho,
        low: interval.map(|i| i.0),
        high: interval.map(|i| i.1),
        n: clamp(n),
        few: n < u64::from(FEW_ANSWERS),
        rank: 0,
    })
}

fn period_kpis(period: String, counts: &Counts) -> PeriodKpis {
    PeriodKpis {
        period,
        n: counts.rows,
        expectation: mean_figure(&counts.expectation, 1.0),
        satisfaction: mean_figure(&counts.satisfaction, 1.0),
        gap: gap_figure(&counts.satisfaction, &counts.expectation),
        csat: csat_figure(&counts.satisfaction),
        effort: mean_figure(&counts.effort, 1.0),
        nps: nps_figure(&counts.recommend),
    }
}

/// The KPIs of every measured touchpoint of a journey, in map order (step, then card order),
/// with periods of `period` oldest first and drivers ranked across the journey.
pub fn journey_kpis(project: &Project, journey: Id, period: Period) -> JourneyKpis {
    let mut touchpoints = Vec::new();
    for step in project.journey_steps(journey) {
        for lane in project.lanes_of(journey) {
            if lane.kind != LaneKind::Touchpoints {
                continue;
            }
            for card in project.cards_in(lane.id, step.id) {
                let months: Vec<&Measurement> = project
                    .measurements
                    .iter()
                    .filter(|m| m.card == card.id)
                    .collect();
                if months.is_empty() {
                    continue;
                }
                let mut total = Counts::empty();
                let mut periods: BTreeMap<String, Counts> = BTreeMap::new();
                for m in months {
                    total.add(m);
                    periods
                        .entry(period.of(&m.month))
                        .or_insert_with(Counts::empty)
                        .add(m);
                }
                let all = period_kpis(String::new(), &total);
                touchpoints.push(TouchpointKpis {
                    card: card.id,
                    touchpoint: card.text.clone(),
                    key: card.measure_key.clone(),
                    n: all.n,
                    expectation: all.expectation,
                    satisfaction: all.satisfaction,
                    gap: all.gap,
                    csat: all.csat,
                    effort: all.effort,
                    nps: all.nps,
                    importance: importance(&total.with_overall),
                    periods: periods
                        .into_iter()
                        .map(|(name, counts)| period_kpis(name, &counts))
                        .collect(),
                });
            }
        }
    }
    let mut order: Vec<usize> = (0..touchpoints.len())
        .filter(|i| touchpoints[*i].importance.is_some())
        .collect();
    let value = |i: &usize| touchpoints[*i].importance.as_ref().map_or(0.0, |m| m.value);
    order.sort_by(|a, b| value(b).total_cmp(&value(a)));
    for (rank, i) in order.iter().enumerate() {
        if let Some(importance) = touchpoints[*i].importance.as_mut() {
            importance.rank = rank as u32 + 1;
        }
    }
    let average = |values: Vec<f64>| {
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    };
    JourneyKpis {
        chart: ChartAxes::spanning(&touchpoints),
        par_satisfaction: average(
            touchpoints
                .iter()
                .filter_map(|t| t.satisfaction.as_ref().map(|f| f.value))
                .collect(),
        ),
        par_importance: average(
            touchpoints
                .iter()
                .filter_map(|t| t.importance.as_ref().map(|f| f.value))
                .collect(),
        ),
        touchpoints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spearman's ρ by ranking every pair, the textbook way, to hold the table form to.
    fn spearman_of_pairs(pairs: &[(u8, u8)]) -> f64 {
        let ranks = |values: Vec<f64>| -> Vec<f64> {
            values
                .iter()
                .map(|v| {
                    let below = values.iter().filter(|w| *w < v).count() as f64;
                    let equal = values.iter().filter(|w| *w == v).count() as f64;
                    below + (equal + 1.0) / 2.0
                })
                .collect()
        };
        let a = ranks(pairs.iter().map(|p| f64::from(p.0)).collect());
        let b = ranks(pairs.iter().map(|p| f64::from(p.1)).collect());
        let n = a.len() as f64;
        let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
        let cov: f64 = a.iter().zip(&b).map(|(x, y)| (x - ma) * (y - mb)).sum();
        let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
        let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
        cov / (va * vb).sqrt()
    }

    #[test]
    fn spearman_from_the_table_equals_spearman_over_the_pairs() {
        let pairs: Vec<(u8, u8)> = (0..200u32)
            .map(|i| {
                let s = (i * 7 % 5) as u8 + 1;
                let o = ((i * 7 % 5 + i % 3) % 5) as u8 + 1;
                (s, o)
            })
            .collect();
        let mut table = vec![0u64; 25];
        for (s, o) in &pairs {
            table[usize::from(s - 1) * 5 + usize::from(o - 1)] += 1;
        }
        let (rho, n) = spearman(&table).expect("both vary");
        assert_eq!(n, 200);
        assert!((rho - spearman_of_pairs(&pairs)).abs() < 1e-12, "{rho}");
        assert!(spearman(&[
            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5
        ])
        .is_some());
        let mut constant = vec![0u64; 25];
        constant[12] = 40;
        assert_eq!(spearman(&constant), None, "no variation, no correlation");
    }

    #[test]
    fn shares_and_means_with_their_intervals() {
        // 10 answers: satisfaction 1,2,3,4,4,5,5,5,5,5 → mean 3.9, CSAT 70 %.
        let satisfaction = [1, 1, 1, 2, 5];
        let mean = mean_figure(&satisfaction, 1.0).expect("answers");
        assert!((mean.value - 3.9).abs() < 1e-12);
        assert!(mean.few && mean.n == 10);
        let (low, high) = (mean.low.unwrap(), mean.high.unwrap());
        // t(0.975, 9) = 2.2622; s = 1.4491
        assert!((high - low - 2.0 * 2.2622 * 1.4491 / 10f64.sqrt()).abs() < 1e-3);
        let csat = csat_figure(&satisfaction).expect("answers");
        assert!((csat.value - 70.0).abs() < 1e-12);
        assert!(csat.low.unwrap() > 39.0 && csat.high.unwrap() < 90.0);
        // recommend: 5 promoters, 3 passives, 2 detractors of 10 → NPS 30.
        let recommend = [0, 0, 0, 0, 0, 1, 1, 0, 3, 2, 3];
        assert!((nps_figure(&recommend).unwrap().value - 30.0).abs() < 1e-12);
        assert_eq!(Period::Quarter.of("2026-11"), "2026-Q4");
        assert_eq!(Period::Quarter.of("2026-01"), "2026-Q1");
    }

    #[test]
    fn the_chart_spans_the_data_within_the_scales() {
        let at = |satisfaction: f64, rho: f64| TouchpointKpis {
            card: uuid::Uuid::nil(),
            touchpoint: String::new(),
            key: None,
            n: 40,
            expectation: None,
            satisfaction: Some(Figure::new(satisfaction, None, 40)),
            gap: None,
            csat: None,
            effort: None,
            nps: None,
            importance: Some(Importance {
                value: rho,
                low: None,
                high: None,
                n: 40,
                few: false,
                rank: 1,
            }),
            periods: vec![],
        };
        let close = ChartAxes::spanning(&[at(2.95, 0.35), at(3.1, 0.6)]);
        assert!(
            close.satisfaction.0 > 2.0 && close.satisfaction.1 < 4.0,
            "{close:?}"
        );
        assert!(close.satisfaction.1 - close.satisfaction.0 >= 1.0);
        assert!(close.importance.0 < 0.0 + 1e-9 && close.importance.1 > 0.6);
        let edge = ChartAxes::spanning(&[at(4.9, 0.99), at(4.95, -0.4)]);
        assert_eq!(edge.satisfaction.1, 5.0);
        assert!(edge.satisfaction.0 >= 1.0 && edge.satisfaction.0 <= 4.0);
        assert_eq!(edge.importance.1, 1.0);
        assert!(edge.importance.0 < -0.4);
    }
}
