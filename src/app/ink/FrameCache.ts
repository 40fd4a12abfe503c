/**
 * A map that forgets what one frame did not use: `get` promotes into this
 * frame's generation. A frame that reused less than half of what it asked
 * for (a log scrolling by in a flood: every row new) is not kept: its entries
 * would live just long enough to reach V8's old generation and die there —
 * the tokenized lines alone would grow the heap by tens of MB between full
 * collections under a log flood. Every cache of src/app/ink/
 * moves to its next generation when a frame is drawn (endFrameAll).
 */
export class FrameCache<V> {
  private static all: Array<FrameCache<unknown>> = [];
  /** A frame was drawn: every cache made so far moves to its next generation. */
  static endFrameAll(): void {
    for (const c of FrameCache.all) c.endFrame();
  }

  constructor() {
    FrameCache.all.push(this as FrameCache<unknown>);
  }

  private last = new Map<string, V>();
  private now = new Map<string, V>();
  private reused = 0;
  get(key: string, make: (key: string) => V): V {
    let v = this.now.get(key);
    if (v !== undefined) return v;
    v = this.last.get(key);
    if (v === undefined) v = make(key);
    else this.reused++;
    this.now.set(key, v);
    return v;
  }
  endFrame(): void {
    // After a dropped frame nothing can be reused: keep the next one regardless,
    // or one busy frame would leave the cache cold for good.
    this.last = this.last.size === 0 || this.reused * 2 >= this.now.size ? this.now : new Map();
    this.now = new Map();
    this.reused = 0;
  }
}
