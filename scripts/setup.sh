#!/usr/bin/env bash
# Installs everything Waymark needs to build, run and test on Debian 12, as root. Idempotent:
# Debian packages only when missing, npm packages from the lock files, tauri-driver only once.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

packages=(
  # Build the Tauri shell.
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev build-essential pkg-config libssl-dev
  # Run and drive it without a display.
  xvfb webkit2gtk-driver xauth x11-utils
  # A private session bus for the one-window-per-file test.
  dbus-daemon
  # Look at exports and screenshots; fonts for the PDF and page checks.
  poppler-utils qpdf imagemagick chromium fonts-noto-core
  # Installed fonts the export falls back to for what Noto Sans lacks (tests/fonts.rs): Chinese
  # and Japanese (1.8 MB, TrueType outlines), and emoji as monochrome outlines (1.3 MB). A colour
  # emoji font is bitmaps, which neither vector PDF text nor the PNG's glyph paths can use.
  fonts-droid-fallback fonts-symbola
  # Packages: icons from SVG (scripts/package.sh); reading and checking the .deb and .rpm as a
  # desktop would see them (scripts/check-package.sh).
  librsvg2-bin rpm lintian desktop-file-utils shared-mime-info xdg-utils libfile-mimeinfo-perl
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
else
  echo "setup: Debian packages present"
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "setup: $tool is missing; install the Rust toolchain and Node.js 20+ first" >&2; exit 1; }
done

# npm ci only when the lock file changed since the last install, so a second run costs nothing.
npm_ci() {
  local dir=$1
  if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    echo "setup: $dir/node_modules up to date"
  fi
}
npm_ci ui
npm_ci tests/e2e
npm_ci packaging

if [[ ! -x .tools/bin/tauri-driver ]]; then
  echo "setup: installing tauri-driver into .tools"
  cargo install tauri-driver --locked --version '^2' --root "$repo/.tools"
else
  echo "setup: tauri-driver present"
fi
