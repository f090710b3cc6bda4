//! The emotion curve's shape: a monotone cubic (Fritsch–Carlson) through the points, drawn as
//! cubic Béziers. It is the same maths as the screen's `ui/src/lib/doc/curve.ts`, so a printed
//! curve is the one the user drew; `tests/reference/curve-samples.json` holds samples both sides
//! are checked against. Monotone means the curve never swings beyond its neighbouring points, so
//! it never claims a feeling beyond the scale.

use super::scene::{pt, Point, Seg};

/// The curve through the points, left to right, as a move and one cubic per gap.
pub fn smooth(points: &[Point]) -> Vec<Seg> {
    let Some(first) = points.first() else {
        return Vec::new();
    };
    let tangent = tangents(points);
    let mut segs = vec![Seg::Move(*first)];
    for (i, pair) in points.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        // A third of the gap keeps x running evenly with the Bézier's parameter.
        let h = (b.x - a.x) / 3.0;
        segs.push(Seg::Cubic(
            pt(a.x + h, a.y + tangent[i] * h),
            pt(b.x - h, b.y - tangent[i + 1] * h),
            b,
        ));
    }
    segs
}

/// Slopes at the points: zero at a peak or valley, else the weighted harmonic mean of the
/// neighbouring slopes, which keeps each piece between its two points.
fn tangents(points: &[Point]) -> Vec<f32> {
    let n = points.len();
    if n < 2 {
        return vec![0.0; n];
    }
    let dx: Vec<f32> = points.windows(2).map(|p| p[1].x - p[0].x).collect();
    let slope: Vec<f32> = points
        .windows(2)
        .zip(&dx)
        // Two points in one column would divide by zero; the screen treats the gap as 1 too.
        .map(|(p, &d)| (p[1].y - p[0].y) / if d == 0.0 { 1.0 } else { d })
        .collect();
    let mut tangent = vec![0.0; n];
    tangent[0] = slope[0];
    tangent[n - 1] = slope[n - 2];
    for i in 1..n - 1 {
        if slope[i - 1] * slope[i] > 0.0 {
            let w1 = 2.0 * dx[i] + dx[i - 1];
            let w2 = dx[i] + 2.0 * dx[i - 1];
            tangent[i] = (w1 + w2) / (w1 / slope[i - 1] + w2 / slope[i]);
        }
    }
    tangent
}

/// The point at `t` (0 to 1) of the cubic from `from` with controls `a`, `b` to `to`.
pub fn bezier(from: Point, a: Point, b: Point, to: Point, t: f32) -> Point {
    let u = 1.0 - t;
    let mix = |p: f32, q: f32, r: f32, s: f32| {
        u * u * u * p + 3.0 * u * u * t * q + 3.0 * u * t * t * r + t * t * t * s
    };
    pt(mix(from.x, a.x, b.x, to.x), mix(from.y, a.y, b.y, to.y))
}

/// The path as a polyline fine enough to shade under.
pub fn flatten(segs: &[Seg]) -> Vec<Point> {
    let mut out = Vec::new();
    let mut last = Point::default();
    for seg in segs {
        match *seg {
            Seg::Move(p) | Seg::Line(p) => {
                out.push(p);
                last = p;
            }
            Seg::Cubic(a, b, c) => {
                out.extend((1..=12).map(|i| bezier(last, a, b, c, i as f32 / 12.0)));
                last = c;
            }
            Seg::Close => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const FIXTURE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/curve-samples.json"
    );
    /// Parameter steps per piece at which both sides sample the curve.
    const STEPS: usize = 8;

    /// Shapes a journey's curve takes: peaks and valleys, a steady rise over uneven gaps (a column
    /// without a point), a plateau, the band's edges, two points and one.
    fn cases() -> Vec<(&'static str, Vec<Point>)> {
        let points = |p: &[(f32, f32)]| p.iter().map(|&(x, y)| pt(x, y)).collect();
        vec![
            (
                "peaks and valleys",
                points(&[
                    (50.0, 10.0),
                    (150.0, 110.0),
                    (250.0, 20.0),
                    (350.0, 20.0),
                    (450.0, 80.0),
                ]),
            ),
            (
                "a steady rise over uneven gaps",
                points(&[(66.0, 104.0), (198.0, 86.5), (462.0, 31.0), (594.0, 27.25)]),
            ),
            (
                "a plateau, then a fall to the floor",
                points(&[(0.0, 40.0), (100.0, 40.0), (200.0, 40.0), (300.0, 110.0)]),
            ),
            (
                "the band's top and bottom in turn",
                points(&[(10.0, 10.0), (60.0, 110.0), (110.0, 10.0), (160.0, 110.0)]),
            ),
            ("two points", points(&[(0.0, 60.0), (132.0, 12.5)])),
            ("one point", points(&[(66.0, 50.0)])),
        ]
    }

    /// Every piece sampled at t = 0, 1/STEPS, … and the last end point.
    fn samples(points: &[Point]) -> Vec<Point> {
        let mut out = Vec::new();
        let mut last = Point::default();
        for seg in smooth(points) {
            match seg {
                Seg::Move(p) => last = p,
                Seg::Cubic(a, b, c) => {
                    out.extend((0..STEPS).map(|i| bezier(last, a, b, c, i as f32 / STEPS as f32)));
                    last = c;
                }
                Seg::Line(_) | Seg::Close => unreachable!("the curve is cubics only"),
            }
        }
        out.extend(points.last());
        out
    }

    fn pairs(points: &[Point]) -> Value {
        let round = |v: f32| (f64::from(v) * 10_000.0).round() / 10_000.0;
        points
            .iter()
            .map(|p| json!([round(p.x), round(p.y)]))
            .collect()
    }

    fn fixture() -> Value {
        let cases: Vec<Value> = cases()
            .into_iter()
            .map(|(name, points)| {
                json!({ "name": name, "points": pairs(&points), "samples": pairs(&samples(&points)) })
            })
            .collect();
        json!({ "steps": STEPS, "cases": cases })
    }

    /// Pretty JSON but with each list of points on one line, so a change reads as a short diff.
    fn readable(fixture: &Value) -> String {
        let line = |v: &Value| serde_json::to_string(v).unwrap_or_default();
        let cases: Vec<String> = fixture["cases"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|case| {
                format!(
                    "    {{\n      \"name\": {},\n      \"points\": {},\n      \"samples\": {}\n    }}",
                    line(&case["name"]),
                    line(&case["points"]),
                    line(&case["samples"])
                )
            })
            .collect();
        format!(
            "{{\n  \"steps\": {},\n  \"cases\": [\n{}\n  ]\n}}\n",
            fixture["steps"],
            cases.join(",\n")
        )
    }

    /// Numbers within a ten-thousandth, everything else equal.
    fn close(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                (x.as_f64().unwrap_or(f64::NAN) - y.as_f64().unwrap_or(f64::NAN)).abs() <= 1e-4
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| close(x, y))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w)))
            }
            _ => a == b,
        }
    }

    /// The screen's Vitest test samples curve.ts against the same file, so print and screen
    /// agree through it. Regenerate with `WAYMARK_BLESS=1 cargo test -p waymark curve` after a
    /// deliberate change of the maths, in both places.
    #[test]
    fn samples_match_the_reference_the_screen_is_tested_against() {
        let ours = fixture();
        if std::env::var_os("WAYMARK_BLESS").is_some_and(|v| v == "1") {
            std::fs::write(FIXTURE, readable(&ours)).expect("bless the curve samples");
        }
        let text = std::fs::read_to_string(FIXTURE).expect("read the curve samples");
        let reference: Value = serde_json::from_str(&text).expect("parse the curve samples");
        assert!(
            close(&ours, &reference),
            "the curve drifted from {FIXTURE}: {}\nRegenerate it with `WAYMARK_BLESS=1 cargo test \
             -p waymark curve` only after changing curve.ts the same way.",
            serde_json::to_string(&ours).unwrap_or_default()
        );
    }

    #[test]
    fn each_piece_stays_between_its_two_points() {
        for (name, points) in cases() {
            let flat = flatten(&smooth(&points));
            for pair in points.windows(2) {
                let (lo, hi) = (pair[0].y.min(pair[1].y), pair[0].y.max(pair[1].y));
                let inside = flat.iter().filter(|p| p.x >= pair[0].x && p.x <= pair[1].x);
                for p in inside {
                    assert!(
                        p.y >= lo - 1e-3 && p.y <= hi + 1e-3,
                        "{name}: {p:?} leaves {lo}..{hi}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_curve_passes_through_every_point() {
        for (name, points) in cases() {
            let ends: Vec<Point> = smooth(&points)
                .iter()
                .map(|s| match *s {
                    Seg::Move(p) | Seg::Line(p) | Seg::Cubic(_, _, p) => p,
                    Seg::Close => unreachable!(),
                })
                .collect();
            assert_eq!(ends, points, "{name}");
        }
        assert!(smooth(&[]).is_empty());
    }
}
