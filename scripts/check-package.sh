#!/usr/bin/env bash
# Checks the packages scripts/package.sh left in out/dist/ the way a desktop would meet them,
# without installing anything on this machine: the .deb is extracted into a temporary root and
# the desktop's own tools (shared-mime-info, xdg-utils, desktop-file-utils) are pointed at it.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

fail() {
  echo "check-package: FAILED: $*" >&2
  exit 1
}
pass() { echo "check-package: ok: $*"; }

shopt -s nullglob
debs=(out/dist/*.deb)
rpms=(out/dist/*.rpm)
((${#debs[@]} == 1)) || fail "expected one .deb in out/dist, found ${#debs[@]}: run scripts/package.sh"
((${#rpms[@]} == 1)) || fail "expected one .rpm in out/dist, found ${#rpms[@]}: run scripts/package.sh"
deb=${debs[0]}
rpm=${rpms[0]}

work=$(mktemp -d /tmp/waymark-package.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/root
dpkg-deb -x "$deb" "$root"
pass "extracted $deb"

# What a package installs.
desktop=usr/share/applications/Waymark.desktop
expected=(
  usr/bin/waymark-app usr/bin/waymark
  "$desktop"
  usr/share/mime/packages/waymark.xml
  usr/share/thumbnailers/waymark.thumbnailer
  usr/share/icons/hicolor/scalable/apps/waymark-app.svg
  usr/share/icons/hicolor/scalable/mimetypes/application-x-waymark.svg
  usr/share/doc/waymark/copyright usr/share/doc/waymark/crates.md.gz
  usr/share/doc/waymark/npm.md.gz usr/share/doc/waymark/fonts-OFL.txt
)
for size in 16 22 24 32 48 64 128 256 512; do
  expected+=(
    "usr/share/icons/hicolor/${size}x${size}/apps/waymark-app.png"
    "usr/share/icons/hicolor/${size}x${size}/mimetypes/application-x-waymark.png"
  )
done
for file in "${expected[@]}"; do
  [[ -s $root/$file ]] || fail "the .deb lacks /$file"
done
for bin in waymark waymark-app; do
  [[ -x $root/usr/bin/$bin ]] || fail "/usr/bin/$bin is not executable"
done
rpm_files=$(rpm -qpl "$rpm" 2>/dev/null)
for file in "${expected[@]}"; do
  grep -qx "/$file" <<<"$rpm_files" || fail "the .rpm lacks /$file"
done
pass "both packages hold the binaries, desktop entry, MIME type, thumbnailer, ${#expected[@]} files in all"

grep -qx 'MimeType=application/x-waymark;' "$root/$desktop" || fail "$desktop has no MimeType line for application/x-waymark"
grep -q '^Exec=waymark-app %f$' "$root/$desktop" || fail "$desktop does not pass the opened file to the app"
# The notices are generated from the build: the big dependencies must be named in them.
for crate in tauri rusqlite printpdf wry; do
  zgrep -q "^- \*\*$crate [0-9]" "$root/usr/share/doc/waymark/crates.md.gz" || fail "crates.md.gz does not list $crate"
done
for package in svelte i18next @tauri-apps/api; do
  zgrep -q "^## $package - " "$root/usr/share/doc/waymark/npm.md.gz" || fail "npm.md.gz does not list $package"
done
grep -q 'SIL Open Font License' "$root/usr/share/doc/waymark/fonts-OFL.txt" || fail "fonts-OFL.txt is not the font licence"
pass "licence notices name the crates, npm packages and fonts"

"$root/usr/bin/waymark" --version | grep -qx "waymark $(grep -m1 '"version"' tauri.conf.json | cut -d'"' -f4)" \
  || fail "waymark --version does not print the package's version"
pass "$("$root/usr/bin/waymark" --version)"

desktop-file-validate "$root/$desktop" || fail "desktop-file-validate rejects $desktop"
pass "desktop-file-validate"

# Lintian's errors fail the check; its warnings are printed for people to read.
lintian --no-tag-display-limit "$deb" | tee "$work/lintian.txt" || true
if grep -q '^E: ' "$work/lintian.txt"; then
  fail "lintian found errors (above)"
fi
pass "lintian: no errors ($(grep -c '^W: ' "$work/lintian.txt" || true) warnings)"

# The file type, as xdg-open and file managers decide it, from the extracted root only.
update-mime-database "$root/usr/share/mime"
update-desktop-database "$root/usr/share/applications"
export XDG_DATA_DIRS=$root/usr/share XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CONFIG_DIRS=$work/config-dirs
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CONFIG_DIRS"
demo=$work/demo.waymark
"$root/usr/bin/waymark" import assets/demo/demo.json -o "$demo" >/dev/null
type=$(xdg-mime query filetype "$demo")
[[ $type == application/x-waymark ]] || fail "xdg-mime says $demo is $type, not application/x-waymark"
cp "$demo" "$work/mailed-without-extension"
type=$(xdg-mime query filetype "$work/mailed-without-extension")
[[ $type == application/x-waymark ]] || fail "without its extension the project is $type (the magic did not match)"
sqlite_db=$work/other.waymark.db
printf 'SQLite format 3\0' >"$sqlite_db"
head -c 200 /dev/zero >>"$sqlite_db"
type=$(xdg-mime query filetype "$sqlite_db")
[[ $type != application/x-waymark ]] || fail "any SQLite file is taken for a project"
default=$(xdg-mime query default application/x-waymark)
[[ $default == Waymark.desktop ]] || fail "the default application for application/x-waymark is '$default', not Waymark.desktop"
pass "xdg-mime: demo.waymark is application/x-waymark (by name and by content), opened by $default"

# The thumbnailer, run the way a file manager runs it: its Exec line with %i %o %s filled in.
exec_line=$(sed -n 's/^Exec=//p' "$root/usr/share/thumbnailers/waymark.thumbnailer")
thumbnail=$work/thumbnail.png
command=${exec_line//%i/$demo}
command=${command//%o/$thumbnail}
command=${command//%s/256}
PATH="$root/usr/bin:$PATH" bash -c "$command" >/dev/null
read -r width height colours spread < <(identify -format '%w %h %k %[fx:standard_deviation]\n' "$thumbnail")
((width == 256 || height == 256)) && ((width <= 256 && height <= 256)) || fail "the thumbnail is ${width}×${height}, not 256 on its longer side"
((colours > 50)) || fail "the thumbnail has $colours colours: blank"
awk "BEGIN { exit !($spread > 0.05) }" || fail "the thumbnail is nearly one colour (deviation $spread)"
mkdir -p out
cp "$thumbnail" out/demo-thumbnail.png
pass "thumbnailer wrote a ${width}×${height} picture of the demo with $colours colours (out/demo-thumbnail.png)"

# The installed app opens the demo and shows the map (the same proof as run-demo.sh's screenshot).
# The desktop's own data folders again: GTK needs its schemas and icons from /usr/share.
(cd tests/e2e && env -u XDG_DATA_DIRS -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u XDG_CONFIG_DIRS \
  WAYMARK_APP="$root/usr/bin/waymark-app" node show.mjs "$demo" "$repo/out/package-demo.png")
pass "the packaged waymark-app showed the demo map (out/package-demo.png)"
echo "check-package: all checks passed"
