// yoga's wasm declares a 16 MB memory (Emscripten's default) that may grow to
// 2 GB, and uses ~73 KB of it for data and stack before its heap: the cockpit's
// layout needs a few hundred KB more. The 16 MB are untouched pages, but V8
// counts a wasm memory as external memory allocated since the last full GC,
// and 16 MB of it made every cockpit run one extra full GC (~25 ms of CPU) a
// few seconds after start. The bundle's copy starts at 1 MB and grows as
// Emscripten's glue already does (memory.grow, then fresh HEAP views).

const DATA_URL = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/;
export const YOGA_INITIAL_PAGES = 16; // 64 KiB each: 1 MiB

function leb(buf, at) {
  let value = 0;
  let shift = 0;
  let b;
  do {
    b = buf[at++];
    value += (b & 127) * 2 ** shift;
    shift += 7;
  } while (b & 128);
  return [value, at];
}

/** The wasm with its one memory's initial size set to `pages`, same length; throws on any layout it does not expect. */
export function withInitialPages(wasm, pages) {
  if (wasm.readUInt32LE(0) !== 0x6d736100 || pages >= 128) throw new Error('yogaMemory: not a wasm module, or too many pages');
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    if (id === 5) {
      const [count, flagsAt] = leb(wasm, body);
      const flags = wasm[flagsAt];
      const [initial, next] = leb(wasm, flagsAt + 1);
      // One memory with a maximum, its initial size in two LEB128 bytes (256 pages: 0x80 0x02).
      if (count !== 1 || flags !== 1 || next - (flagsAt + 1) !== 2) throw new Error('yogaMemory: yoga declares its memory differently; revisit scripts/yogaMemory.mjs');
      if (initial < pages) return wasm;
      const out = Buffer.from(wasm);
      // Two-byte LEB128 of a value below 128: 0x80 | value, 0x00 (valid, and the section keeps its length).
      out[flagsAt + 1] = 0x80 | pages;
      out[flagsAt + 2] = 0x00;
      return out;
    }
    at = body + size;
  }
  throw new Error('yogaMemory: no memory section in yoga; revisit scripts/yogaMemory.mjs');
}

/** yoga's Emscripten loader source with its embedded wasm starting at YOGA_INITIAL_PAGES. */
export function shrinkYogaMemory(src) {
  const m = DATA_URL.exec(src);
  if (!m) throw new Error("yogaMemory: yoga's loader no longer embeds its wasm as base64; revisit scripts/yogaMemory.mjs");
  const wasm = withInitialPages(Buffer.from(m[1], 'base64'), YOGA_INITIAL_PAGES);
  return src.replace(m[1], wasm.toString('base64'));
}
