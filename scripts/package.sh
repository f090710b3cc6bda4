#!/usr/bin/env bash
# Builds Waymark's Linux packages into out/dist/: a .deb and an .rpm that install the desktop app
# (waymark-app, with its menu entry and icons), the `waymark` command, the .waymark file type with
# its document icon and thumbnailer, and the licence notices of everything bundled.
#
# The Tauri CLI (packaging/node_modules) runs from src-tauri, where tauri.conf.json is a link to
# the root one and tauri.linux.conf.json points its paths back from there (see docs/packaging.md).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
target=${CARGO_TARGET_DIR:-$repo/target}
stage=$repo/out/package
started=$SECONDS

bash scripts/setup.sh

echo "package: front end"
(cd ui && npm run build)

# One cargo run for both binaries, so shared crates compile once with one feature set. nice: a
# release build takes both cores for minutes; an editor or a test run beside it stays usable.
echo "package: release build"
nice -n 19 cargo build --release --locked -p waymark -p waymark-app

rm -rf "$stage"
mkdir -p "$stage/icons" "$stage/doc"

echo "package: icons from assets/icons/*.svg"
app_icons=()
files=()
for size in 16 22 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" assets/icons/waymark.svg -o "$stage/icons/app-$size.png"
  rsvg-convert -w "$size" -h "$size" assets/icons/waymark-document.svg -o "$stage/icons/document-$size.png"
  app_icons+=("$stage/icons/app-$size.png")
  files+=("/usr/share/icons/hicolor/${size}x${size}/mimetypes/application-x-waymark.png=$stage/icons/document-$size.png")
done
files+=(
  "/usr/share/icons/hicolor/scalable/apps/waymark-app.svg=$repo/assets/icons/waymark.svg"
  "/usr/share/icons/hicolor/scalable/mimetypes/application-x-waymark.svg=$repo/assets/icons/waymark-document.svg"
)

echo "package: licence notices"
node scripts/licences.mjs "$stage/doc"
gzip -9n "$stage/doc/crates.md" "$stage/doc/npm.md"
{
  echo "Waymark: customer journey maps in one offline project file."
  echo
  echo "The programs usr/bin/waymark and usr/bin/waymark-app contain third-party Rust crates and npm"
  echo "packages under their own licences, listed with their licence texts in crates.md.gz and"
  echo "npm.md.gz beside this file (generated from the build's dependency graph), and the Noto Sans"
  echo "fonts under the SIL Open Font License 1.1 (fonts-OFL.txt beside this file)."
  echo
  echo "Waymark itself:"
  echo
  cat LICENSE
} >"$stage/doc/copyright"
for doc in copyright crates.md.gz npm.md.gz fonts-OFL.txt; do
  files+=("/usr/share/doc/waymark/$doc=$stage/doc/$doc")
done

files+=(
  "/usr/bin/waymark=$target/release/waymark"
  "/usr/share/mime/packages/waymark.xml=$repo/packaging/linux/waymark-mime.xml"
  "/usr/share/thumbnailers/waymark.thumbnailer=$repo/packaging/linux/waymark.thumbnailer"
  "/usr/share/lintian/overrides/waymark=$repo/packaging/linux/lintian-overrides"
)

# What only this build knows (absolute paths into out/ and the target folder), merged over the
# checked-in configuration.
node - "$stage/bundle.json" "${app_icons[@]/#/icon=}" "${files[@]}" <<'EOF'
const [out, ...args] = process.argv.slice(2);
const icon = args.filter((a) => a.startsWith('icon=')).map((a) => a.slice('icon='.length));
const files = Object.fromEntries(args.filter((a) => !a.startsWith('icon=')).map((a) => a.split('=')));
const config = { bundle: { icon, linux: { deb: { files }, rpm: { files }, appimage: { files } } } };
require('node:fs').writeFileSync(out, JSON.stringify(config, null, 2));
EOF

echo "package: bundling .deb and .rpm"
(cd src-tauri && "$repo/packaging/node_modules/.bin/tauri" bundle --bundles deb,rpm --config "$stage/bundle.json" --ci)

mkdir -p out/dist
rm -f out/dist/*.deb out/dist/*.rpm
# Tauri's .deb bundler compresses with gzip; xz makes the package about 30 % smaller (the .rpm
# gets xz from tauri.linux.conf.json). dpkg-deb rebuilds it from its own extraction, unchanged.
echo "package: .deb recompressed with xz"
rm -rf "$stage/deb"
for deb in "$target"/release/bundle/deb/*.deb; do
  dpkg-deb --raw-extract "$deb" "$stage/deb"
  dpkg-deb --root-owner-group -Zxz -z6 --build "$stage/deb" "out/dist/${deb##*/}" >/dev/null
  rm -rf "$stage/deb"
done
cp "$target"/release/bundle/rpm/*.rpm out/dist/
ls -l out/dist
printf 'package: done in %d s\n' $((SECONDS - started))
