// sampler.sh is sent as one line inside single quotes: these rules keep the
// joined line the same program under any login shell.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DF_PERIOD_SECONDS, DF_TIMEOUT_SECONDS, resourcesSamplerScript, sampleEnd, shellOneLine } from '../../../src/services/resources/remoteResourcesCommand';
import { SECTIONS } from '../../../src/services/resources/sections';

const program = readFileSync(new URL('../../../src/services/resources/sampler.sh', import.meta.url), 'utf8');
const code = program
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

describe('sampler.sh', () => {
  it('is what the sampler command runs, joined into one line', () => {
    expect(resourcesSamplerScript).toBe(shellOneLine(program));
    expect(resourcesSamplerScript).not.toContain('\n');
  });

  it('holds no single quote, no ! and no backslash pair', () => {
    expect(code.join('\n')).not.toMatch(/['!]|\\\\/);
  });

  it('ends every line where a space may follow (so joining keeps the program)', () => {
    const bad = code.slice(0, -1).filter((l) => !/(;|;;|\bdo|\bthen|\belse|\{|&&?|\|\|)$/.test(l));
    expect(bad).toEqual([]);
  });

  it('bounds df with the timeout riskctl documents, and ends samples as the reader expects', () => {
    expect(program).toContain(`T="timeout ${DF_TIMEOUT_SECONDS}"`);
    // df every DF_PERIOD_SECONDS: every G-th sample, G from the period q in centiseconds unless the lease gives it.
    expect(program).toContain(`G=\${g:-$(( ${DF_PERIOD_SECONDS * 100} / q ))};`);
    expect(program).toContain(sampleEnd('$n$i'));
    // Without G, df's phase is the shell's PID, and the first sample runs df whatever the phase.
    expect(program).toContain('[ -z "$w" ] && [ -z "$g" ] && k=$$;');
    expect(program).toContain('if { [ -z "$w" ] || [ $(( (k + i) % G )) -eq 0 ]; } && [ -z "$J" ]; then');
  });

  it('names only sections the reader knows', () => {
    const names = [...program.matchAll(/\ba ([a-z]+);/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => !(SECTIONS as readonly string[]).includes(n!))).toEqual([]);
  });
});

describe('shellOneLine', () => {
  it.each([
    ['# comment\nx=1;\n  y=2;\n', 'x=1; y=2;'],
    ['while true; do\n  a;\ndone;\n', 'while true; do a; done;'],
    ['\n\n', ''],
  ])('%j → %j', (input, want) => {
    expect(shellOneLine(input)).toBe(want);
  });
});
