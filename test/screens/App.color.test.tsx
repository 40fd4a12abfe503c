// Ink draws colours here, so that color={false} is really what removes them
// (NO_COLOR is the app layer's business, not the screens').
import { afterEach, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/app/App';
import { recordingActions, seededStore } from './fixtures';
import { inkColoursInThisFile } from './inkColours';

const FOREGROUND = /\u001b\[(3[0-7]|9[0-7])m/;
const INVERSE = '\u001b[7m';

inkColoursInThisFile();
afterEach(() => cleanup());

async function frameWith(color: boolean): Promise<string> {
  const r = render(<App store={seededStore()} actions={recordingActions()} version="0.1.0" onQuit={() => {}} rows={12} columns={100} color={color} />);
  await new Promise((res) => setTimeout(res, 25));
  return r.lastFrame() ?? '';
}

test('with colour: thresholds and states are coloured', async () => {
  const f = await frameWith(true);
  expect(f).toMatch(FOREGROUND);
  expect(f).toContain('\u001b[31m'); // red: the PROD badge, the error
});

test('color={false} (NO_COLOR): no colour at all, inverse still marks PROD and the selection', async () => {
  const f = await frameWith(false);
  expect(f).not.toMatch(FOREGROUND);
  expect(f).toContain(INVERSE);
  expect(f).toContain('PROD');
  expect(f).toContain('error (connect');
});
