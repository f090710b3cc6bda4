//! A step's ratings from the workshop room, summed up as the map's band shows them: the median
//! and the spread (lowest to highest). Computed here once, for the screen, the projector, the
//! phones at Reveal and the PDF, so they cannot disagree.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Id, Project};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RatingSpread {
    pub step: Id,
    /// How many participants rated the step.
    pub count: u32,
    /// The middle value; between two values when the count is even.
    pub median: f64,
    pub lowest: i32,
    pub highest: i32,
}

/// The spread of one step's values; none without values.
pub fn spread(step: Id, values: &[i32]) -> Option<RatingSpread> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let (&lowest, &highest) = (sorted.first()?, sorted.last()?);
    let middle = sorted.len() / 2;
    let median = if sorted.len() % 2 == 1 {
        f64::from(sorted[middle])
    } else {
        (f64::from(sorted[middle - 1]) + f64::from(sorted[middle])) / 2.0
    };
    Some(RatingSpread {
        step,
        count: u32::try_from(sorted.len()).unwrap_or(u32::MAX),
        median,
        lowest,
        highest,
    })
}

/// The rated steps of a journey, left to right.
pub fn spreads(project: &Project, journey: Id) -> Vec<RatingSpread> {
    project
        .journey_steps(journey)
        .into_iter()
        .filter_map(|step| of_step(project, step.id))
        .collect()
}

/// The spread of one step's ratings; none when nobody rated it.
pub fn of_step(project: &Project, step: Id) -> Option<RatingSpread> {
    let values: Vec<i32> = project
        .ratings
        .iter()
        .filter(|r| r.step == step)
        .map(|r| r.value)
        .collect();
    spread(step, &values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_lies_between_the_middle_two() {
        let step = uuid::Uuid::new_v4();
        let odd = spread(step, &[3, -5, 1]).unwrap();
        assert_eq!(
            (odd.median, odd.lowest, odd.highest, odd.count),
            (1.0, -5, 3, 3)
        );
        let even = spread(step, &[4, -2, 1, 0]).unwrap();
        assert_eq!((even.median, even.lowest, even.highest), (0.5, -2, 4));
        assert_eq!(spread(step, &[]), None);
    }
}
