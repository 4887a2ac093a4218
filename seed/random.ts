// The one random source of the demo dataset. Every draw of every step comes from one Dice in a fixed
// order, so the order in which the steps call it is part of the dataset: reordering two draws changes
// every record after them (test/seed-digest.test.ts notices).

import { Faker, base, en, generateMersenne53Randomizer, type Randomizer } from '@faker-js/faker';

/**
 * Thin helpers over one seeded faker. Numbers come straight from faker's randomizer (the same
 * Mersenne Twister stream its own methods draw from), which skips faker's option handling: the
 * dataset makes tens of millions of draws at scale 50.
 */
export class Dice {
  readonly faker: Faker;
  private readonly randomizer: Randomizer;

  constructor(seed: number) {
    // Seeded at construction too: unseeded, faker would draw its first seed from Math.random.
    this.randomizer = generateMersenne53Randomizer(seed);
    this.faker = new Faker({ locale: [en, base], randomizer: this.randomizer });
    this.faker.seed(seed);
  }

  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range ${min}..${max}`);
    return min + Math.floor(this.randomizer.next() * (max - min + 1));
  }

  real(min = 0, max = 1): number {
    return min + (max - min) * this.randomizer.next();
  }

  chance(probability: number): boolean {
    return this.randomizer.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.real(0, total);
    for (const [item, weight] of entries) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return entries[entries.length - 1][0];
  }

  /** One item of a table built once, for draws repeated many times over long lists. */
  from<T>(table: WeightedTable<T>): T {
    const roll = this.real(0, table.total);
    let low = 0;
    let high = table.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (table.cumulative[middle] > roll) high = middle;
      else low = middle + 1;
    }
    return table.items[low];
  }

  /** A version 4 UUID from the seeded source (faker's own draws once per hex digit, too slow for 10^5 responses). */
  uuid(): string {
    const bytes: string[] = [];
    for (let word = 0; word < 4; word++) {
      const value = this.int(0, 0xffff_ffff);
      bytes.push(HEX_BYTES[value >>> 24], HEX_BYTES[(value >>> 16) & 0xff], HEX_BYTES[(value >>> 8) & 0xff], HEX_BYTES[value & 0xff]);
    }
    bytes[6] = HEX_BYTES[0x40 | (parseInt(bytes[6], 16) & 0x0f)];
    bytes[8] = HEX_BYTES[0x80 | (parseInt(bytes[8], 16) & 0x3f)];
    const hex = bytes.join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const n = Math.min(count, items.length);
    if (n <= 0) return [];
    if (n * 4 < items.length) {
      const chosen = new Set<number>();
      const result: T[] = [];
      while (result.length < n) {
        const index = this.int(0, items.length - 1);
        if (!chosen.has(index)) {
          chosen.add(index);
          result.push(items[index]);
        }
      }
      return result;
    }
    const copy = items.slice();
    for (let i = 0; i < n; i++) {
      const j = this.int(i, copy.length - 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }

  /** Distinct items drawn with probability proportional to weight. */
  weightedSample<T>(entries: readonly (readonly [T, number])[], count: number): T[] {
    const remaining = entries.filter(([, weight]) => weight > 0).slice();
    const result: T[] = [];
    while (result.length < count && remaining.length > 0) {
      const index = this.weighted(remaining.map(([, weight], i) => [i, weight] as const));
      result.push(remaining[index][0]);
      remaining.splice(index, 1);
    }
    return result;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export class WeightedTable<T> {
  readonly items: T[] = [];
  readonly cumulative: number[] = [];
  readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    let total = 0;
    for (const [item, weight] of entries) {
      if (weight <= 0) continue;
      total += weight;
      this.items.push(item);
      this.cumulative.push(total);
    }
    this.total = total;
  }
}
