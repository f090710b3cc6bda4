#!/usr/bin/env bash
# Every test Waymark has, in the order a failure is cheapest to find: Rust, front end, then the
# real app driven end to end. Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-$PWD/target}
started=$SECONDS
stage() { printf '\n=== %s (at %d s)\n' "$*" $((SECONDS - started)); }

stage "setup"
bash scripts/setup.sh

stage "front end: build (the shell embeds ui/dist)"
(cd ui && npm run build)

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "cargo build --workspace (debug)"
cargo build --workspace

stage "cargo test --workspace --all-targets"
cargo test --workspace --all-targets

stage "front end: type check and unit tests"
(cd ui && npm run check && npm test)

stage "end to end: the real app under Xvfb"
(cd tests/e2e && WAYMARK_APP="$target/debug/waymark-app" WAYMARK_CLI="$target/debug/waymark" npm test)

stage "packages: release build, .deb and .rpm into out/dist"
# The test proves what the packages hold and do; fat LTO with one codegen unit (what a release
# ships, see docs/packaging.md) adds many minutes of single-core linking on a 2-core machine, so the
# test builds the same packages with parallel codegen and no LTO.
CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 bash scripts/package.sh

stage "packages: the extracted .deb as a desktop meets it"
bash scripts/check-package.sh

printf '\nAll tests passed in %d s.\n' $((SECONDS - started))
