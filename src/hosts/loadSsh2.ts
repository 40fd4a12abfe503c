/**
 * ssh2, loaded on the first connect — without the WebAssembly poly1305 it
 * does not use, and with its packet padding drawn from a pool.
 *
 * At load, ssh2 instantiates an Emscripten poly1305 whose memory is 16 MB.
 * Only its pure-JS chacha20-poly1305 cipher uses it; with ssh2's native
 * binding (built at install), that cipher runs in the binding instead. The
 * 16 MB are untouched pages, but V8 counts them as external memory allocated
 * since the last full GC, so it costs a cockpit one extra full GC (~25 ms of
 * CPU, 13 MB marked) a few seconds after start. When the binding carries the
 * cipher, ssh2 is handed a stand-in for the module; without the binding,
 * ssh2 loads as it is.
 */
import Module, { createRequire } from 'node:module';
import { pooledRandomFill, type PoolStats } from './pooledRandomFill';
import type { Ssh2Module } from './sshConnect';

const req = createRequire(import.meta.url);

interface ChaChaBinding {
  ChaChaPolyCipher?: unknown;
  ChaChaPolyDecipher?: unknown;
}

/** Whether ssh2's native binding runs chacha20-poly1305 itself (ssh2's own test, lib/protocol/crypto.js). */
export function bindingHasChaCha(): boolean {
  try {
    const b = req('ssh2/lib/protocol/crypto/build/Release/sshcrypto.node') as ChaChaBinding;
    return typeof b.ChaChaPolyCipher === 'function' && typeof b.ChaChaPolyDecipher === 'function';
  } catch {
    return false;
  }
}

const POLY1305 = 'ssh2/lib/protocol/crypto/poly1305.js';

/** What ssh2's init reads of the Emscripten module; calling into it means the binding was not used after all. */
function standIn(): Promise<object> {
  const unused = () => {
    throw new Error('riskctl: ssh2 reached its WebAssembly poly1305, which is not loaded because its native binding carries chacha20-poly1305');
  };
  return Promise.resolve({ _malloc: () => 0, cwrap: () => unused, HEAPU8: new Uint8Array(0) });
}

/**
 * Puts the stand-in where ssh2 will require its poly1305 from; returns whether
 * it did. Anything unexpected (ssh2 moved the file) leaves ssh2 to load as it is.
 */
export function skipPoly1305(hasBinding = bindingHasChaCha()): boolean {
  if (!hasBinding) return false;
  try {
    const file = req.resolve(POLY1305);
    if (req.cache[file]) return false; // ssh2 is already loaded, with the real one
    const mod = new Module(file);
    mod.filename = file;
    mod.loaded = true;
    mod.exports = standIn;
    req.cache[file] = mod;
    return true;
  } catch {
    return false;
  }
}

const padding = pooledRandomFill();

/** What ssh2 has drawn from the padding pool (pooledRandomFill.ts). */
export const paddingPoolStats = (): Readonly<PoolStats> => ({ ...padding.stats });

/**
 * ssh2, required with crypto.randomFillSync swapped for the pooled one. Its
 * modules destructure it from require('crypto') as they load, so the swap is
 * theirs alone, and the original is back before anything else runs (require
 * is synchronous). ES module imports of node:crypto never see it.
 */
function requireSsh2(): Ssh2Module {
  const crypto = req('crypto') as { randomFillSync: unknown };
  const original = crypto.randomFillSync;
  crypto.randomFillSync = padding.fill;
  try {
    return req('ssh2') as Ssh2Module;
  } finally {
    crypto.randomFillSync = original;
  }
}

let ssh2Module: Promise<Ssh2Module> | null = null;

export function loadSsh2(): Promise<Ssh2Module> {
  // Loaded on first connect, so a start-up without SSH hosts never pays for it.
  ssh2Module ??= Promise.resolve().then(() => {
    skipPoly1305();
    return requireSsh2();
  });
  return ssh2Module;
}
