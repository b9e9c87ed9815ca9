/**
 * Stats rows → the template's buckets (DESIGN.md §3 "Stats"): key fields only
 * for the dimensions grouped by, Cooperative and Classification stubs,
 * avg = sum / count, sorted by key values in `groupBy` order with null last.
 * Pure.
 */
import { compareSortValues, type SortValue } from '../../../core/order';
import type { AmountAggregate, OrderDimension, OrderStatsRow, ProductDimension, ProductStatsRow } from '../../../subgraphs/marketplace/port';

const stub = (code: string | null) => (code === null ? null : { code });

function amountStats(a: AmountAggregate) {
  return a.count === 0 ? { sum: null, min: null, max: null, avg: null } : { sum: a.sum, min: a.min, max: a.max, avg: a.sum / a.count };
}

/** Buckets sorted by the key of each dimension in turn (stable). */
function sorted<B, D>(buckets: B[], dims: readonly D[], keyOf: (bucket: B, d: D) => SortValue): B[] {
  const compare = (a: B, b: B) => dims.reduce((c, d) => c || compareSortValues(keyOf(a, d), keyOf(b, d)), 0);
  return [...buckets].sort(compare);
}

export function productBuckets(cooperativeId: string, rows: readonly ProductStatsRow[], groupBy: readonly ProductDimension[]) {
  const by = (d: ProductDimension) => groupBy.includes(d);
  const buckets = rows
    .filter((r) => r.count > 0)
    .map((r) => ({
      cooperative: by('COOPERATIVE') ? { id: cooperativeId } : null,
      segment: by('SEGMENT') ? stub(r.segment) : null,
      family: by('FAMILY') ? stub(r.family) : null,
      supplierRegion: by('SUPPLIER_REGION') ? r.supplierRegion : null,
      count: r.count,
      price: amountStats(r),
    }));
  return sorted(buckets, groupBy, (b, d) => {
    switch (d) {
      case 'COOPERATIVE':
        return b.cooperative?.id ?? null;
      case 'SEGMENT':
        return b.segment?.code ?? null;
      case 'FAMILY':
        return b.family?.code ?? null;
      case 'SUPPLIER_REGION':
        return b.supplierRegion;
    }
  });
}

export function orderBuckets(cooperativeId: string, rows: readonly OrderStatsRow[], groupBy: readonly OrderDimension[]) {
  const by = (d: OrderDimension) => groupBy.includes(d);
  const buckets = rows
    .filter((r) => r.count > 0)
    .map((r) => ({
      cooperative: by('COOPERATIVE') ? { id: cooperativeId } : null,
      month: by('MONTH') ? r.month : null,
      segment: by('SEGMENT') ? stub(r.segment) : null,
      status: by('STATUS') ? r.status : null,
      count: r.count,
      quantity: r.quantity,
      amount: amountStats(r),
    }));
  return sorted(buckets, groupBy, (b, d) => {
    switch (d) {
      case 'COOPERATIVE':
        return b.cooperative?.id ?? null;
      case 'MONTH':
        return b.month;
      case 'SEGMENT':
        return b.segment?.code ?? null;
      case 'STATUS':
        return b.status;
    }
  });
}
