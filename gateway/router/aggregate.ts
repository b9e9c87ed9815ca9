/**
 * Merging stats buckets from several cooperatives by key: count and sums add,
 * min/max combine, avg = total sum / total count (never an average of
 * averages). Buckets come out sorted by their key values in `groupBy` order,
 * by code point, nulls last; the answer is shaped from the client's selection.
 */
import { compareSortValues } from '../../core/order';
import { subfields, type CollectedField, type Fragments, type Variables } from './collect';
import { STATS_KEYS as K } from './rewrite';
import type { StatsSpec } from './spec';

type Obj = Record<string, unknown>;

export interface MergedBucket {
  key: Array<string | null>;
  /** The first cooperative bucket with this key: key fields are copied from it. */
  sample: Obj;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  sums: Record<string, number>;
}

/** Reads a bucket's key tuple for the grouped dimensions from the added fields. */
export function bucketKey(bucket: Obj, spec: StatsSpec, groupBy: readonly string[]): Array<string | null> {
  return groupBy.map((dim) => {
    const d = spec.dimensions[dim];
    let value = bucket[K.dimension(dim)];
    if (d?.subfield && value != null) value = (value as Obj)[d.subfield];
    return value == null ? null : String(value);
  });
}

export function mergeBuckets(bucketLists: ReadonlyArray<readonly Obj[]>, spec: StatsSpec, groupBy: readonly string[]): MergedBucket[] {
  const merged = new Map<string, MergedBucket>();
  for (const buckets of bucketLists) {
    for (const bucket of buckets) {
      const key = bucketKey(bucket, spec, groupBy);
      const id = JSON.stringify(key);
      const existing = merged.get(id);
      merged.set(id, existing ? combine(existing, bucket, spec) : combine(emptyBucket(key, bucket), bucket, spec));
    }
  }
  return [...merged.values()].sort((a, b) => compareKeys(a.key, b.key));
}

function emptyBucket(key: Array<string | null>, sample: Obj): MergedBucket {
  return { key, sample, count: 0, sum: 0, min: null, max: null, sums: {} };
}

function combine(into: MergedBucket, bucket: Obj, spec: StatsSpec): MergedBucket {
  const amount = (bucket[K.amount] ?? {}) as { sum?: number | null; min?: number | null; max?: number | null };
  const sums = { ...into.sums };
  for (const f of spec.sumFields) sums[f] = (sums[f] ?? 0) + Number(bucket[K.sum(f)] ?? 0);
  return {
    ...into,
    count: into.count + Number(bucket[K.count] ?? 0),
    sum: into.sum + Number(amount.sum ?? 0),
    min: pick(into.min, amount.min, Math.min),
    max: pick(into.max, amount.max, Math.max),
    sums,
  };
}

function pick(a: number | null, b: number | null | undefined, f: (x: number, y: number) => number): number | null {
  if (b == null) return a;
  return a === null ? b : f(a, b);
}

export function compareKeys(a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareSortValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}

/** Shapes merged buckets from the client's selection of the stats field. */
export function shapeBuckets(
  buckets: readonly MergedBucket[],
  spec: StatsSpec,
  selections: readonly CollectedField[],
  fragments: Fragments,
  variables: Variables,
): Obj[] {
  return buckets.map((bucket) => {
    const out: Obj = {};
    for (const field of selections) {
      out[field.responseKey] = shapeBucketField(bucket, field, spec, fragments, variables);
    }
    return out;
  });
}

function shapeBucketField(bucket: MergedBucket, field: CollectedField, spec: StatsSpec, fragments: Fragments, variables: Variables): unknown {
  if (field.fieldName === spec.countField) return bucket.count;
  if (spec.sumFields.includes(field.fieldName)) return bucket.sums[field.fieldName] ?? 0;
  if (field.fieldName === spec.amountField) {
    const out: Obj = {};
    for (const sub of subfields(field, fragments, variables)) out[sub.responseKey] = amountStat(bucket, sub.fieldName);
    return out;
  }
  // Key fields and __typename are the same in every cooperative's bucket with this key.
  return bucket.sample[field.responseKey] ?? null;
}

function amountStat(bucket: MergedBucket, name: string): unknown {
  switch (name) {
    case 'sum':
      return bucket.count ? bucket.sum : null;
    case 'min':
      return bucket.min;
    case 'max':
      return bucket.max;
    case 'avg':
      return bucket.count ? bucket.sum / bucket.count : null;
    case '__typename':
      return 'AmountStats';
    default:
      return null;
  }
}
