/**
 * Stats rows from an adapter → the schema's buckets (DESIGN.md §3 "Stats"):
 * key fields only for the dimensions grouped by, Classification and
 * Cooperative stubs, avg = sum / count, buckets sorted by their key values in
 * `groupBy` order (null last), empty buckets dropped. Pure.
 */
import { compareSortValues, type SortValue } from '../../core/order';
import { classificationStub, cooperativeStub, type ClassificationStub, type CooperativeStub } from './mapping';
import type { AmountAggregate, OrderDimension, OrderStatsRow, OrderStatus, ProductDimension, ProductStatsRow } from './port';

export interface AmountStats {
  sum: number | null;
  min: number | null;
  max: number | null;
  avg: number | null;
}

export interface ProductStatsBucket {
  cooperative: CooperativeStub | null;
  segment: ClassificationStub | null;
  family: ClassificationStub | null;
  supplierRegion: string | null;
  count: number;
  price: AmountStats;
}

export interface OrderStatsBucket {
  cooperative: CooperativeStub | null;
  month: string | null;
  segment: ClassificationStub | null;
  status: OrderStatus | null;
  count: number;
  quantity: number;
  amount: AmountStats;
}

export function amountStats(agg: AmountAggregate): AmountStats {
  if (agg.count === 0) return { sum: null, min: null, max: null, avg: null };
  return { sum: agg.sum, min: agg.min, max: agg.max, avg: agg.sum / agg.count };
}

/** Sorts buckets by their key values in `groupBy` order (stable, pure). */
function sortBuckets<B, D>(buckets: B[], groupBy: readonly D[], keyOf: (bucket: B, dimension: D) => SortValue): B[] {
  return [...buckets].sort((a, b) => {
    for (const dimension of groupBy) {
      const byKey = compareSortValues(keyOf(a, dimension), keyOf(b, dimension));
      if (byKey !== 0) return byKey;
    }
    return 0;
  });
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export function productBuckets(cooperativeId: string, rows: readonly ProductStatsRow[], groupBy: readonly ProductDimension[]): ProductStatsBucket[] {
  const dims = distinct(groupBy);
  const by = (d: ProductDimension) => dims.includes(d);
  const buckets = rows
    .filter((row) => row.count > 0)
    .map((row) => ({
      cooperative: by('COOPERATIVE') ? cooperativeStub(cooperativeId) : null,
      segment: by('SEGMENT') ? classificationStub(row.segment) : null,
      family: by('FAMILY') ? classificationStub(row.family) : null,
      supplierRegion: by('SUPPLIER_REGION') ? row.supplierRegion ?? null : null,
      count: row.count,
      price: amountStats(row),
    }));
  return sortBuckets(buckets, dims, (bucket, d) => {
    switch (d) {
      case 'COOPERATIVE':
        return bucket.cooperative?.id ?? null;
      case 'SEGMENT':
        return bucket.segment?.code ?? null;
      case 'FAMILY':
        return bucket.family?.code ?? null;
      case 'SUPPLIER_REGION':
        return bucket.supplierRegion;
    }
  });
}

export function orderBuckets(cooperativeId: string, rows: readonly OrderStatsRow[], groupBy: readonly OrderDimension[]): OrderStatsBucket[] {
  const dims = distinct(groupBy);
  const by = (d: OrderDimension) => dims.includes(d);
  const buckets = rows
    .filter((row) => row.count > 0)
    .map((row) => ({
      cooperative: by('COOPERATIVE') ? cooperativeStub(cooperativeId) : null,
      month: by('MONTH') ? row.month ?? null : null,
      segment: by('SEGMENT') ? classificationStub(row.segment) : null,
      status: by('STATUS') ? row.status ?? null : null,
      count: row.count,
      quantity: row.quantity,
      amount: amountStats(row),
    }));
  return sortBuckets(buckets, dims, (bucket, d) => {
    switch (d) {
      case 'COOPERATIVE':
        return bucket.cooperative?.id ?? null;
      case 'MONTH':
        return bucket.month;
      case 'SEGMENT':
        return bucket.segment?.code ?? null;
      case 'STATUS':
        return bucket.status;
    }
  });
}
