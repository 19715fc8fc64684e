/** A small seeded generator (mulberry32): the same seed gives the same requests, run after run. */
export interface Random {
  readonly next: () => number;
  readonly int: (maxExclusive: number) => number;
  readonly pick: <A>(items: ReadonlyArray<A>) => A;
  readonly chance: (p: number) => boolean;
  readonly string: (length: number, alphabet?: string) => string;
}

const printable =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.~!*\'();:@&=+$,/?#[]{}"\\<>%^`|';

export const seeded = (seed: number): Random => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number) => Math.floor(next() * maxExclusive);
  return {
    next,
    int,
    pick: (items) => items[int(items.length)]!,
    chance: (p) => next() < p,
    string: (length, alphabet = printable) => {
      let s = '';
      for (let i = 0; i < length; i += 1) s += alphabet[int(alphabet.length)];
      return s;
    },
  };
};
