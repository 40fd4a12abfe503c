// The log flood: until the logs pane exists this measures key latency on an
// idle cockpit and reports no memory delta (see README, bench).
import { rssMB } from './proc.mjs';
import { percentile, sleep, startInTerm } from './term.mjs';

export async function floodBench({ lab, dir, env }) {
  const config = `${lab.config}`;
  const s = startInTerm(process.execPath, ['dist/riskctl.mjs', '--config', config], env);
  await s.waitFor((t) => t.includes('Overview') && /lab-1.*\d+%/.test(t), 'overview with data');
  await sleep(2000);
  const rss0 = rssMB(s.pty.pid);
  const samples = [];
  for (let i = 0; i < 24; i++) {
    const [key, marker] = i % 2 === 0 ? ['h', 'Hosts ·'] : ['o', 'Overview ·'];
    const t0 = performance.now();
    s.pty.write(key);
    const at = await s.waitFor((t) => t.includes(marker), `screen after ${key}`, 5000);
    samples.push(at - t0);
    await sleep(100);
  }
  const rss1 = rssMB(s.pty.pid);
  await s.stop();
  return { rssDeltaMB: rss1 - rss0, keyLatencyP95Ms: percentile(samples, 95), lines: 0, samples: samples.length };
}
