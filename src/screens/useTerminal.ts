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
 * Wall-clock time, re-rendered on each new second and no more often: ONE
 * timer for the whole cockpit (spinners and extra intervals are what make
 * TUIs burn CPU while idle). The timer is re-armed to the next second
 * boundary so the clock does not drift or skip.
 */
export function useClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: NodeJS.Timeout;
    const arm = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          arm();
        },
        1000 - (Date.now() % 1000) + 5,
      );
      // The clock alone must never keep the process alive.
      timer.unref?.();
    };
    arm();
    return () => clearTimeout(timer);
  }, []);
  return now;
}
