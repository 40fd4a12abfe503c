// ssh2 loaded without its WebAssembly poly1305 when the native binding carries
// chacha20-poly1305 — and that cipher still works, against the lab's real sshd.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindingHasChaCha, loadSsh2, paddingPoolStats, skipPoly1305 } from '../../src/hosts/loadSsh2';
import { labHost, readLab } from '../lab/lab';

const req = createRequire(import.meta.url);
const POLY1305 = req.resolve('ssh2/lib/protocol/crypto/poly1305.js');

/** ssh2's own test of its binding, done here independently of loadSsh2. */
function bindingLoads(): boolean {
  try {
    const b = req('ssh2/lib/protocol/crypto/build/Release/sshcrypto.node') as Record<string, unknown>;
    return typeof b.ChaChaPolyCipher === 'function' && typeof b.ChaChaPolyDecipher === 'function';
  } catch {
    return false;
  }
}

describe('loadSsh2', () => {
  beforeAll(() => {
    // Another test file in this worker may have loaded ssh2 already: start from none.
    for (const k of Object.keys(req.cache)) if (/[\\/]node_modules[\\/]ssh2[\\/]/.test(k)) delete req.cache[k];
  });

  it('without the binding, leaves ssh2 to load its own poly1305', () => {
    expect(skipPoly1305(false)).toBe(false);
    expect(req.cache[POLY1305]).toBeUndefined();
  });

  it('with the binding, skips the wasm poly1305, and chacha20-poly1305 still carries a session to the lab sshd', async () => {
    expect(bindingHasChaCha()).toBe(bindingLoads());
    const externalBefore = process.memoryUsage().external;
    const nodeCrypto = req('crypto') as { randomFillSync: unknown };
    const realFill = nodeCrypto.randomFillSync;
    const ssh2 = await loadSsh2();
    // The pooled padding was ssh2's alone, for the length of its require.
    expect(nodeCrypto.randomFillSync).toBe(realFill);
    const servedBefore = paddingPoolStats().served;
    if (bindingLoads()) {
      expect(String(req.cache[POLY1305]?.exports)).toMatch(/native binding carries chacha20-poly1305/);
      // The 16 MB Emscripten memory was never made.
      expect(process.memoryUsage().external - externalBefore).toBeLessThan(8 * 1024 * 1024);
    }
    const lab = readLab();
    const h = labHost(1);
    const client = new ssh2.Client();
    const out = await new Promise<string>((resolve, reject) => {
      client
        .on('ready', () => {
          client.exec('echo chacha-ok', (err, stream) => {
            if (err) return reject(err);
            let text = '';
            stream.on('data', (d: Buffer) => (text += d.toString())).on('close', () => resolve(text.trim()));
          });
        })
        .on('error', reject)
        .connect({
          host: h.address,
          port: h.port,
          username: lab.user,
          privateKey: readFileSync(lab.identityFile),
          hostVerifier: () => true,
          algorithms: { cipher: ['chacha20-poly1305@openssh.com'] },
        });
    });
    client.end();
    expect(out).toBe('chacha-ok');
    // Every packet of the session (KEX cookie, padding) drew from the pool: at least 4 bytes each.
    expect(paddingPoolStats().served - servedBefore).toBeGreaterThanOrEqual(4 * 5);
    expect(paddingPoolStats().fills).toBeGreaterThanOrEqual(1);
  });

  it('once ssh2 is loaded, a second call changes nothing', () => {
    expect(skipPoly1305(true)).toBe(false);
  });
});
