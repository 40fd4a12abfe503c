// SshHost against real OpenSSH servers: the lab (lab/lab.sh), brought up by
// test/globalSetup.ts. Nothing here is mocked or skipped.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HostError, type HostStatus } from '../../src/hosts/Host';
import type { HostConfig } from '../../src/hosts/HostConfig';
import { SshHost, type SshHostOptions, type UnknownHostKey } from '../../src/hosts/SshHost';
import { hostStart, hostStop, labSshConfig, readLab, type LabHost, type LabInfo } from '../lab/lab';
import { keyText, makeKey, tempDir } from './keys';
import { FreezableProxy } from './tcpProxy';

let lab: LabInfo;
const dir = tempDir('riskctl-sshint-');
const opened: SshHost[] = [];
const registry = new Map<string, SshHost>();

const config = (h: LabHost, ssh: Partial<NonNullable<HostConfig['ssh']>> = {}, name = h.name): HostConfig => labSshConfig(h, 'SshHost.int.test.ts', ssh, name);

/** A host under test; every one is closed after its test (no reconnect loops left behind). */
function ssh(cfg: HostConfig, opts: SshHostOptions = {}): SshHost {
  const h = new SshHost(cfg, {
    ownKnownHostsFile: join(dir, 'own_known_hosts'),
    userKnownHostsFile: join(dir, 'user_known_hosts'),
    agentSocket: null,
    resolveHost: (n) => registry.get(n),
    ...opts,
  });
  opened.push(h);
  registry.set(cfg.name, h);
  return h;
}

const labHostN = (i: number): LabHost => lab.hosts[i - 1]!;

/** Established TCP connections to address:port, with the PIDs owning them (ss -tnp). */
function connections(address: string, port: number): { local: string; pids: number[] }[] {
  const out = execFileSync('ss', ['-tnpH', 'state', 'established', 'dst', `${address}:${port}`], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return { local: cols[2] ?? '', pids: [...l.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])) };
    });
}
const mine = (address: string, port: number) => connections(address, port).filter((c) => c.pids.includes(process.pid));

async function waitFor(what: string, ms: number, ok: () => boolean): Promise<number> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - t0;
}

async function readAll(s: Duplex, until?: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    s.on('data', (c: Buffer) => {
      text += c.toString();
      if (until?.(text)) {
        s.destroy();
        resolve(text);
      }
    });
    s.on('end', () => resolve(text));
    s.on('error', reject);
  });
}

async function refusal(p: Promise<unknown>): Promise<HostError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(HostError);
  return e as HostError;
}

beforeAll(() => {
  lab = readLab();
  expect(lab.hosts.length).toBeGreaterThanOrEqual(3);
});

afterEach(async () => {
  for (const h of opened.splice(0)) await h.close();
  registry.clear();
});

afterAll(() => {
  hostStart(2); // whatever happened, leave the lab whole for the next file
});

describe('SshHost over one connection', () => {
  it('runs commands: stdout, stderr, exit code, stdin, env that stays literal', async () => {
    const h = ssh(config(labHostN(1)));
    const t0 = performance.now();
    await h.connect();
    const connectMs = performance.now() - t0;
    expect(h.status()).toMatchObject({ state: 'connected', error: null });
    expect(await h.exec('echo out; echo err >&2; exit 3')).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
    expect((await h.exec('id -un')).stdout).toBe(`${lab.user}\n`);
    expect((await h.exec('tr a-z A-Z', { stdin: 'hello' })).stdout).toBe('HELLO');
    expect(await h.exec('cat')).toMatchObject({ code: 0, stdout: '' }); // stdin closed: no hang
    const hostile = `x' "$(touch /tmp/riskctl-pwned-${process.pid})" \`id\`\nline2`;
    expect((await h.exec('printf %s "$V"', { env: { V: hostile } })).stdout).toBe(hostile);
    expect((await h.exec(`test -e /tmp/riskctl-pwned-${process.pid}`)).code).toBe(1);
    expect((await h.exec("printf 'Grüße ☃'")).stdout).toBe('Grüße ☃');
    await expect(h.exec('true', { env: { 'BAD NAME': 'x' } })).rejects.toThrow(/invalid environment variable name/);

    const rtts: number[] = [];
    for (let i = 0; i < 20; i++) rtts.push((await h.exec('true')).durationMs);
    rtts.sort((a, b) => a - b);
    console.log(
      `[measure] lab-1 connect+auth ${connectMs.toFixed(0)} ms (first connect, ssh2 loaded), exec round trip median ${rtts[10]} ms, max ${rtts[19]} ms`,
    );
  });

  it('keeps exactly ONE TCP connection per host through 20 execs, a stream, openTcp, openUnix and readFile', async () => {
    const l1 = labHostN(1);
    const h = ssh(config(l1));
    await h.connect();
    expect(mine(l1.address, l1.port)).toHaveLength(1);
    for (let i = 0; i < 20; i++) expect((await h.exec(`echo ${i}`)).stdout).toBe(`${i}\n`);
    const parallel = await Promise.all(Array.from({ length: 20 }, (_, i) => h.exec(`echo p${i}`)));
    expect(parallel.map((r) => r.stdout)).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}\n`));
    const chunks: string[] = [];
    expect(await h.stream('for i in 1 2 3; do echo $i; sleep 0.05; done', { onStdout: (c) => chunks.push(c.toString()) })).toBe(0);
    expect(chunks.join('')).toBe('1\n2\n3\n');
    const tcp = await h.openTcp(l1.address, l1.port);
    const banner = await readAll(tcp, (t) => t.includes('\n'));
    expect(banner).toMatch(/^SSH-2\.0-OpenSSH/);
    expect((await h.readFile('/etc/hostname')).toString()).toBe(readFileSync('/etc/hostname', 'utf8'));
    const conns = mine(l1.address, l1.port);
    expect(conns).toHaveLength(1);
    expect(connections(l1.address, l1.port).filter((c) => c.pids.includes(process.pid))).toEqual(conns);
  });

  it('opens a login shell on a pty of the given size, on the same connection; its slot is freed when it ends', async () => {
    const l1 = labHostN(1);
    const h = ssh(config(l1));
    await h.connect();
    const shell = await h.openShell({ cols: 91, rows: 27, term: 'xterm-256color' });
    expect(mine(l1.address, l1.port)).toHaveLength(1);
    let seen = '';
    shell.output!.on('data', (c: Buffer) => (seen += c.toString()));
    shell.write('echo $((6*7)) $TERM; stty size\n');
    await waitFor('the shell to answer', 10_000, () => /42 xterm-256color\r?\n27 91/.test(seen));
    shell.resize(120, 40);
    shell.write('stty size; exit 3\n');
    expect(await shell.exit).toBe(3);
    expect(seen).toMatch(/40 120/);
    // Ten more shells one after the other: each gave its session slot back (MaxSessions is 10).
    for (let i = 0; i < 10; i++) {
      const s = await h.openShell({ cols: 80, rows: 24, term: 'dumb' });
      s.write('exit\n');
      expect(await s.exit).toBe(0);
    }
    expect((await h.exec('echo still')).stdout).toBe('still\n');
  });

  it('opens a unix socket on the host (as the login user)', async () => {
    const sockDir = tempDir('riskctl-unix-');
    chmodSync(sockDir, 0o755); // the lab user must reach the socket
    const path = join(sockDir, 'echo.sock');
    const server: Server = createServer((c) => c.on('data', (d) => c.end(`echo:${d.toString()}`)));
    await new Promise<void>((r) => server.listen(path, r));
    chmodSync(path, 0o777);
    try {
      const h = ssh(config(labHostN(1)));
      await h.connect();
      const s = await h.openUnix(path);
      s.write('ping');
      expect(await readAll(s)).toBe('echo:ping');
      await expect(h.openUnix(join(sockDir, 'missing.sock'))).rejects.toThrow(HostError);
      await expect(h.openTcp('127.0.0.1', 1)).rejects.toThrow(/lab-1: cannot connect to 127\.0\.0\.1:1 on the host/);
      expect(h.status().state).toBe('connected'); // a failed forward is not a failed host
    } finally {
      server.close();
    }
  });

  it('reads files with a size limit and names missing ones', async () => {
    const h = ssh(config(labHostN(1)));
    await h.connect();
    const f = join(dir, "it's $(odd) name.txt");
    writeFileSync(f, 'abcdef');
    chmodSync(dir, 0o755);
    chmodSync(f, 0o644);
    expect((await h.readFile(f)).toString()).toBe('abcdef');
    expect((await h.readFile(f, { maxBytes: 6 })).toString()).toBe('abcdef');
    await expect(h.readFile(f, { maxBytes: 5 })).rejects.toThrow(/larger than 5 bytes/);
    await expect(h.readFile('/nonexistent/x')).rejects.toThrow('lab-1: cannot read /nonexistent/x (No such file or directory)');
  });

  it('times out and aborts: code null, and the remote process group is killed', async () => {
    const h = ssh(config(labHostN(1)));
    await h.connect();
    const marker = `riskctl-to-${process.pid}`;
    const t0 = Date.now();
    const r = await h.exec(`sleep 300 | cat; : ${marker}`, { timeoutMs: 300 });
    expect(r).toMatchObject({ code: null, timedOut: true });
    expect(Date.now() - t0).toBeLessThan(2000);
    const ac = new AbortController();
    const lines: string[] = [];
    const streaming = h.stream(`while :; do echo tick; sleep 0.05; done; : ${marker}`, { signal: ac.signal, onStdout: (c) => lines.push(c.toString()) });
    await waitFor('stream output', 5000, () => lines.length > 0);
    ac.abort();
    expect(await streaming).toBeNull();
    // Nothing of either command survives on the host (the sleep in the pipeline included).
    await waitFor('remote processes to die', 3000, () => !execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8', maxBuffer: 64 << 20 }).includes(marker));
    expect(execFileSync('ps', ['-u', lab.user, '-o', 'args'], { encoding: 'utf8', maxBuffer: 64 << 20 })).not.toMatch(/sleep 300/);
  });
});

describe('host keys', () => {
  it('refuses a CHANGED key, naming both fingerprints and the file:line, and shows no data', async () => {
    const l2 = labHostN(2);
    const fake = makeKey(dir, 'fake-lab-2');
    const kh = join(dir, 'changed_known_hosts');
    writeFileSync(kh, `# pinned\n[${l2.address}]:${l2.port} ${keyText(fake)}\n`);
    const policy = vi.fn(async () => true);
    const h = ssh(config(l2, { knownHosts: kh }), { onUnknownHostKey: policy });
    const e = await refusal(h.connect());
    expect(e.code).toBe('host-key-changed');
    expect(e.message).toContain('lab-2');
    expect(e.message).toContain(fake.sshKeygenFingerprint); // expected
    expect(e.message).toContain(l2.fingerprint); // presented
    expect(e.message).toContain(`${kh}:2`);
    expect(policy).not.toHaveBeenCalled();
    expect(h.status().state).toBe('error');
    expect((await refusal(h.exec('echo leak'))).code).toBe('host-key-changed');
    await new Promise((r) => setTimeout(r, 1500)); // and it does not retry behind the operator's back
    expect(h.status().state).toBe('error');
    expect(mine(l2.address, l2.port)).toHaveLength(0);
  });

  it('asks about an UNKNOWN key: no → refused with the fingerprint; yes → remembered, not asked again', async () => {
    const l3 = labHostN(3);
    const empty = join(dir, 'empty_known_hosts');
    const own = join(dir, 'state', 'riskctl', 'known_hosts');
    writeFileSync(empty, '');
    const asked: UnknownHostKey[] = [];
    const no = ssh(config(l3, { knownHosts: empty }), { ownKnownHostsFile: own, onUnknownHostKey: async (i) => (asked.push(i), false) });
    const e = await refusal(no.connect());
    expect(e.code).toBe('host-key-unknown');
    expect(e.message).toContain(l3.fingerprint);
    expect(e.message).toContain('--accept-new-host-keys');
    expect(asked).toEqual([{ host: 'lab-3', address: l3.address, port: l3.port, fingerprint: l3.fingerprint, keyType: 'ssh-ed25519', otherKnownTypes: [] }]);
    expect(no.status().state).toBe('error');

    const yes = ssh(config(l3, { knownHosts: empty }), { ownKnownHostsFile: own, onUnknownHostKey: async () => true });
    await yes.connect();
    expect((await yes.exec('echo in')).stdout).toBe('in\n');
    const pub = readFileSync(l3.hostKeyPub, 'utf8').split(' ').slice(0, 2).join(' ');
    expect(readFileSync(own, 'utf8')).toBe(`[${l3.address}]:${l3.port} ${pub}\n`);

    const again = vi.fn(async () => false);
    const third = ssh(config(l3, { knownHosts: empty }, 'lab-3-again'), { ownKnownHostsFile: own, onUnknownHostKey: again });
    await third.connect();
    expect(again).not.toHaveBeenCalled();
  });

  it('reports an auth failure naming host, user and the keys tried', async () => {
    const wrong = join(dir, 'wrong');
    makeKey(dir, 'wrong');
    const h = ssh(config(labHostN(1), { identityFiles: [wrong, join(dir, 'absent')] }));
    const e = await refusal(h.connect());
    expect(e.code).toBe('auth');
    expect(e.message).toContain('lab-1');
    expect(e.message).toContain(`${lab.user}@127.0.0.2:2222`);
    expect(e.message).toContain(wrong);
    expect(e.message).toContain(`${join(dir, 'absent')} (no such file or directory)`);
    expect(h.status().state).toBe('error');
  });
});

describe('failures and recovery', () => {
  it('nothing listening → unreachable, quickly, with address and reason', async () => {
    const h = ssh(config({ ...labHostN(1), address: '127.0.0.250' }, {}, 'lab-9'));
    const t0 = Date.now();
    const e = await refusal(h.connect());
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(e.code).toBe('unreachable');
    expect(e.message).toBe('lab-9: cannot reach 127.0.0.250:2222 (connection refused)');
    expect(h.status().state).toBe('disconnected'); // and it keeps trying by itself
    const fast = await refusal(h.exec('true'));
    expect(fast.message).toMatch(/^lab-9: not connected \(cannot reach/);
  });

  it('exec on a host never connected fails fast, naming it', async () => {
    const h = ssh(config(labHostN(1), {}, 'lab-idle'));
    expect((await refusal(h.exec('true'))).message).toBe('lab-idle: not connected');
  });

  /** lab-1 behind a relay this test controls (freeze it, count its bytes), known under the relay's address. */
  async function proxiedLab1(name: string) {
    const l1 = labHostN(1);
    const proxy = new FreezableProxy({ host: l1.address, port: l1.port });
    const port = await proxy.listen();
    const kh = join(dir, `proxy_known_hosts_${name}`);
    writeFileSync(kh, `[127.0.0.1]:${port} ${readFileSync(l1.hostKeyPub, 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    return { proxy, cfg: config({ ...l1, address: '127.0.0.1', port }, { knownHosts: kh }, name) };
  }

  it('a silent connection (no FIN, no RST) is dropped by keepalives; a silent handshake by the ready timeout', async () => {
    const { proxy, cfg } = await proxiedLab1('lab-1-proxied');
    try {
      const h = ssh(cfg, {
        keepaliveIntervalMs: 300,
        keepaliveCountMax: 2,
        readyTimeoutMs: 800,
        backoff: { initialMs: 100, maxMs: 400 },
      });
      await h.connect();
      const inflight = h.exec('sleep 60');
      await new Promise((r) => setTimeout(r, 100));
      proxy.freeze();
      const lostMs = await waitFor('keepalive loss', 3000, () => h.status().state === 'disconnected');
      expect(lostMs).toBeGreaterThanOrEqual(500); // it really waited for unanswered keepalives
      expect(await inflight).toMatchObject({ code: null, timedOut: false });
      expect(h.status().error).toMatch(/connection lost \(no answer to keepalives\)/);
      await waitFor('a timed-out handshake', 5000, () => /no SSH answer from 127\.0\.0\.1:\d+ within 1 s/.test(h.status().error ?? ''));
      expect(h.status().state).toBe('disconnected'); // a timeout is retried, not a refusal
      proxy.thaw();
      await waitFor('reconnect through the thawed relay', 5000, () => h.status().state === 'connected');
      expect((await h.exec('echo ok')).stdout).toBe('ok\n');
    } finally {
      proxy.close();
    }
  });

  it('data from the server counts as alive: no keepalives while a stream prints, keepalives again when it stops', async () => {
    const { proxy, cfg } = await proxiedLab1('lab-1-ka');
    try {
      const h = ssh(cfg, { keepaliveIntervalMs: 200, keepaliveCountMax: 3 });
      await h.connect();
      const ctl = new AbortController();
      let lines = 0;
      const done = h.stream('while :; do echo x; sleep 0.05; done', { signal: ctl.signal, onStdout: () => lines++ });
      await waitFor('the stream printing', 3000, () => lines > 2);
      const up0 = proxy.upBytes;
      await new Promise((r) => setTimeout(r, 1000));
      const upWhilePrinting = proxy.upBytes - up0;
      ctl.abort();
      await done;
      await new Promise((r) => setTimeout(r, 300)); // the abort's own kill exec goes by
      const up1 = proxy.upBytes;
      await new Promise((r) => setTimeout(r, 1000));
      expect(upWhilePrinting).toBe(0);
      expect(proxy.upBytes - up1).toBeGreaterThan(0); // about five pings a second on an idle connection
      expect(h.status().state).toBe('connected');
      await h.close();
    } finally {
      proxy.close();
    }
  });

  it('time an operator spends on the host key prompt does not count against the ready timeout', async () => {
    const l3 = labHostN(3);
    const empty = join(dir, 'empty_known_hosts_2');
    writeFileSync(empty, '');
    const slow = async () => {
      await new Promise((r) => setTimeout(r, 1500));
      return true;
    };
    const h = ssh(config(l3, { knownHosts: empty }), { ownKnownHostsFile: join(dir, 'own_slow'), onUnknownHostKey: slow, readyTimeoutMs: 800 });
    await h.connect();
    expect((await h.exec('echo yes')).stdout).toBe('yes\n');
  });

  it('host-stop → disconnected (in-flight exec settles, lab-1 unaffected); host-start → reconnects by itself', async () => {
    const h1 = ssh(config(labHostN(1)));
    const h2 = ssh(config(labHostN(2)));
    await Promise.all([h1.connect(), h2.connect()]);
    const states: HostStatus[] = [];
    h2.onStatus((s) => states.push(s));
    const inflight = h2.exec('sleep 60');
    await new Promise((r) => setTimeout(r, 100));
    try {
      const t0 = Date.now();
      hostStop(2);
      await waitFor('lab-2 disconnected', 12_000, () => h2.status().state === 'disconnected');
      const lostMs = Date.now() - t0;
      expect(await inflight).toMatchObject({ code: null });
      expect(h2.status().error).toMatch(/connection lost|cannot reach/);
      const fail = await refusal(h2.exec('true'));
      expect(fail.host).toBe('lab-2');
      expect(fail.code).toBe('unreachable');
      expect((await h1.exec('echo still')).stdout).toBe('still\n'); // one dead host stalls no other
      const t1 = Date.now();
      hostStart(2);
      const backMs = await waitFor('lab-2 reconnected', 5000, () => h2.status().state === 'connected');
      expect((await h2.exec('echo back')).stdout).toBe('back\n');
      expect(mine(labHostN(2).address, 2222)).toHaveLength(1);
      console.log(`[measure] lab-2 loss noticed after ${lostMs} ms, reconnected ${backMs} ms after host-start returned (${Date.now() - t1} ms incl. checks)`);
      expect(states.map((s) => s.state)).toContain('disconnected');
    } finally {
      hostStart(2);
    }
  });
});

describe('ProxyJump', () => {
  it('reaches lab-2 through lab-1: the TCP connection to lab-2 is made by lab-1’s sshd, not by us', async () => {
    const [l1, l2] = [labHostN(1), labHostN(2)];
    const jump = ssh(config(l1));
    const target = ssh(config(l2, { jump: 'lab-1' }));
    await target.connect(); // connects lab-1 first by itself
    expect(jump.status().state).toBe('connected');
    const [clientIp, clientPort] = (await target.exec('echo $SSH_CONNECTION')).stdout.trim().split(' ');
    expect(clientIp).toMatch(/^127\./);
    // We hold one connection to lab-1 and none to lab-2 ...
    expect(mine(l1.address, l1.port)).toHaveLength(1);
    expect(mine(l2.address, l2.port)).toHaveLength(0);
    // ... and the socket lab-2 sees belongs to an sshd descending from lab-1's listener.
    const owner = connections(l2.address, l2.port).find((c) => c.local.endsWith(`:${clientPort}`));
    expect(owner).toBeDefined();
    const lab1Listener = Number(readFileSync(l1.pidFile, 'utf8').trim());
    const ancestors = (pid: number): number[] => {
      const out: number[] = [];
      for (let p = pid; p > 1;) {
        out.push(p);
        p = Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      }
      return out;
    };
    expect(owner!.pids.some((p) => ancestors(p).includes(lab1Listener))).toBe(true);
    expect(owner!.pids).not.toContain(process.pid);
    expect((await target.exec('echo via-jump')).stdout).toBe('via-jump\n');
  });

  it('when the jump host goes away both drop; when it is back, both reconnect by themselves', async () => {
    // The jump host sits behind a relay we can cut, so the shared lab keeps running for other test runs.
    const [l1, l2] = [labHostN(1), labHostN(2)];
    const proxy = new FreezableProxy({ host: l1.address, port: l1.port });
    const port = await proxy.listen();
    const kh = join(dir, 'jump_known_hosts');
    writeFileSync(kh, `[127.0.0.1]:${port} ${readFileSync(l1.hostKeyPub, 'utf8').split(' ').slice(0, 2).join(' ')}\n${readFileSync(lab.knownHosts, 'utf8')}`);
    try {
      const jump = ssh(config({ ...l1, address: '127.0.0.1', port }, { knownHosts: kh }, 'bastion'));
      const target = ssh(config(l2, { jump: 'bastion', knownHosts: kh }));
      await target.connect();
      const inflight = target.exec('sleep 60');
      await new Promise((r) => setTimeout(r, 100));
      proxy.cut();
      await waitFor('both disconnected', 5000, () => jump.status().state === 'disconnected' && target.status().state === 'disconnected');
      expect(await inflight).toMatchObject({ code: null });
      await refusal(target.exec('true'));
      await new Promise((r) => setTimeout(r, 2500)); // let both backoffs grow past the jump host's
      proxy.thaw();
      const ms = await waitFor('both reconnected', 5000, () => jump.status().state === 'connected' && target.status().state === 'connected');
      expect((await target.exec('echo again')).stdout).toBe('again\n');
      console.log(`[measure] jump chain back ${ms} ms after the jump host's relay came back`);
    } finally {
      proxy.close();
    }
  });

  it('refuses a ProxyJump loop and an unknown jump host as config errors', async () => {
    const a = ssh(config(labHostN(1), { jump: 'b' }, 'a'));
    ssh(config(labHostN(2), { jump: 'a' }, 'b'));
    expect((await refusal(a.connect())).message).toMatch(/ProxyJump loop/);
    const c = ssh(config(labHostN(1), { jump: 'nowhere' }, 'c'));
    const e = await refusal(c.connect());
    expect(e.code).toBe('config');
    expect(e.message).toContain('"nowhere"');
  });
});
