#!/usr/bin/env bash
# The app's launch, frames and memory on the benchmark map and the stress map, from a release
# build under Xvfb (software painting: the worst case). A benchmark, not a test: it reports, and
# fails only when it could not measure at all, never because the machine is slow.
#
# The last lines it prints are one JSON object per map:
#   {"map":"sample"|"stress","launch_ms":…,"card_drag_p95_ms":…,"point_drag_p95_ms":…,
#    "scroll_p95_ms":…,"mem_mb":…,"cards":…,"launch_runs_ms":[…]}
# tests/e2e/perf.mjs says how each figure is taken; docs/performance.md holds the results.
#
# The release build uses the test stage's settings (no LTO, 16 codegen units) unless
# WAYMARK_PERF_SHIPPED=1: fat LTO with one codegen unit takes tens of minutes on two shared cores
# and changes the Rust side only, while what is measured here is almost all WebKit's work and the
# UI's script, which LTO does not touch. Set WAYMARK_PERF_RUNS for more or fewer launches per map.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}

echo "perf: front end" >&2
(cd ui && npm run build) >&2

echo "perf: release build" >&2
if [[ ${WAYMARK_PERF_SHIPPED:-0} != 1 ]]; then
  export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
fi
# nice: the build takes both cores for minutes; others' work beside it stays usable.
nice -n 10 cargo build --release --locked -p waymark -p waymark-app >&2

echo "perf: measuring (Xvfb, WebDriver)" >&2
cd tests/e2e
WAYMARK_APP="$target/release/waymark-app" WAYMARK_CLI="$target/release/waymark" node perf.mjs
