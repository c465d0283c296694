// The names between the page's first wasm part and its JS glue
// (scripts/build-page.mjs): short names for its JS imports, and no exports
// for classes no JS can reach.
//
// 1. Short import names.
// wasm-bindgen names each function the wasm imports from its JS glue after
// the function and a hash (`__wbg_addEventListener_847fd86b8c33ec43`), and
// writes that name twice: in the wasm's import section and as a key of the
// glue's import object. The page's first part imports 259 of them: 13.9 KB
// of import section (5.1 KB gzip) and as much again in the glue. The names
// are only keys between two files we ship together, so both get the same
// short ones, and so does their module (`./rinnovo_bg.js`, 259 times). binaryen's `--minify-imports` leaves alone the imports of any
// module but `env` (and `--minify-imports-and-exports-and-modules` renames
// every export too, which `__wasm_split.js` and the parts name).
//
// 2. Unreachable classes. wasm-streams (under server_fn, under Leptos,
// which turns on its `browser` feature) exports three classes for
// ReadableStream sources and sinks. The page never makes a stream: the
// classes have no constructor, and no Rust function hands one to JS (the
// glue would have a `__wrap` for it), so no JS can ever hold one. Their
// exports still keep their code in the first part (-1.3 KB gzip without
// them), and the glue exports their JS.
//
// Only the import and export sections are read and written: every other
// section is copied as it is. A wasm this does not understand, a glue
// where a name is not a key exactly once, or a class that JS could reach,
// stops the build.

const MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (let i = at; i < bytes.length && i < at + 5; i++) {
    value += (bytes[i] & 0x7f) * 2 ** shift;
    shift += 7;
    if ((bytes[i] & 0x80) === 0) return [value, i + 1];
  }
  throw new Error('wasm-names: a bad LEB128 number');
}

function encodeUleb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

function readName(bytes, at) {
  const [length, start] = uleb(bytes, at);
  if (start + length > bytes.length) throw new Error('wasm-names: a name runs past the section');
  return [new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, start + length)), start + length];
}

function encodeName(name) {
  const utf8 = new TextEncoder().encode(name);
  return [...encodeUleb(utf8.length), ...utf8];
}

/** The end of an import's description (its kind at `at`). */
function skipImportDesc(bytes, at) {
  const kind = bytes[at];
  let i = at + 1;
  const limits = () => {
    const flags = bytes[i++];
    [, i] = uleb(bytes, i);
    if (flags & 1) [, i] = uleb(bytes, i);
  };
  switch (kind) {
    case 0: // function: its type
      [, i] = uleb(bytes, i);
      return i;
    case 1: // table: its element type, its limits
      i += 1;
      limits();
      return i;
    case 2: // memory: its limits
      limits();
      return i;
    case 3: // global: its type, mutable or not
      return i + 2;
    case 4: // tag: its attribute, its type
      [, i] = uleb(bytes, i + 1);
      return i;
    default:
      throw new Error(`wasm-names: an import of unknown kind ${kind}`);
  }
}

/** `a`, `b`, ... `z`, `A` ... `Z`, `aa`, `ab`, ...: valid JS keys. */
export function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  let k = n;
  do {
    name = letters[k % letters.length] + name;
    k = Math.floor(k / letters.length) - 1;
  } while (k >= 0);
  return name;
}

/**
 * The wasm `bytes` with its section `id` rewritten: `entry(bytes, at)` reads
 * the entry at `at` and returns `[next, kept]`, `kept` the entry's new bytes
 * or `null` to leave it out. Every other section is copied as it is.
 */
function rewriteSection(bytes, id, what, entry) {
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error('wasm-names: not a wasm module (version 1)');
  const out = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const [size, start] = uleb(bytes, at + 1);
    const end = start + size;
    if (end > bytes.length) throw new Error('wasm-names: a section runs past the module');
    if (bytes[at] !== id) {
      out.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    const [count, first] = uleb(bytes, start);
    const kept = [];
    let i = first;
    for (let n = 0; n < count; n++) {
      const [next, bytesKept] = entry(bytes, i);
      if (bytesKept) kept.push(bytesKept);
      i = next;
    }
    if (i !== end) throw new Error(`wasm-names: the ${what} section has bytes after its entries`);
    const body = Buffer.concat([Uint8Array.from(encodeUleb(kept.length)), ...kept]);
    out.push(Uint8Array.from([id, ...encodeUleb(body.length)]), body);
    at = end;
  }
  return Buffer.concat(out);
}

/**
 * The wasm `bytes` with every function imported from `module` named
 * shortly, and `module` itself named `to`: `{ bytes, names }`, `names`
 * mapping each old name to its new one.
 */
export function shortenImports(bytes, module, to) {
  const names = new Map();
  const out = rewriteSection(bytes, 2, 'import', (b, at) => {
    const [from, afterModule] = readName(b, at);
    const [name, afterName] = readName(b, afterModule);
    const descEnd = skipImportDesc(b, afterName);
    let newName = name;
    if (from === module && b[afterName] === 0) {
      if (names.has(name)) throw new Error(`wasm-names: ${name} is imported twice`);
      newName = shortName(names.size);
      names.set(name, newName);
    }
    const entry = [...encodeName(from === module ? to : from), ...encodeName(newName), ...b.subarray(afterName, descEnd)];
    return [descEnd, Uint8Array.from(entry)];
  });
  return { bytes: out, names };
}

/**
 * The wasm `bytes` without the exports `names` (function exports only).
 */
export function dropExports(bytes, names) {
  const dropped = new Set();
  const out = rewriteSection(bytes, 7, 'export', (b, at) => {
    const [name, afterName] = readName(b, at);
    const [, next] = uleb(b, afterName + 1);
    if (names.has(name) && b[afterName] === 0) {
      dropped.add(name);
      return [next, null];
    }
    return [next, b.subarray(at, next)];
  });
  const missing = [...names].filter((n) => !dropped.has(n));
  if (missing.length) throw new Error(`wasm-names: no function export ${missing.join(', ')}`);
  return out;
}

/**
 * The JS glue without the classes `classes` (their declaration, their
 * dispose line, their finalization registry): `{ glue, exports }`, the
 * wasm exports only they called. Each class must have no constructor and
 * no `__wrap` (so no JS can hold one), and be named nowhere else after.
 */
export function dropClasses(glue, classes) {
  let out = glue;
  const used = new Set();
  const cut = (re, what) => {
    const found = [...out.matchAll(re)];
    if (found.length !== 1) throw new Error(`wasm-names: ${what} is in the glue ${found.length} time(s), expected once`);
    for (const m of found[0][0].matchAll(/\bwasm\.(\w+)/g)) used.add(m[1]);
    out = out.replace(re, '');
    return found[0][0];
  };
  for (const c of classes) {
    const body = cut(new RegExp(`export class ${c} \\{\\n[\\s\\S]*?\\n\\}\\n`, 'g'), `class ${c}`);
    if (/\bconstructor\(|__wrap/.test(body)) throw new Error(`wasm-names: JS can make a ${c}`);
    cut(new RegExp(`if \\(Symbol\\.dispose\\) ${c}\\.prototype\\[Symbol\\.dispose\\] = ${c}\\.prototype\\.free;\\n`, 'g'), `${c}'s dispose`);
    cut(new RegExp(`const ${c}Finalization = [^;]*;\\n`, 'g'), `${c}'s finalization`);
    if (out.includes(c)) throw new Error(`wasm-names: the glue still names ${c}`);
  }
  for (const e of used) {
    if (new RegExp(`\\bwasm\\.${e}\\b`).test(out)) throw new Error(`wasm-names: the glue still calls ${e}`);
  }
  return { glue: out, exports: used };
}

/**
 * The JS glue with the module `from` of its import object named `to` (the
 * key `"from": `, exactly once).
 */
export function renameGlueModule(glue, from, to) {
  const key = `"${from}": `;
  if (glue.split(key).length !== 2) throw new Error(`wasm-names: the glue does not name the module ${from} once`);
  return glue.replace(key, `"${to}": `);
}

/**
 * The JS glue with each key of its import object renamed as `names` says:
 * each old name must be a key (`name:` after a space, a brace or a comma)
 * exactly once, and appear nowhere else.
 */
export function renameGlueImports(glue, names) {
  let out = glue;
  for (const [from, to] of names) {
    const anywhere = out.split(from).length - 1;
    const key = new RegExp(`([\\s{,])${from.replace(/[$]/g, '\\$')}:`, 'g');
    const keys = [...out.matchAll(key)].length;
    if (anywhere !== 1 || keys !== 1) {
      throw new Error(`wasm-names: ${from} is in the glue ${anywhere} time(s), ${keys} as a key (expected once, as a key)`);
    }
    out = out.replace(key, `$1${to}:`);
  }
  return out;
}
