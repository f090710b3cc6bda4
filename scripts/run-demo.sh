#!/usr/bin/env bash
# Sets everything up, builds Waymark, makes the demo project and opens it. With no display, the
# app runs under Xvfb and a screenshot of the demo map is saved instead.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
(cd ui && npm run build)
cargo build -p waymark -p waymark-app
bin=${CARGO_TARGET_DIR:-$PWD/target}/debug

mkdir -p out
rm -f out/demo.waymark
"$bin/waymark" import assets/demo/demo.json -o out/demo.waymark
echo "demo project: $PWD/out/demo.waymark"

if [[ -n ${DISPLAY:-} ]]; then
  exec "$bin/waymark-app" out/demo.waymark
fi

echo "no display: running Waymark under Xvfb to take a screenshot"
(cd tests/e2e && WAYMARK_APP="$bin/waymark-app" node show.mjs ../../out/demo.waymark ../../out/demo.png)
echo "screenshot of the demo map: $PWD/out/demo.png"
