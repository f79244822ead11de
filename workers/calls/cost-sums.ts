import { columnOf, packedValues, type PackedCost } from '../../src/analyze/cost.js';

/** Sums without float dust: costs are money, shown to far fewer places than this. */
const money = (x: number) => Math.round(x * 1e9) / 1e9;
const codeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Values joined into one chunk of the packed text: a page's worth. */
const JOIN_EVERY = 1000;

/** Columns given in parts (untagged entries, then the rest): the parts are not copied into one array first. */
function packOf(head: Pick<PackedCost, 'month' | 'tag'>, currencies: string[], text: string[], lengths: number[][], currency: number[][], costs: number[][]): PackedCost {
  return { month: head.month, ...(head.tag ? { tag: head.tag } : {}), currencies, text, lengths: columnOf(Uint32Array, ...lengths), currency: columnOf(Uint32Array, ...currency), costs: columnOf(Float64Array, ...costs) };
}

/**
 * One scope's cost per (tag value, currency), each summed in the order its items came, packed in
 * value order. A listing that gives a key's values in order, each once, as the Usage API has been
 * seen to (untagged cost anywhere), is packed as it comes: values are joined a page at a time, so a
 * key with a value per resource holds no string per value while its pages are read. Anything else
 * (a value again later, out of order, in a second currency) falls back to a map per currency.
 */
export class CostSums {
  readonly #currencies: string[] = [];
  readonly #lengths: number[] = [];
  readonly #currency: number[] = [];
  readonly #costs: number[] = [];
  readonly #joined: string[] = [];
  #page: string[] = [];
  #last: string | undefined;
  /** Untagged cost ('' first in value order) per currency, kept apart from the ordered values. */
  readonly #untagged = new Map<number, number>();
  #byCurrency?: Map<string, Map<string, number>>;

  add(value: string, currency: string, amount: number): void {
    if (this.#byCurrency) return this.#addToMap(value, currency, amount);
    let c = this.#currencies.indexOf(currency);
    if (c < 0) c = this.#currencies.push(currency) - 1;
    if (value === '') {
      this.#untagged.set(c, (this.#untagged.get(c) ?? 0) + amount);
      return;
    }
    const n = this.#costs.length;
    if (value === this.#last && this.#currency[n - 1] === c) {
      this.#costs[n - 1] += amount;
      return;
    }
    if (this.#last !== undefined && value <= this.#last) {
      this.#fallBack();
      return this.#addToMap(value, currency, amount);
    }
    this.#last = value;
    this.#page.push(value);
    this.#lengths.push(value.length);
    this.#currency.push(c);
    this.#costs.push(0 + amount);
    if (this.#page.length >= JOIN_EVERY) this.#joinPage();
  }

  /** Undefined when no item came. */
  pack(head: Pick<PackedCost, 'month' | 'tag'>): PackedCost | undefined {
    if (this.#byCurrency) return this.#packMap(head);
    if (!this.#costs.length && !this.#untagged.size) return undefined;
    const currencies = [...this.#currencies].sort(codeUnit);
    const place = this.#currencies.map((c) => currencies.indexOf(c));
    const untagged = [...this.#untagged].sort(([a], [b]) => place[a]! - place[b]!);
    this.#joinPage();
    // In place: the columns are this object's last use of them.
    for (let i = 0; i < this.#costs.length; i++) {
      this.#currency[i] = place[this.#currency[i]!]!;
      this.#costs[i] = money(this.#costs[i]!);
    }
    return packOf(
      head,
      currencies,
      this.#joined,
      [untagged.map(() => 0), this.#lengths],
      [untagged.map(([c]) => place[c]!), this.#currency],
      [untagged.map(([, sum]) => money(sum)), this.#costs],
    );
  }

  #joinPage(): void {
    if (this.#page.length) this.#joined.push(this.#page.join(''));
    this.#page = [];
  }

  #addToMap(value: string, currency: string, amount: number): void {
    const sums = this.#byCurrency!.get(currency) ?? this.#byCurrency!.set(currency, new Map()).get(currency)!;
    sums.set(value, (sums.get(value) ?? 0) + amount);
  }

  /** What was packed as it came goes into the maps, in the order it came (untagged first: a sum of its own either way). */
  #fallBack(): void {
    this.#byCurrency = new Map();
    for (const [c, sum] of this.#untagged) this.#addToMap('', this.#currencies[c]!, sum);
    this.#joinPage();
    let i = 0;
    for (const value of packedValues(this.#joined, this.#lengths)) this.#addToMap(value, this.#currencies[this.#currency[i]!]!, this.#costs[i++]!);
    for (const column of [this.#joined, this.#lengths, this.#currency, this.#costs]) column.length = 0;
  }

  #packMap(head: Pick<PackedCost, 'month' | 'tag'>): PackedCost | undefined {
    const byCurrency = this.#byCurrency!;
    if (!byCurrency.size) return undefined;
    const currencies = [...byCurrency.keys()].sort(codeUnit);
    const values = currencies.length === 1 ? [...byCurrency.get(currencies[0]!)!.keys()] : [...new Set(currencies.flatMap((c) => [...byCurrency.get(c)!.keys()]))];
    values.sort(codeUnit);
    const text: string[] = [];
    let chunk: string[] = [];
    const lengths: number[] = [];
    const currency: number[] = [];
    const costs: number[] = [];
    for (const value of values)
      currencies.forEach((c, i) => {
        const sum = byCurrency.get(c)!.get(value);
        if (sum === undefined) return;
        chunk.push(value);
        if (chunk.length >= JOIN_EVERY) {
          text.push(chunk.join(''));
          chunk = [];
        }
        lengths.push(value.length);
        currency.push(i);
        costs.push(money(sum));
      });
    if (chunk.length) text.push(chunk.join(''));
    return packOf(head, currencies, text, [lengths], [currency], [costs]);
  }
}
