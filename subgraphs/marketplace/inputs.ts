/**
 * Validation of the marketplace's query arguments and their translation into
 * the adapter port's terms (local ids). Pure apart from throwing
 * `BAD_USER_INPUT`.
 */
import { badInput } from '../../core/errors';
import { assertDateTime } from '../shared/dateTime';
import { assertCooperativeId } from '../../core/ids';
import { isClassificationPrefix } from '../../core/domain/unspsc';
import type { SortDirection } from '../../core/order';
import type { IdMapper } from './mapping';
import type { OrderFilter, OrderStatus, ProductFilter, ProductOrderField, SortOrder, SupplierFilter } from './port';

export const MAX_FIRST = 100;
export const DEFAULT_FIRST = 20;

/** `first` from 0 to 100; an explicit null means the default. */
export function validateFirst(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    throw badInput(`first must be from 0 to ${MAX_FIRST}, got ${first}`, { first });
  }
  return first;
}

/**
 * Whether this cooperative is among `cooperatives:` (absent means all);
 * a malformed id in the list is `BAD_USER_INPUT`.
 */
export function includesCooperative(cooperativeId: string, cooperatives: readonly string[] | null | undefined): boolean {
  if (cooperatives === null || cooperatives === undefined) return true;
  for (const id of cooperatives) assertCooperativeId(id);
  return cooperatives.includes(cooperativeId);
}

/** An adapter filter, or `null` when the filter can match no row of this cooperative. */
export type Translated<F> = F | null;

export interface ProductFilterInput {
  text?: string | null;
  classificationPrefix?: string | null;
  supplierId?: string | null;
  gtin?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
}

export interface SupplierFilterInput {
  text?: string | null;
  region?: string | null;
  businessNumber?: string | null;
}

export interface OrderFilterInput {
  status?: OrderStatus | null;
  from?: string | null;
  to?: string | null;
  buyerBusinessNumber?: string | null;
  supplierId?: string | null;
}

export interface ProductOrderInput {
  field?: ProductOrderField | null;
  direction?: SortDirection | null;
}

/** Local supplier id of a `supplierId` filter: undefined when absent, null when another cooperative's. */
function supplierLocalIdOf(ids: IdMapper, supplierId: string | null | undefined): string | null | undefined {
  if (supplierId === null || supplierId === undefined) return undefined;
  return ids.ownLocalId(supplierId);
}

export function productFilterOf(ids: IdMapper, input: ProductFilterInput | null | undefined): Translated<ProductFilter> {
  const f = input ?? {};
  if (f.classificationPrefix != null && !isClassificationPrefix(f.classificationPrefix)) {
    throw badInput(`classificationPrefix must be 2, 4, 6 or 8 digits, got ${JSON.stringify(f.classificationPrefix)}`, {
      classificationPrefix: f.classificationPrefix,
    });
  }
  const supplierLocalId = supplierLocalIdOf(ids, f.supplierId);
  if (supplierLocalId === null) return null;
  return {
    text: f.text ?? null,
    classificationPrefix: f.classificationPrefix ?? null,
    supplierLocalId: supplierLocalId ?? null,
    gtin: f.gtin ?? null,
    minPrice: f.minPrice ?? null,
    maxPrice: f.maxPrice ?? null,
  };
}

export function supplierFilterOf(input: SupplierFilterInput | null | undefined): SupplierFilter {
  const f = input ?? {};
  return { text: f.text ?? null, region: f.region ?? null, businessNumber: f.businessNumber ?? null };
}

export function orderFilterOf(ids: IdMapper, input: OrderFilterInput | null | undefined): Translated<OrderFilter> {
  const f = input ?? {};
  assertDateTime(f.from, 'filter.from');
  assertDateTime(f.to, 'filter.to');
  const supplierLocalId = supplierLocalIdOf(ids, f.supplierId);
  if (supplierLocalId === null) return null;
  return {
    status: f.status ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    buyerBusinessNumber: f.buyerBusinessNumber ?? null,
    supplierLocalId: supplierLocalId ?? null,
  };
}

/** `orderBy`, default NAME ASC. */
export function productOrderOf(input: ProductOrderInput | null | undefined): SortOrder<ProductOrderField> {
  return { field: input?.field ?? 'NAME', direction: input?.direction ?? 'ASC' };
}
