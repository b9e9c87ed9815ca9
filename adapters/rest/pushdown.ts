/**
 * What of a filter the mall can do itself (fewer rows over the wire). The
 * pushed-down part only ever narrows to a superset of the answer: the exact
 * filter still runs in memory afterwards (memory.ts), so a mall that filters
 * loosely cannot make an answer wrong.
 */
import { toLegacyDate } from '../../core/domain/legacy';
import { localCodesUnder } from '../../core/domain/unspsc';
import type { OrderFilter, ProductFilter } from '../../subgraphs/marketplace/port';
import type { QueryParams } from './client';
import { ORDER_STATUS_CODE } from './wire';

/**
 * `ctgryCd` list for a classification prefix: the local codes whose UNSPSC
 * mapping starts with it. Null when no local code can match (nothing to ask).
 */
export function goodsParams(filter: ProductFilter, categories: Readonly<Record<string, string>>): QueryParams | null {
  const params: Record<string, string> = {};
  if (filter.classificationPrefix) {
    const local = localCodesUnder(filter.classificationPrefix, categories);
    if (local.length === 0) return null;
    params.ctgryCd = local.join(',');
  }
  if (filter.supplierLocalId != null) params.vendorCd = filter.supplierLocalId;
  return params;
}

/**
 * Status, supplier, buyer and a day range for orders. `from` is inclusive and
 * `to` exclusive instants; the mall filters whole days in Asia/Seoul, so the
 * day range is widened to contain them and the exact bounds apply in memory.
 */
export function orderParams(filter: OrderFilter): QueryParams {
  const params: Record<string, string> = {};
  if (filter.status) params.ordStat = ORDER_STATUS_CODE[filter.status];
  if (filter.supplierLocalId != null) params.vendorCd = filter.supplierLocalId;
  if (filter.buyerBusinessNumber) params.buyerBizrNo = filter.buyerBusinessNumber.replace(/-/g, '');
  const from = filter.from ? Date.parse(filter.from) : NaN;
  const to = filter.to ? Date.parse(filter.to) : NaN;
  if (!Number.isNaN(from)) params.fromDt = toLegacyDate(from);
  if (!Number.isNaN(to)) params.toDt = toLegacyDate(to - 1); // last instant before the exclusive bound
  return params;
}
