/**
 * Terminal size and the clock: the two things every frame depends on.
 * Ink 6 clears screen AND scrollback when a frame is as tall as the terminal
 * (ANCHORS.md), so the size is tracked live and every frame is cut to rows - 1.
 */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

const FALLBACK = { rows: 24, columns: 80 };

export function useTerminalSize(rowsProp?: number, columnsProp?: number): { rows: number; columns: number } {
  const { stdout } = useStdout();
  const read = () => ({
    rows: rowsProp ?? (stdout.rows || FALLBACK.rows),
    columns: columnsProp ?? (stdout.columns || FALLBACK.columns),
  });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => {
      const next = read();
      setSize((cur) => (cur.rows === next.rows && cur.columns === next.columns ? cur : next));
    };
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout, rowsProp, columnsProp]);
  return size;
}

/**
 * Wall-clock time for ages and the clock, ticking every `periodMs` on the
 * period's boundaries (plus a little, so the tick lands after the aligned
 * polls have drawn). ONE timer for the whole cockpit: each tick redraws the
 * whole frame, and a per-second clock alone doubled the idle cost. Data that
 * arrives redraws anyway, so live figures never wait for this tick; it only
 * ages hosts that have gone quiet.
 */
export function useClock(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: NodeJS.Timeout;
    const arm = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          arm();
        },
        periodMs - (Date.now() % periodMs) + 150,
      );
      // The clock alone must never keep the process alive.
      timer.unref?.();
    };
    arm();
    return () => clearTimeout(timer);
  }, [periodMs]);
  return now;
}
