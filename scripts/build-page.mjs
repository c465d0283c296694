// scripts/build-page.mjs RAW_WASM DIST: the page app's Rust step, in place of
// Trunk's (which cannot split a wasm: trunk-rs/trunk#1022), run by
// scripts/build after Trunk and before scripts/postbuild.mjs.
//
// RAW_WASM is the linked page (`cargo rustc ... -C link-arg=--emit-relocs`:
// wasm-split needs the relocations). Its `wasm_split` functions
// (src/ui/pages.rs, src/ui/link.rs) are cut out into parts:
//  1. wasm-split-cli: the first part (what the app needs to start), a part
//     per split name (`split_<name>.wasm`) and the chunks two or more of
//     them share (`chunk_<n>.wasm`), and `__wasm_split.js`, which fetches a
//     part with its chunks the first time one of its functions is called;
//  2. wasm-bindgen on the first part (`--keep-lld-exports`: the parts import
//     the first part's functions, table and memory by their linker names);
//  3. wasm-opt -Oz on every part, as Trunk did on the whole;
//  3b. between the first part and its glue (scripts/wasm-names.mjs): its
//     JS imports named shortly in both, no exports for the classes of
//     wasm-streams that no JS can reach;
//  4. both JS modules minified with terser (-2.4 KB gzip on the glue:
//     wasm-bindgen writes it for reading, 67 KB);
//  5. names with one digest of all the files (the JS glue and
//     `__wasm_split.js` import each other by name, so they cannot each carry
//     a digest of their own), and in `__wasm_split.js` every part fetched
//     with its sha384 digest (subresource integrity, as the first part and
//     the JS have in the loader).
// It writes DIST/.page-app.json for scripts/postbuild.mjs: the files'
// addresses (PUBLIC_URL, as Trunk's were) and the digests of the two JS
// modules.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minify } from 'terser';
import { dropClasses, dropExports, renameGlueImports, renameGlueModule, shortenImports } from './wasm-names.mjs';

const [raw, dist, given = './'] = process.argv.slice(2);
if (!raw || !dist) throw new Error('usage: build-page.mjs RAW_WASM DIST [PUBLIC_URL]');
// As Trunk does: `/rinnovo` is the folder `/rinnovo/`.
const publicUrl = given.endsWith('/') ? given : `${given}/`;
// The same wasm features Trunk's wasm-opt was given (index.html, before).
const FEATURES = [
  '--enable-bulk-memory',
  '--enable-bulk-memory-opt',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];
const NAME = 'rinnovo';
const SPLIT_JS = '__wasm_split.js';
// wasm-opt warns of each part's "unknown name subsection" (wasm-split-cli
// writes one binaryen does not know; --strip-debug drops it): that line is
// left out, any other is shown.
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  const err = (r.stderr ?? '').split('\n').filter((l) => l && !/^warning: unknown name subsection/.test(l));
  if (err.length) console.error(err.join('\n'));
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`build-page: ${cmd} failed (${r.status})`);
};

const work = mkdtempSync(join(tmpdir(), 'rinnovo-page-'));
try {
  const split = join(work, 'split');
  const bound = join(work, 'bound');
  run('wasm-split-cli', ['--target', 'web', '--out-name', NAME, raw, split]);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', bound, '--out-name', NAME, join(split, `${NAME}.wasm`)]);
  // Between the first part and its glue (scripts/wasm-names.mjs): no
  // exports for wasm-streams' classes, which no JS can reach, and short
  // names for its JS imports (the parts import none of them).
  const boundWasm = join(bound, `${NAME}_bg.wasm`);
  const streams = dropClasses(readFileSync(join(bound, `${NAME}.js`), 'utf8'), [
    'IntoUnderlyingByteSource',
    'IntoUnderlyingSink',
    'IntoUnderlyingSource',
  ]);
  const short = shortenImports(dropExports(readFileSync(boundWasm), streams.exports), `./${NAME}_bg.js`, 'g');
  if (short.names.size === 0) throw new Error('build-page: the first part imports nothing from its glue');
  writeFileSync(boundWasm, short.bytes);

  // Every wasm, optimised: the first part (bound), then the others by name.
  const wasmOpt = join('node_modules', '.bin', 'wasm-opt');
  const opt = (from) => {
    const to = join(work, `opt-${from.split('/').pop()}`);
    run(wasmOpt, ['-Oz', '--strip-debug', '--strip-producers', '--strip-target-features', ...FEATURES, from, '-o', to]);
    return readFileSync(to);
  };
  const parts = readdirSync(split)
    .filter((f) => f.endsWith('.wasm') && f !== `${NAME}.wasm`)
    .sort()
    .map((f) => ({ name: f, bytes: opt(join(split, f)) }));
  // The parts import only what `__wasm_split.js` gives them (the first
  // part's memory, table and globals): none of the glue's functions, whose
  // names were shortened in the first part only.
  for (const part of parts) {
    const foreign = WebAssembly.Module.imports(new WebAssembly.Module(part.bytes)).filter((i) => i.module !== '__wasm_split');
    if (foreign.length) throw new Error(`build-page: ${part.name} imports ${foreign.map((i) => `${i.module}.${i.name}`).join(', ')}`);
  }
  const first = opt(boundWasm);
  let glue = renameGlueModule(renameGlueImports(streams.glue, short.names), `./${NAME}_bg.js`, 'g');
  let loader = readFileSync(join(split, SPLIT_JS), 'utf8');

  const digest = createHash('sha256');
  for (const b of [glue, loader, first, ...parts.map((p) => p.bytes)]) digest.update(b);
  const tag = digest.digest('hex').slice(0, 16);
  const base = `${NAME}-${tag}`;
  const files = { glue: `${base}.js`, split: `${base}-split.js`, wasm: `${base}_bg.wasm` };
  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

  // The glue imports `__wasm_split.js` by its file name (the wasm's import
  // module names stay as they are: they are keys, not addresses).
  const importFrom = `from "./${SPLIT_JS}"`;
  if (!glue.includes(importFrom)) throw new Error(`build-page: the JS glue does not import ${SPLIT_JS}`);
  glue = glue.split(importFrom).join(`from "./${files.split}"`);
  // `__wasm_split.js` imports the glue, and fetches the parts.
  const glueFrom = `from "./${NAME}.js"`;
  if (!loader.includes(glueFrom)) throw new Error(`build-page: ${SPLIT_JS} does not import ${NAME}.js`);
  loader = loader.split(glueFrom).join(`from "./${files.glue}"`);
  for (const part of parts) {
    const fetched = `fetch(new URL("./${part.name}", import.meta.url))`;
    if (!loader.includes(fetched)) throw new Error(`build-page: ${SPLIT_JS} does not fetch ${part.name} as expected`);
    part.file = `${base}-${part.name}`;
    loader = loader
      .split(fetched)
      .join(`fetch(new URL("./${part.file}", import.meta.url), { integrity: "${sri(part.bytes)}" })`);
    writeFileSync(join(dist, part.file), part.bytes);
  }
  if (/fetch\(new URL\("\.\/(?!rinnovo-)/.test(loader)) throw new Error(`build-page: ${SPLIT_JS} fetches a file not renamed`);
  // Minified once their names are in place: the modules keep their exports
  // and imports (`module`), and their strings as written.
  const small = async (code, name) => {
    const out = await minify(code, { module: true, ecma: 2020, compress: true, mangle: true, format: { comments: false } });
    if (typeof out.code !== 'string') throw new Error(`build-page: terser gave nothing for ${name}`);
    return out.code;
  };
  glue = await small(glue, files.glue);
  loader = await small(loader, files.split);
  writeFileSync(join(dist, files.glue), glue);
  writeFileSync(join(dist, files.split), loader);
  writeFileSync(join(dist, files.wasm), first);

  const href = (f) => `${publicUrl}${f}`;
  const manifest = {
    glue: { href: href(files.glue), integrity: sri(glue) },
    split: { href: href(files.split), integrity: sri(loader) },
    wasm: { href: href(files.wasm) },
    parts: parts.map((p) => p.file),
  };
  writeFileSync(join(dist, '.page-app.json'), JSON.stringify(manifest, null, 2));
  console.log(`build-page: the first part and ${parts.length} parts fetched when used, as ${base}*`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
