//! The "Touchpoint KPIs" page: the importance × performance chart and the table of every figure,
//! as the app's KPI view shows them (the figures from `crate::measure`, the quadrants divided at
//! the journey's averages), in the project's language.

use super::scene::*;
use super::text::{fonts, Face};
use super::words::{words, KpiWords};
use crate::measure::{journey_kpis, Figure, JourneyKpis, Period, TouchpointKpis};
use crate::model::*;

const FIX_FIRST: Rgb = Rgb(0xb4, 0x23, 0x18);
const KEEP_UP: Rgb = Rgb(0x1d, 0x6b, 0x34);
const POINT: Rgb = Rgb(0x2f, 0x6f, 0xb0);
const FRAME: Rgb = Rgb(0xc5, 0xcc, 0xd6);

/// A number as the language writes it, with `decimals` places.
fn number(value: f64, decimals: usize, w: &KpiWords) -> String {
    let text = format!("{value:.decimals$}").replace('-', "–");
    let text = if text
        .trim_start_matches('–')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        text.trim_start_matches('–').to_string()
    } else {
        text
    };
    text.replace('.', &w.decimal.to_string())
}

fn title_line(scene: &mut Scene, width: f32, text: &str) -> f32 {
    let size = 16.0;
    let lines = fonts().wrap(Face::Bold, text, size, width);
    for (i, line) in lines.iter().enumerate() {
        scene.text(
            0.0,
            size + i as f32 * size * 1.3,
            size,
            Face::Bold,
            Rgb::BLACK,
            line,
        );
    }
    lines.len() as f32 * size * 1.3
}

/// Where a value sits between the ends of an axis, 0 … 1.
fn along(value: f64, low: f64, high: f64) -> f32 {
    if high <= low {
        return 0.5;
    }
    ((value - low) / (high - low)).clamp(0.0, 1.0) as f32
}

/// Ticks at 0.5 or 0.2 (or 0.1 on a short axis) between the ends.
fn ticks(low: f64, high: f64) -> Vec<f64> {
    let span = high - low;
    let step = if span > 2.0 {
        0.5
    } else if span > 0.8 {
        0.2
    } else {
        0.1
    };
    let first = (low / step - 1e-9).ceil() as i64;
    let last = (high / step + 1e-9).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// A point is named by its measuring key, else by its driver rank, which the table lists: a
/// touchpoint's text would cover its neighbours.
fn label_of(tp: &TouchpointKpis) -> String {
    match (&tp.key, &tp.importance) {
        (Some(key), _) => key.clone(),
        (None, Some(importance)) => format!("#{}", importance.rank),
        (None, None) => String::new(),
    }
}

/// The chart at `top`, `width` wide; returns its height.
fn chart(scene: &mut Scene, kpis: &JourneyKpis, top: f32, width: f32, w: &KpiWords) -> f32 {
    let (left, right, above, below) = (34.0, 6.0, 16.0, 30.0);
    let plot_w = width - left - right;
    let plot_h = (width * 0.5).min(300.0);
    let (x0, y0) = (left, top + above);
    let (low_rho, high_rho) = kpis.chart.importance;
    let (low_s, high_s) = kpis.chart.satisfaction;
    let x_of = |rho: f64| x0 + along(rho, low_rho, high_rho) * plot_w;
    let y_of = |s: f64| y0 + (1.0 - along(s, low_s, high_s)) * plot_h;
    let par_x = kpis.par_importance.map_or(x0 + plot_w / 2.0, x_of);
    let par_y = kpis.par_satisfaction.map_or(y0 + plot_h / 2.0, y_of);
    let (x1, y1) = (x0 + plot_w, y0 + plot_h);
    // Importance grows to the right and satisfaction upwards: fix first sits bottom right.
    let quadrants = [
        (par_x, par_y, x1, y1, Rgb(0xfc, 0xeb, 0xea)),
        (par_x, y0, x1, par_y, Rgb(0xe8, 0xf5, 0xeb)),
        (x0, y0, par_x, par_y, Rgb(0xee, 0xf3, 0xfb)),
        (x0, par_y, par_x, y1, Rgb(0xf4, 0xf5, 0xf7)),
    ];
    for (ax, ay, bx, by, fill) in quadrants {
        scene.rect(Rect::new(ax, ay, bx - ax, by - ay), Some(fill), None);
    }
    let size = 8.0;
    let right_aligned = |text: &str| x1 - 4.0 - fonts().width(Face::Bold, text, size);
    let q = &w.quadrants;
    scene.text(
        right_aligned(q[0]),
        y1 - 5.0,
        size,
        Face::Bold,
        FIX_FIRST,
        q[0],
    );
    scene.text(
        right_aligned(q[1]),
        y0 + 11.0,
        size,
        Face::Bold,
        KEEP_UP,
        q[1],
    );
    scene.text(x0 + 4.0, y0 + 11.0, size, Face::Bold, Rgb::GREY, q[2]);
    scene.text(x0 + 4.0, y1 - 5.0, size, Face::Bold, Rgb::GREY, q[3]);
    let dashed = Some(Stroke {
        colour: Rgb::GREY,
        width: 0.6,
        dash: Some((3.0, 2.0)),
    });
    scene.line(pt(par_x, y0), pt(par_x, y1), dashed);
    scene.line(pt(x0, par_y), pt(x1, par_y), dashed);
    scene.rect(Rect::new(x0, y0, plot_w, plot_h), None, stroke(FRAME, 0.8));
    for tick in ticks(low_s, high_s) {
        let text = number(tick, 1, w);
        let tw = fonts().width(Face::Regular, &text, 7.0);
        scene.text(
            x0 - 5.0 - tw,
            y_of(tick) + 2.5,
            7.0,
            Face::Regular,
            Rgb::GREY,
            &text,
        );
    }
    for tick in ticks(low_rho, high_rho) {
        let text = number(tick, 1, w);
        let tw = fonts().width(Face::Regular, &text, 7.0);
        scene.text(
            x_of(tick) - tw / 2.0,
            y1 + 10.0,
            7.0,
            Face::Regular,
            Rgb::GREY,
            &text,
        );
    }
    let axis = w.axis_importance;
    let aw = fonts().width(Face::Regular, axis, 8.0);
    scene.text(
        x0 + (plot_w - aw) / 2.0,
        y1 + 24.0,
        8.0,
        Face::Regular,
        Rgb::BLACK,
        axis,
    );
    scene.text(
        0.0,
        top + 9.0,
        8.0,
        Face::Regular,
        Rgb::BLACK,
        w.axis_performance,
    );
    for tp in &kpis.touchpoints {
        let (Some(importance), Some(satisfaction)) = (&tp.importance, &tp.satisfaction) else {
            continue;
        };
        let (x, y) = (x_of(importance.value), y_of(satisfaction.value));
        let important = kpis.par_importance.is_some_and(|p| importance.value >= p);
        let below = kpis
            .par_satisfaction
            .is_some_and(|p| satisfaction.value < p);
        let colour = if important && below { FIX_FIRST } else { POINT };
        if importance.few || satisfaction.few {
            scene.path(circle(x, y, 3.6), Some(Rgb::WHITE), stroke(colour, 1.4));
        } else {
            scene.path(circle(x, y, 3.8), Some(colour), stroke(Rgb::WHITE, 0.8));
        }
        let label = label_of(tp);
        let lw = fonts().width(Face::Regular, &label, 7.0);
        let lx = if x + 6.0 + lw > x1 {
            x - 6.0 - lw
        } else {
            x + 6.0
        };
        scene.text(lx, y + 2.5, 7.0, Face::Regular, Rgb::BLACK, &label);
    }
    above + plot_h + below
}

/// The cells of one row: figure values with `*` under 30 answers.
fn cells(tp: &TouchpointKpis, w: &KpiWords) -> [String; 9] {
    let figure = |f: &Option<Figure>, decimals: usize| match f {
        None => "–".to_string(),
        Some(f) => format!(
            "{}{}",
            number(f.value, decimals, w),
            if f.few { "*" } else { "" }
        ),
    };
    let importance = match &tp.importance {
        None => "–".to_string(),
        Some(i) => format!(
            "{}{} #{}",
            number(i.value, 2, w),
            if i.few { "*" } else { "" },
            i.rank
        ),
    };
    [
        tp.key.clone().unwrap_or_default(),
        tp.n.to_string(),
        figure(&tp.expectation, 2),
        figure(&tp.satisfaction, 2),
        figure(&tp.gap, 2),
        figure(&tp.csat, 0),
        figure(&tp.effort, 2),
        figure(&tp.nps, 0),
        importance,
    ]
}

/// The page for `journey`, `width` points wide; none when no touchpoint of it is measured.
pub fn touchpoint_kpis(project: &Project, journey: &Journey, width: f32) -> Option<Scene> {
    let kpis = journey_kpis(project, journey.id, Period::Month);
    if kpis.touchpoints.is_empty() {
        return None;
    }
    let w = &words(&project.info.locale).kpis;
    let mut scene = Scene {
        width,
        ..Scene::default()
    };
    let mut y = title_line(
        &mut scene,
        width,
        &format!("{} — {}", w.title, journey.name),
    ) + 8.0;
    y += chart(&mut scene, &kpis, y, width, w) + 4.0;
    scene.text(0.0, y + 8.0, 7.5, Face::Regular, Rgb::GREY, w.par);
    y += 22.0;
    scene.breaks.push(y);

    // Every column but the first is as wide as its head or its widest value; the touchpoint's
    // text takes what is left and wraps.
    let rows: Vec<[String; 9]> = kpis.touchpoints.iter().map(|t| cells(t, w)).collect();
    let (head_size, size) = (7.5, 8.0);
    let mut widths = [0.0f32; 10];
    for (i, head) in w.head.iter().enumerate().skip(1) {
        let widest = rows
            .iter()
            .map(|r| fonts().width(Face::Regular, &r[i - 1], size))
            .fold(0.0, f32::max);
        widths[i] = fonts().width(Face::Bold, head, head_size).max(widest) + 8.0;
    }
    widths[0] = (width - widths.iter().sum::<f32>()).max(60.0);
    let xs = super::sheets::column_starts(&widths);
    let header_top = y;
    scene.rect(
        Rect::new(0.0, y, width, 16.0),
        Some(Rgb(0xf3, 0xf4, 0xf6)),
        None,
    );
    for (i, head) in w.head.iter().enumerate() {
        let x = if i < 2 {
            xs[i] + 3.0
        } else {
            xs[i] + widths[i] - 4.0 - fonts().width(Face::Bold, head, head_size)
        };
        scene.text(x, y + 11.0, head_size, Face::Bold, Rgb::GREY, head);
    }
    y += 16.0;
    scene.header = Some((header_top, y));
    scene.breaks.push(y);
    for (tp, row) in kpis.touchpoints.iter().zip(&rows) {
        let lines = fonts().wrap(Face::Regular, &tp.touchpoint, size, widths[0] - 6.0);
        for (i, line) in lines.iter().enumerate() {
            scene.text(
                3.0,
                y + 11.0 + i as f32 * size * 1.3,
                size,
                Face::Regular,
                Rgb::BLACK,
                line,
            );
        }
        for (i, value) in row.iter().enumerate() {
            let column = i + 1;
            let x = if column == 1 {
                xs[column] + 3.0
            } else {
                xs[column] + widths[column] - 4.0 - fonts().width(Face::Regular, value, size)
            };
            scene.text(x, y + 11.0, size, Face::Regular, Rgb::BLACK, value);
        }
        y += (lines.len().max(1) as f32) * size * 1.3 + 6.0;
        scene.line(pt(0.0, y), pt(width, y), stroke(Rgb::LIGHT, 0.6));
        scene.breaks.push(y);
    }
    scene.text(0.0, y + 10.0, 7.5, Face::Regular, Rgb::GREY, w.few);
    scene.height = y + 16.0;
    Some(scene)
}
