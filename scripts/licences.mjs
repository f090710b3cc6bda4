// Writes the licence notices Waymark's packages carry into the folder given as the argument:
//   crates.md     every third-party crate compiled into `waymark` and `waymark-app` for this
//                 platform (from `cargo metadata`), with its licence and the licence files the
//                 crate ships, each distinct text once;
//   npm.md        the npm packages bundled into the UI (Vite's own list, ui/dist/.vite/license.md);
//   fonts-OFL.txt the Noto Sans licence (the fonts the PDF export and the UI embed).
// Nothing here is typed by hand: a dependency added to Cargo.toml or the UI appears on the next run.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/licences.mjs OUT_DIR');
  process.exit(1);
}
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
fs.mkdirSync(out, { recursive: true });

const host = execFileSync('rustc', ['-vV'], { encoding: 'utf8' }).match(/^host: (.+)$/m)[1];
const metadata = JSON.parse(
  execFileSync('cargo', ['metadata', '--format-version', '1', '--locked', '--filter-platform', host], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }),
);
const packages = new Map(metadata.packages.map((p) => [p.id, p]));
const nodes = new Map(metadata.resolve.nodes.map((n) => [n.id, n]));
const members = new Set(metadata.workspace_members);

// What ends up in the binaries: the members' normal dependencies, transitively (build scripts
// and dev-dependencies stay on the build machine).
const shipped = new Set();
const queue = [...members];
while (queue.length > 0) {
  const id = queue.pop();
  for (const dep of nodes.get(id)?.deps ?? []) {
    const normal = dep.dep_kinds.some((kind) => kind.kind === null);
    if (normal && !shipped.has(dep.pkg) && !members.has(dep.pkg)) {
      shipped.add(dep.pkg);
      queue.push(dep.pkg);
    }
  }
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice|copyright|unlicense)([-._].*)?$/i;
const texts = new Map(); // hash -> { text, crates }
const crates = [...shipped]
  .map((id) => packages.get(id))
  .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
const rows = [];
for (const crate of crates) {
  const dir = path.dirname(crate.manifest_path);
  const files = fs
    .readdirSync(dir)
    .filter((name) => LICENCE_FILE.test(name) && fs.statSync(path.join(dir, name)).isFile())
    .sort();
  if (crate.license_file && !files.includes(path.basename(crate.license_file))) files.push(crate.license_file);
  const refs = [];
  for (const name of files) {
    const text = fs.readFileSync(path.resolve(dir, name), 'utf8').trim();
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
    if (!texts.has(hash)) texts.set(hash, { text, used: [] });
    texts.get(hash).used.push(`${crate.name} ${crate.version} (${name})`);
    refs.push(`[${name}](#text-${hash})`);
  }
  const licence = crate.license ?? 'see its licence file';
  const where = crate.repository ? ` — ${crate.repository}` : '';
  rows.push(`- **${crate.name} ${crate.version}**: ${licence}${where}${refs.length ? `; ${refs.join(', ')}` : '; the crate ships no licence file'}`);
}

const lines = [
  '# Crates in Waymark',
  '',
  `The ${crates.length} third-party Rust crates compiled into \`waymark\` and \`waymark-app\` for ${host},`,
  'with their licences as their authors declare them, followed by each distinct licence text they ship.',
  '',
  ...rows,
  '',
  '## Licence texts',
  '',
];
for (const [hash, { text, used }] of texts) {
  lines.push(`### text-${hash}`, '', `Shipped by: ${used.join(', ')}`, '', '```', text, '```', '');
}
fs.writeFileSync(path.join(out, 'crates.md'), lines.join('\n'));

const npm = path.join(repo, 'ui/dist/.vite/license.md');
if (!fs.existsSync(npm)) {
  console.error(`${npm} is missing: build the UI first (cd ui && npm run build)`);
  process.exit(1);
}
fs.copyFileSync(npm, path.join(out, 'npm.md'));
fs.copyFileSync(path.join(repo, 'assets/fonts/OFL.txt'), path.join(out, 'fonts-OFL.txt'));
console.log(`licences: ${crates.length} crates, ${texts.size} distinct licence texts -> ${out}`);
