// Gives a release wasm program's imports short names, in the wasm and in its wasm-bindgen
// glue alike (scripts/wasm-program.sh runs it after wasm-opt):
//
//   node scripts/shorten-imports.mjs PROGRAM_bg.wasm PROGRAM.js
//
// Why: wasm-bindgen names every function the wasm imports from its glue
// `__wbg_<name>_<16 hex digits>` (`__wbg_addEventListener_f2d27251d333a631`), and the name
// stands twice in what every visitor downloads: in the wasm's import section and as a key
// of the glue's import object. The hex digits do not compress. wasm-bindgen has no option
// to shorten them and binaryen's `--minify-imports` leaves imports from other modules
// than `env` alone, so this does it: the app's imports (166 of them) become `a`, `b`, …,
// `Z`, `aa`, `ab`, … (−5,6 KB gzip for the app's first download, BENCHMARKS.md). Nothing else changes: the names are only the
// link between the two files, and both are rewritten together.
//
// It refuses (exit 1, both files left as they were) when the glue does not have exactly
// one key for each import, rather than write a pair that would fail to link in a browser.

import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('wasm ends inside a number');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

function readName(bytes, at) {
  const [length, start] = readLeb(bytes, at);
  return [fromUtf8.decode(bytes.subarray(start, start + length)), start + length];
}

function name(text) {
  const encoded = utf8.encode(text);
  return [...leb(encoded.length), ...encoded];
}

/** Skips an import's description (what is imported: a function, table, memory, global
 * or tag) and returns the offset after it. */
function skipImportDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (at) => {
    const flags = bytes[at++];
    [, at] = readLeb(bytes, at);
    if (flags & 1) [, at] = readLeb(bytes, at);
    return at;
  };
  switch (kind) {
    case 0: // function: its type's index
      return readLeb(bytes, at)[1];
    case 1: // table: element type, limits
      return limits(at + 1);
    case 2: // memory: limits
      return limits(at);
    case 3: // global: value type, mutability
      return at + 2;
    case 4: // tag: attribute, type index
      return readLeb(bytes, at + 1)[1];
    default:
      throw new Error(`import of unknown kind ${kind}`);
  }
}

/** The short names, in order: a … z, A … Z, then two letters (aa, ab, …), leaving out
 * JavaScript's reserved words of that length. */
function* shortNames() {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const reserved = new Set(['do', 'if', 'in']);
  for (const a of letters) yield a;
  for (const a of letters) for (const b of letters) if (!reserved.has(a + b)) yield a + b;
  for (const a of letters) for (const b of letters) for (const c of letters) yield a + b + c;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `text` as a whole name in JavaScript: not part of a longer identifier. */
const wholeName = (text) => new RegExp(`(?<![\\w$])${escape(text)}(?![\\w$])`, 'g');

/**
 * Renames the imports of `wasm` (bytes) that come from module `module` (the glue's
 * `./NAME_bg.js`), and the keys of `glue` (the glue's text) that name them. Returns the
 * new wasm and glue and the number of imports renamed; throws when the glue does not name
 * each import exactly once.
 */
export function shortenImports(wasm, glue, module) {
  const bytes = wasm instanceof Uint8Array ? wasm : new Uint8Array(wasm);
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error('not a wasm module');
  }
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = readLeb(bytes, at + 1);
    const end = start + size;
    if (id !== 2) {
      at = end;
      continue;
    }
    // The import section: a count, then (module, name, description) each.
    let [count, p] = readLeb(bytes, start);
    const names = shortNames();
    const renamed = new Map();
    const entries = [...leb(count)];
    for (let i = 0; i < count; i++) {
      const [from, afterModule] = readName(bytes, p);
      const [field, afterField] = readName(bytes, afterModule);
      const next = skipImportDescription(bytes, afterField);
      let newField = field;
      if (from === module) {
        if (renamed.has(field)) throw new Error(`import ${field} is listed twice`);
        newField = names.next().value;
        renamed.set(field, newField);
      }
      entries.push(...name(from), ...name(newField), ...bytes.subarray(afterField, next));
      p = next;
    }
    if (p !== end) throw new Error('the import section has bytes after its last import');

    let newGlue = glue;
    for (const [old, short] of renamed) {
      const pattern = wholeName(old);
      const found = newGlue.match(pattern)?.length ?? 0;
      if (found !== 1) throw new Error(`the glue names import ${old} ${found} times, not once`);
      newGlue = newGlue.replace(pattern, short);
    }
    const section = [2, ...leb(entries.length), ...entries];
    const out = new Uint8Array(bytes.length - (end - at) + section.length);
    out.set(bytes.subarray(0, at), 0);
    out.set(section, at);
    out.set(bytes.subarray(end), at + section.length);
    return { wasm: out, glue: newGlue, renamed: renamed.size };
  }
  return { wasm: bytes, glue, renamed: 0 };
}

// As a command: rewrites the two files in place.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [wasmPath, gluePath] = process.argv.slice(2);
  if (!wasmPath || !gluePath) {
    console.error('usage: node scripts/shorten-imports.mjs PROGRAM_bg.wasm PROGRAM.js');
    process.exit(2);
  }
  const module = `./${wasmPath.split('/').pop().replace(/\.wasm$/, '')}.js`;
  try {
    const result = shortenImports(readFileSync(wasmPath), readFileSync(gluePath, 'utf8'), module);
    writeFileSync(wasmPath, result.wasm);
    writeFileSync(gluePath, result.glue);
    console.error(`shorten-imports: ${result.renamed} imports of ${module} renamed`);
  } catch (err) {
    console.error(`shorten-imports: ${wasmPath}: ${err.message}`);
    process.exit(1);
  }
}
