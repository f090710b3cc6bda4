//! `waymark sample`: the generated maps the app and the export are measured on.

mod common;

use common::*;

fn succeeded(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn cards_and_steps(file: &std::path::Path) -> (u64, usize) {
    let out = waymark(&["info", "--json", path_str(file)]);
    succeeded(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let journey = &json["journeys"][0];
    let steps = journey["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["steps"].as_array().unwrap().len())
        .sum();
    (journey["cards"].as_u64().unwrap(), steps)
}

#[test]
fn the_stress_map_is_a_valid_file_of_two_thousand_cards() {
    let dir = temp();
    let file = file_in(&dir, "stress.waymark");
    succeeded(&waymark(&[
        "sample",
        "--size",
        "stress",
        "-o",
        path_str(&file),
    ]));
    assert_eq!(cards_and_steps(&file), (2000, 100));
    succeeded(&waymark(&["validate", path_str(&file)]));
}

#[test]
fn without_a_size_the_sample_is_the_benchmark_map() {
    let dir = temp();
    let file = file_in(&dir, "benchmark.waymark");
    succeeded(&waymark(&["sample", "-o", path_str(&file)]));
    assert_eq!(cards_and_steps(&file), (400, 40));
}

#[test]
fn an_unknown_size_is_refused_and_writes_nothing() {
    let dir = temp();
    let file = file_in(&dir, "huge.waymark");
    let out = waymark(&["sample", "--size", "huge", "-o", path_str(&file)]);
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("huge") && message.contains("--size"),
        "{message}"
    );
    assert!(!file.exists());
    assert_eq!(message.trim().lines().count(), 1, "one line: {message}");
}
