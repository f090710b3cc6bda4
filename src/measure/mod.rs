//! Measured touchpoints: survey responses imported per touchpoint card (`import`), kept as
//! counts per month (`Measurement`), and the KPIs and driver importance computed from them
//! (`kpis`) — in this one place for the CLI, the app and the PDF.

pub mod columns;
pub mod import;
pub mod kpis;
pub mod report;
pub mod responses;

use uuid::Uuid;

use crate::model::Id;

pub use import::{read_survey, Problem, ProblemKind, SurveyPlan, SurveyPreview};
pub use kpis::{
    journey_kpis, ChartAxes, Figure, Importance, JourneyKpis, Period, PeriodKpis, TouchpointKpis,
};

/// `YYYY-MM` with a month 01–12.
pub fn is_month(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes[..4].iter().chain(&bytes[5..]).all(u8::is_ascii_digit)
        && matches!(text[5..].parse::<u8>(), Ok(1..=12))
}

/// The id of a touchpoint's measurement for one month, derived from both so that two copies
/// importing into the same month make the same record, which a merge can then reconcile.
pub fn measurement_id(card: Id, month: &str) -> Id {
    Uuid::new_v5(&card, month.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_four_digit_years_and_months_one_to_twelve() {
        assert!(is_month("2026-01") && is_month("1999-12"));
        for bad in [
            "2026-13",
            "2026-00",
            "2026-1",
            "26-01",
            "2026/01",
            "2026-01-02",
            "２０２６-01",
        ] {
            assert!(!is_month(bad), "{bad}");
        }
    }
}
