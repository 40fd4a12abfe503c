/**
 * Intl.Segmenter, made on first use and shared. The two string-width copies
 * in the bundle (Ink's and wrap-ansi's) each make a grapheme segmenter when
 * their module is evaluated, and each costs ICU's set-up (~10 ms, more on a
 * busy machine). The bin installs this class as `Intl.Segmenter` before the
 * app runs: an instance makes the real segmenter the first time it segments,
 * and instances with the same arguments share one (a segmenter keeps no
 * state between segment() calls). Public API only: no dependency is changed.
 */
type Args = ConstructorParameters<typeof Intl.Segmenter>;

export function lazySegmenterClass(Real: typeof Intl.Segmenter): typeof Intl.Segmenter {
  const shared = new Map<string, Intl.Segmenter>();
  const real = (args: Args) => {
    const key = JSON.stringify(args);
    let s = shared.get(key);
    if (!s) shared.set(key, (s = new Real(...args)));
    return s;
  };
  class Segmenter {
    readonly #args: Args;
    constructor(...args: Args) {
      this.#args = args;
    }
    segment(input: string): Intl.Segments {
      return real(this.#args).segment(input);
    }
    resolvedOptions(): Intl.ResolvedSegmenterOptions {
      return real(this.#args).resolvedOptions();
    }
    static supportedLocalesOf = Real.supportedLocalesOf.bind(Real);
  }
  return Segmenter as unknown as typeof Intl.Segmenter;
}
