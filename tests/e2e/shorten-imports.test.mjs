// scripts/shorten-imports.mjs, which renames a release wasm program's imports from its glue
// in both files: a hand-made module still links and runs after it, other modules' imports
// keep their names, a glue that does not name each import once is refused, and the release
// builds in dist/ went through it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shortenImports } from '../../scripts/shorten-imports.mjs';

const GLUE_MODULE = './demo_bg.js';
const ONE = '__wbg_one_0123456789abcdef';
const TWO = '__wbg_two_fedcba9876543210';

const utf8 = (text) => [...new TextEncoder().encode(text)];
const name = (text) => [utf8(text).length, ...utf8(text)];
const section = (id, body) => [id, body.length, ...body];

/** A module importing `ONE` and `TWO` from the glue and `keep` from `env` (each `() -> i32`),
 * exporting `run`, which returns the sum of the three. */
function demoModule() {
  const importOf = (module, field) => [...name(module), ...name(field), 0x00, 0x00];
  const body = [0x00, 0x10, 0x00, 0x10, 0x01, 0x6a, 0x10, 0x02, 0x6a, 0x0b];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x00, 0x01, 0x7f]),
    ...section(2, [0x03, ...importOf(GLUE_MODULE, ONE), ...importOf(GLUE_MODULE, TWO), ...importOf('env', 'keep')]),
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, ...name('run'), 0x00, 0x03]),
    ...section(10, [0x01, body.length, ...body]),
  ]);
}

/** A glue in the shape wasm-bindgen writes: an import object keyed by the imports' names. */
const demoGlue = `({ "${GLUE_MODULE}": { __proto__: null, ${ONE}: function () { return 1; }, ${TWO}: () => 20 }, env: { keep: () => 300 } })`;

async function run(wasm, glue) {
  const { instance } = await WebAssembly.instantiate(wasm, new Function(`return ${glue}`)());
  return instance.exports.run();
}

test('the glue\'s imports get short names in both files, and the pair still links and runs', async () => {
  const wasm = demoModule();
  assert.equal(await run(wasm, demoGlue), 321, 'the hand-made module runs as it is');

  const out = shortenImports(wasm, demoGlue, GLUE_MODULE);
  assert.equal(out.renamed, 2);
  assert.equal(await run(out.wasm, out.glue), 321, 'and after the renaming');
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(out.wasm));
  assert.deepEqual(imports.map((i) => `${i.module} ${i.name}`), [`${GLUE_MODULE} a`, `${GLUE_MODULE} b`, 'env keep']);
  assert.ok(!out.glue.includes('__wbg_'), out.glue);
  assert.ok(out.wasm.length < wasm.length);
});

test('a glue that does not name an import exactly once is refused', () => {
  const twice = demoGlue.replace('() => 20', `() => 20, again: "${TWO}"`);
  assert.throws(() => shortenImports(demoModule(), twice, GLUE_MODULE), new RegExp(`${TWO} 2 times`));
  const never = demoGlue.replace(ONE, 'somethingElse');
  assert.throws(() => shortenImports(demoModule(), never, GLUE_MODULE), new RegExp(`${ONE} 0 times`));
  // A longer name that merely contains an import's name is not that name.
  const longer = demoGlue.replace(`${ONE}:`, `${ONE}_more:`);
  assert.throws(() => shortenImports(demoModule(), longer, GLUE_MODULE), new RegExp(`${ONE} 0 times`));
  assert.throws(() => shortenImports(new Uint8Array([1, 2, 3]), demoGlue, GLUE_MODULE), /not a wasm module/);
});

test('the release programs in dist/ import from their glue by short names', (t) => {
  const dist = process.env.COFUND_DIST ?? join(import.meta.dirname, '../../dist');
  const programs = [
    ['cofund-web_bg.wasm', 'cofund-web.js'],
    ['board/cofund-board_bg.wasm', 'board/cofund-board.js'],
    ['embed/cofund-embed_bg.wasm', 'embed/cofund-embed.js'],
  ];
  if (!existsSync(join(dist, programs[0][0]))) return t.skip(`no build in ${dist}`);
  for (const [wasmFile, glueFile] of programs) {
    const module = `./${wasmFile.split('/').pop().replace(/\.wasm$/, '')}.js`;
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(join(dist, wasmFile))));
    const fromGlue = imports.filter((i) => i.module === module);
    assert.ok(fromGlue.length > 10, `${wasmFile}: ${fromGlue.length} imports from ${module}`);
    const long = fromGlue.filter((i) => i.name.length > 2).map((i) => i.name);
    assert.deepEqual(long, [], `${wasmFile}: imports with long names`);
    const glue = readFileSync(join(dist, glueFile), 'utf8');
    assert.ok(!/__wbg_\w+_[0-9a-f]{16}\b/.test(glue), `${glueFile} still has wasm-bindgen's import names`);
  }
});
