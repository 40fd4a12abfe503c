/**
 * Maintenance windows (MO-001 runs Sundays 2:00–6:00 and operators watch the
 * cockpit through it): one host or the whole fleet, a reason, an end. Alerts
 * raised inside one are listed but expected and silent. Pure: every call
 * takes `now`.
 */

export interface MaintenanceWindow {
  id: number;
  /** null: the whole fleet. */
  host: string | null;
  reason: string;
  by: string;
  startsAt: number;
  endsAt: number;
  /** The Alertmanager silence that mirrors it, once created. */
  silenceId: string | null;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90m", "4h", "1h30m", "45s", "2d"; a bare number is minutes. null when unreadable or zero. */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t) > 0 ? Number(t) * 60_000 : null;
  if (!/^(\d+[smhd])+$/.test(t)) return null;
  let ms = 0;
  for (const m of t.matchAll(/(\d+)([smhd])/g)) ms += Number(m[1]) * UNITS[m[2]!]!;
  return ms > 0 ? ms : null;
}

/** Time left as an operator reads it: "3h 59m", "12m 5s", "40s". */
export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

export class MaintenanceWindows {
  private list: MaintenanceWindow[] = [];
  private nextId = 1;

  start(host: string | null, durationMs: number, reason: string, by: string, now: number): MaintenanceWindow {
    const w: MaintenanceWindow = { id: this.nextId++, host, reason, by, startsAt: now, endsAt: now + durationMs, silenceId: null };
    this.list.push(w);
    return w;
  }

  /** End the windows of a host (null: the fleet's own window) now; returns those ended. */
  end(host: string | null, now: number): MaintenanceWindow[] {
    const ended = this.list.filter((w) => w.host === host && w.endsAt > now).map((w) => ({ ...w, endsAt: now }));
    this.list = this.list.filter((w) => !ended.some((e) => e.id === w.id));
    return ended;
  }

  /** Windows whose time is up, removed from the list. */
  expire(now: number): MaintenanceWindow[] {
    const done = this.list.filter((w) => w.endsAt <= now);
    if (done.length > 0) this.list = this.list.filter((w) => w.endsAt > now);
    return done;
  }

  setSilence(id: number, silenceId: string): void {
    this.list = this.list.map((w) => (w.id === id ? { ...w, silenceId } : w));
  }

  /** Whether the host is inside a window (its own or the fleet's). */
  covers(host: string, now: number): boolean {
    return this.list.some((w) => (w.host === null || w.host === host) && w.startsAt <= now && now < w.endsAt);
  }

  active(now: number): MaintenanceWindow[] {
    return this.list.filter((w) => w.startsAt <= now && now < w.endsAt);
  }
}
