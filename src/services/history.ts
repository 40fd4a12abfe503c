/**
 * A figure's recent values, oldest first, at most `capacity` of them: a ring
 * over one Float64Array, appended to in place. A host's history is written
 * once per sample and read only by the screen that draws it (toArray), so a
 * sample allocates nothing for it and the collector copies no history: it
 * lives as long as its host.
 */
export class History {
  private readonly ring: Float64Array;
  /** Where the oldest value is. */
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.ring = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(v: number): void {
    if (this.count < this.capacity) {
      this.ring[(this.start + this.count) % this.capacity] = v;
      this.count++;
    } else {
      this.ring[this.start] = v;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The newest value; undefined when there is none. */
  last(): number | undefined {
    return this.count === 0 ? undefined : this.ring[(this.start + this.count - 1) % this.capacity];
  }

  /** The values, oldest first, in a new array. */
  toArray(): number[] {
    const out = new Array<number>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.ring[(this.start + i) % this.capacity]!;
    return out;
  }
}
