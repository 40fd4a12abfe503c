// A secret parameter in the cockpit: masked as it is typed on the input line,
// never on screen afterwards, `[redacted]` in the journal and the output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { libraryFromTexts } from '../../src/services/procedures/loadLibrary';
import { commandLineText } from '../../src/screens/widgets/CommandLine';
import { initialUi, uiReducer } from '../../src/screens/uiStore';
import { startProcedures, until } from './proceduresHarness';
import { sees } from './fixtures';

afterEach(() => cleanup());

describe('the input line of a secret', () => {
  it.each([
    ['a secret: one • per character', 'param', 's3cr3t!', true, 'secret value: •••••••'],
    ['not a secret: as typed', 'param', 'api', false, 'value: api'],
  ] as const)('%s', (_n, kind, text, secret, want) => expect(commandLineText(kind, text, 80, undefined, secret)).toBe(want));
  it('opening the line for a secret marks it; the text kept is the real one', () => {
    let s = uiReducer(initialUi(), { type: 'openInput', kind: 'param', secret: true });
    s = uiReducer(s, { type: 'edit', op: 'insert', text: 'hunter2' });
    expect(s.input).toEqual({ kind: 'param', text: 'hunter2', secret: true });
  });
});

const text = '# L\n\n## Testing\n\n### TS-001: Secret\n\n**Steps:**\n\n1. **Use It**\n   ```bash\n   echo "using [db_password] now"\n   ```\n';

test('typed in the cockpit: masked on the line, [redacted] in the output and the journal', async () => {
  const h = await startProcedures(libraryFromTexts([{ file: 'secret.md', text }]), { stateTag: 'secret' });
  await h.press('p');
  await sees(h.frame, 'TS-001');
  await h.press('x');
  await sees(h.frame, 'TS-001: [db_password] (secret, masked as typed)');
  await h.press('hunter22');
  await sees(h.frame, 'secret value: ••••••••');
  expect(h.frame()).not.toContain('hunter22');
  await h.press('\r');
  await until(() => h.frame().includes('TS-001 on local · completed'), 8000);
  expect(h.frame()).toContain('using [redacted] now');
  expect(h.frame()).not.toContain('hunter22');
  const dir = join(h.state, 'runs');
  const journal = readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8');
  expect(journal).not.toContain('hunter22');
  expect(journal).toContain('"db_password":"[redacted]"');
});
