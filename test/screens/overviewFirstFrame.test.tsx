// The plain first frame (overviewFirstFrame) against the App's first frame as
// Ink draws it through its real render path, both read back cell by cell
// (character, colour, bold, inverse) from a terminal emulator: what keeps
// the two from drifting apart.
// Ink draws in colours (inkColoursInThisFile), and not in CI mode (test/setupEnv.ts).
import { EventEmitter } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { render } from 'ink';
import { Terminal } from '@xterm/headless';
import { App } from '../../src/app/App';
import { createLiveStore, type HostSeed } from '../../src/services/liveStore';
import { createAlertStore } from '../../src/services/alerts/alertStore';
import { overviewFirstFrame } from '../../src/screens/overviewFirstFrame';
import { recordingActions } from './fixtures';
import { inkColoursInThisFile } from './inkColours';

const NOW = new Date(2026, 11, 7, 9, 41, 30).getTime();

class FakeTty extends EventEmitter {
  isTTY = true;
  written = '';
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (s: string) => {
    this.written += s;
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => null;
}

const alertActions = {
  acknowledge: async () => '',
  resolve: async () => '',
  startMaintenance: async () => '',
  endMaintenance: async () => '',
};

const seed = (name: string, over: Partial<HostSeed> = {}): HostSeed => ({
  name,
  tags: [],
  production: false,
  address: `ops@${name}:22`,
  databaseTarget: null,
  dockerConfigured: false,
  state: 'connecting',
  ...over,
});

interface Case {
  name: string;
  hosts: HostSeed[];
  columns: number;
  rows: number;
  color?: boolean;
  initialHost?: string;
  readOnly?: boolean;
}

const many = Array.from({ length: 60 }, (_, i) =>
  seed(`web-${String(i + 1).padStart(2, '0')}`, { production: i % 7 === 0, tags: i % 7 === 0 ? ['production'] : [] }),
);
const CASES: Case[] = [
  { name: 'one host, 120 columns', hosts: [seed('lab-1')], columns: 120, rows: 32 },
  { name: 'one host, 80 columns', hosts: [seed('lab-1')], columns: 80, rows: 24 },
  {
    name: 'production tags, a database, a long name, 120 columns',
    hosts: [
      seed('db-primary', { production: true, tags: ['production'], databaseTarget: 'app@127.0.0.1:5432/risk' }),
      seed('a-very-long-host-name-that-goes-on-and-on'),
      seed('lab-3'),
    ],
    columns: 120,
    rows: 32,
  },
  {
    name: 'production tags, a database, a long name, 80 columns',
    hosts: [
      seed('db-primary', { production: true, tags: ['production'], databaseTarget: 'x' }),
      seed('a-very-long-host-name-that-goes-on-and-on'),
      seed('lab-3'),
    ],
    columns: 80,
    rows: 24,
  },
  { name: 'more hosts than rows, 120 columns', hosts: many, columns: 120, rows: 32 },
  { name: 'more hosts than rows, 80 columns', hosts: many, columns: 80, rows: 24 },
  { name: '--host selects a host past the screen', hosts: many, columns: 120, rows: 32, initialHost: 'web-45' },
  { name: 'no colour (NO_COLOR)', hosts: many.slice(0, 9), columns: 120, rows: 32, color: false },
  { name: '--read-only', hosts: many.slice(0, 3), columns: 100, rows: 20, readOnly: true },
  { name: 'a narrow terminal', hosts: many.slice(0, 3), columns: 40, rows: 10 },
  { name: 'a short terminal', hosts: many.slice(0, 3), columns: 120, rows: 5 },
];

interface CellOf {
  ch: string;
  fg: number;
  fgMode: number;
  bg: number;
  bold: number;
  inverse: number;
  dim: number;
}

async function cells(bytes: string, columns: number, rows: number): Promise<CellOf[][]> {
  // A terminal turns "\n" into a new line at column 1 (the pseudo-terminal's ONLCR); so does this one.
  const term = new Terminal({ cols: columns, rows, allowProposedApi: true, convertEol: true });
  await new Promise<void>((r) => term.write(bytes, r));
  const b = term.buffer.active;
  const out: CellOf[][] = [];
  for (let y = 0; y < rows; y++) {
    const line = b.getLine(b.viewportY + y)!;
    const row: CellOf[] = [];
    for (let x = 0; x < columns; x++) {
      const c = line.getCell(x)!;
      row.push({
        ch: c.getChars() || ' ',
        fg: c.getFgColor(),
        fgMode: c.getFgColorMode(),
        bg: c.getBgColor(),
        bold: c.isBold(),
        inverse: c.isInverse(),
        dim: c.isDim(),
      });
    }
    out.push(row);
  }
  term.dispose();
  return out;
}

const text = (screen: CellOf[][]) =>
  screen
    .map((r) =>
      r
        .map((c) => c.ch)
        .join('')
        .trimEnd(),
    )
    .join('\n');

inkColoursInThisFile();
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});
afterAll(() => {
  vi.useRealTimers();
});
const unmounts: Array<() => void> = [];
afterEach(() => {
  for (const u of unmounts.splice(0)) u();
});

/** The App's first frame, as Ink writes it to a terminal of this size. */
function inkFirstFrame(c: Case): string {
  const store = createLiveStore(c.hosts, { readOnly: c.readOnly });
  const stdout = new FakeTty(c.columns, c.rows);
  const ink = render(
    <App
      store={store}
      actions={recordingActions()}
      alerts={{ store: createAlertStore(), actions: alertActions }}
      version="0.1.0"
      onQuit={() => {}}
      color={c.color ?? true}
      initialHost={c.initialHost ?? null}
      refreshMs={2000}
    />,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 30,
    },
  );
  unmounts.push(() => ink.unmount());
  // Ink's first render is synchronous and unthrottled: its frame is out now.
  return stdout.written;
}

describe("the plain first frame is the App's first frame, cell for cell", () => {
  test.each(CASES)('$name', async (c) => {
    const ink = inkFirstFrame(c);
    const plain = overviewFirstFrame(createLiveStore(c.hosts, { readOnly: c.readOnly }).getState(), {
      columns: c.columns,
      rows: c.rows,
      color: c.color ?? true,
      version: '0.1.0',
      now: NOW,
      initialHost: c.initialHost ?? null,
      refreshMs: 2000,
    });
    expect(plain).not.toBeNull();
    const inkScreen = await cells(ink, c.columns, c.rows);
    const plainScreen = await cells(plain!, c.columns, c.rows);
    expect(text(plainScreen)).toBe(text(inkScreen));
    expect(text(plainScreen)).toMatch(/Overview/);
    expect(plainScreen).toEqual(inkScreen);
  });
});

describe('what the plain first frame does not draw', () => {
  const options = { columns: 120, rows: 32, color: true, version: '0.1.0', now: NOW, initialHost: null, refreshMs: 2000 };
  test('a host name wider than its characters (a wide or combining character)', () => {
    expect(overviewFirstFrame(createLiveStore([seed('東京-1')]).getState(), options)).toBeNull();
  });
  test('a terminal of fewer than four rows', () => {
    expect(overviewFirstFrame(createLiveStore([seed('lab-1')]).getState(), { ...options, rows: 3 })).toBeNull();
  });
  test('no hosts', () => {
    expect(overviewFirstFrame(createLiveStore([]).getState(), options)).toBeNull();
  });
});
