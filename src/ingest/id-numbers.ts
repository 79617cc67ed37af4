/**
 * Distinct ids numbered 0, 1, 2… in the order first met (ingest's row path numbers the people
 * of millions of involvement rows this way). Ids are usually a fixed prefix and a run of digits
 * (`P0012345`, `NOM-88231`, `1234567`): such an id is numbered through a table indexed by the
 * value of its digits, with one table per digit count, so that `P01` and `P1` stay apart. The
 * prefix is that of the first id met. Any other id (another prefix, no digits, more than nine
 * digits, a value too large for the tables) goes through a `Map`. Each id always takes the same
 * route, so every distinct id gets exactly one number, as with a `Map` alone.
 *
 * Why: at a million people, a `Map` look-up per involvement row (5.9M) costs ~4 s of CPU, most of
 * it cache misses in a 1M-entry hash table; reading the digits of the id, which was just read
 * anyway, costs a few percent of that.
 */

/** Slots a table may have beyond 8 per id it holds (4 MB of Int32): sparse ids stay in the Map. */
const FREE_SLOTS = 1 << 20;
/** More digits than this and the value may not fit the tables' integers. */
const MAX_DIGITS = 9;

export class IdNumbers {
  /** The ids by number. */
  readonly ids: string[] = [];
  private readonly other = new Map<string, number>();
  /** The prefix of patterned ids (set by the first id). */
  private prefix = '';
  private prefixLength = -1;
  /** By digit count: 1 + the number of the id whose digits have each value (0: none yet). */
  private readonly tables: Int32Array[] = [];
  /** By digit count: how many ids its table holds, and whether it may still grow. */
  private readonly held: number[] = [];
  private readonly frozen: boolean[] = [];
  /** Values at or above this go through the Map (bounds the tables' memory). */
  private readonly limit: number;

  /** `expected`: about how many rows will be numbered (sizes the tables' bound). */
  constructor(expected = 0) {
    this.limit = Math.max(1 << 20, 4 * expected);
  }

  /** Slots in the tables (their memory is 4 bytes each). */
  get slots(): number {
    let total = 0;
    for (const t of this.tables) if (t) total += t.length;
    return total;
  }

  /** The numbers of distinct `ids`, in order (number `k` is `ids[k]`). */
  static of(ids: readonly string[]): IdNumbers {
    const t = new IdNumbers(ids.length);
    for (const id of ids) t.number(id);
    return t;
  }

  /** The number of `id`, a new one when it was not met before. */
  number(id: string): number {
    if (this.prefixLength < 0) this.setPrefix(id);
    const v = this.value(id);
    const d = id.length - this.prefixLength;
    let table: Int32Array | undefined = this.tables[d];
    if (v >= 0 && (table === undefined || v >= table.length)) table = this.grow(d, v);
    if (v < 0 || table === undefined || v >= table.length) {
      let x = this.other.get(id);
      if (x === undefined) {
        x = this.ids.length;
        this.other.set(id, x);
        this.ids.push(id);
      }
      return x;
    }
    const e = table[v];
    if (e !== 0) return e - 1;
    const x = this.ids.length;
    table[v] = x + 1;
    this.held[d] = (this.held[d] ?? 0) + 1;
    this.ids.push(id);
    return x;
  }

  /**
   * The table slot through which `id` would be numbered now (0 when it has none): only read, to
   * bring the slot into cache before {@link IdNumbers.number} needs it (see `TOUCH_BLOCK`).
   */
  slot(id: string): number {
    if (this.prefixLength < 0) return 0;
    const v = this.value(id);
    if (v < 0) return 0;
    const table = this.tables[id.length - this.prefixLength];
    return table !== undefined && v < table.length ? table[v] : 0;
  }

  /** The prefix: the first id without its trailing digits (at most {@link MAX_DIGITS} of them). */
  private setPrefix(id: string): void {
    let k = id.length;
    while (k > 0 && id.length - k < MAX_DIGITS) {
      const c = id.charCodeAt(k - 1);
      if (c < 48 || c > 57) break;
      k--;
    }
    this.prefix = id.slice(0, k);
    this.prefixLength = k;
  }

  /** The value of `id`'s digits when it is the prefix and 1–9 digits below the limit, else −1. */
  private value(id: string): number {
    const p = this.prefixLength;
    const n = id.length;
    if (n <= p || n - p > MAX_DIGITS) return -1;
    const prefix = this.prefix;
    for (let k = 0; k < p; k++) if (id.charCodeAt(k) !== prefix.charCodeAt(k)) return -1;
    let v = 0;
    for (let k = p; k < n; k++) {
      const c = id.charCodeAt(k) - 48;
      if (c < 0 || c > 9) return -1;
      v = v * 10 + c;
    }
    return v < this.limit ? v : -1;
  }

  /**
   * The table of `d`-digit ids, grown (doubling) to hold value `v`; left as it is (or absent)
   * when that would leave it sparse: more than {@link FREE_SLOTS} plus 8 slots per id it holds.
   * Values at or above its length then go through the Map, always the same route for an id
   * (no such value was ever put in the table).
   */
  private grow(d: number, v: number): Int32Array | undefined {
    const old = this.tables[d];
    let size = old ? old.length : 1024;
    while (size <= v) size *= 2;
    size = Math.min(size, this.limit);
    if (this.frozen[d] || size > FREE_SLOTS + 8 * (this.held[d] ?? 0)) {
      this.frozen[d] = true;
      return old;
    }
    const table = new Int32Array(size);
    if (old) table.set(old);
    this.tables[d] = table;
    return table;
  }
}
