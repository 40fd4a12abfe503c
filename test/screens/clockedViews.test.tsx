// Views that follow the clock store themselves: a host that went quiet ages on
// screen with no data and no App render, and the status bar's HH:MM is drawn
// from the same clock.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { createClock } from '../../src/screens/clock';
import { DEFAULT_THRESHOLDS } from '../../src/screens/format';
import { OverviewScreen } from '../../src/screens/OverviewScreen';
import { ResourcesScreen } from '../../src/screens/ResourcesScreen';
import { matches, seededStore, sees } from './fixtures';

afterEach(() => cleanup());

// A context frozen 30 s in the past: only the clock can move the ages.
const frozen = { now: Date.now() - 30_000, refreshMs: 2000, thresholds: DEFAULT_THRESHOLDS };

describe('views on the clock store', () => {
  test('the overview ages a quiet host by the clock alone', async () => {
    const store = seededStore(Date.now() - 20_000);
    const clock = createClock(300);
    const r = render(<OverviewScreen store={store} selected="web-1" filter="" ctx={frozen} clock={clock} height={10} width={100} color={false} />);
    // web-1's figures are 21 s old by the clock (the frozen context would say none).
    await matches(() => r.lastFrame() ?? '', /web-1 .*stale 21s/);
    await matches(() => r.lastFrame() ?? '', /web-1 .*stale 22s/, 3000);
  });

  test('without a clock a view keeps the context it is given', () => {
    const store = seededStore(Date.now() - 20_000);
    const r = render(<OverviewScreen store={store} selected="web-1" filter="" ctx={frozen} height={10} width={100} color={false} />);
    expect(r.lastFrame()).not.toContain('stale');
  });

  test('the resources screen says how old its figures are by the clock', async () => {
    const store = seededStore(Date.now() - 20_000);
    const clock = createClock(300);
    const r = render(<ResourcesScreen store={store} host="web-1" scroll={0} ctx={frozen} clock={clock} height={20} width={100} color={false} />);
    await sees(() => r.lastFrame() ?? '', 'updated stale 2');
  });
});
