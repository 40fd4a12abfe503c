// The bundle's yoga starts with 1 MB of wasm memory and grows past it, laying out
// exactly as the stock yoga does.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import Yoga from 'yoga-layout';
import wrapAssembly from '../../node_modules/yoga-layout/dist/src/wrapAssembly.js';
// @ts-expect-error: the build's own helper, plain JavaScript
import { shrinkYogaMemory, withInitialPages, YOGA_INITIAL_PAGES } from '../../scripts/yogaMemory.mjs';

const LOADER = 'node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js';

type YogaApi = typeof Yoga;
interface RawYoga {
  HEAP8: Int8Array;
}

/** A column of `n` rows of two cells; returns every row's computed top and the second cell's left and width. */
function layout(Y: YogaApi, n: number): number[] {
  const root = Y.Node.create();
  root.setWidth(120);
  root.setFlexDirection(Y.FLEX_DIRECTION_COLUMN);
  for (let i = 0; i < n; i++) {
    const row = Y.Node.create();
    row.setFlexDirection(Y.FLEX_DIRECTION_ROW);
    row.setHeight(1 + (i % 3));
    const a = Y.Node.create();
    a.setWidth(3 + (i % 17));
    const b = Y.Node.create();
    b.setFlexGrow(1);
    row.insertChild(a, 0);
    row.insertChild(b, 1);
    root.insertChild(row, i);
  }
  root.calculateLayout(120, undefined, Y.DIRECTION_LTR);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = root.getChild(i);
    out.push(row.getComputedTop(), row.getChild(1).getComputedLeft(), row.getChild(1).getComputedWidth());
  }
  root.freeRecursive();
  return out;
}

describe("the bundle's yoga memory", () => {
  it('starts at 1 MB, grows under a large tree, and lays out as the stock yoga', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riskctl-yoga-'));
    const file = join(dir, 'yoga-wasm-base64-esm.mjs');
    writeFileSync(file, shrinkYogaMemory(readFileSync(LOADER, 'utf8')));
    const load = (await import(pathToFileURL(file).href)) as { default: () => Promise<RawYoga> };
    const raw = await load.default();
    expect(raw.HEAP8.buffer.byteLength).toBe(YOGA_INITIAL_PAGES * 65536);
    const small = wrapAssembly(raw) as YogaApi;

    // ~30 000 nodes: several MB of yoga's heap, so the memory must grow.
    const n = 10_000;
    const ours = layout(small, n);
    expect(raw.HEAP8.buffer.byteLength).toBeGreaterThan(YOGA_INITIAL_PAGES * 65536);
    expect(ours).toEqual(layout(Yoga, n));
    expect(ours.slice(0, 6)).toEqual([0, 3, 117, 1, 4, 116]);
  });

  it('refuses a memory it does not expect rather than guess', () => {
    expect(() => withInitialPages(Buffer.from('not wasm at all'), 16)).toThrow(/not a wasm module/);
    // A memory whose initial size takes one LEB128 byte (min 1, max 2), and one without a maximum (it could not grow).
    const oneByte = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x04, 0x01, 0x01, 0x01, 0x02]);
    expect(() => withInitialPages(oneByte, 16)).toThrow(/declares its memory differently/);
    const noMax = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x04, 0x01, 0x00, 0x80, 0x02]);
    expect(() => withInitialPages(noMax, 16)).toThrow(/declares its memory differently/);
    expect(() => shrinkYogaMemory('export default 1')).toThrow(/no longer embeds its wasm/);
  });
});
