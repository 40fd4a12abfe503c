/**
 * The terminal size, tracked live (the clock is a store: clock.ts).
 * Ink 6 clears screen AND scrollback when a frame is as tall as the terminal
 * (its log-update), so the size is tracked live and every frame is cut to rows - 1.
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
