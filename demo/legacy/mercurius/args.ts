/**
 * The template's arguments checked and turned into this cooperative's terms
 * (local ids), with the network's `BAD_USER_INPUT` rules (DESIGN.md §3
 * "Exact semantics", "Ids"). Pure apart from throwing.
 */
import { badInput } from '../../../core/errors';
import { assertCooperativeId, parseGlobalId } from '../../../core/ids';
import { isClassificationPrefix } from '../../../core/domain/unspsc';
import type { SortDirection } from '../../../core/order';
import type { OrderFilter, OrderStatus, ProductFilter, ProductOrderField, SortOrder, SupplierFilter } from '../../../subgraphs/marketplace/port';
import { assertDateTime } from '../../../subgraphs/shared/dateTime';

export const DEFAULT_FIRST = 20;
export const MAX_FIRST = 100;

/** `first` from 0 to 100; null means the default. */
export function firstOf(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) throw badInput(`first must be from 0 to ${MAX_FIRST}, got ${first}`, { first });
  return first;
}

/** Whether `cooperatives:` (absent = all) names this cooperative; a malformed entry is `BAD_USER_INPUT`. */
export function inScope(cooperativeId: string, cooperatives: readonly string[] | null | undefined): boolean {
  if (cooperatives === null || cooperatives === undefined) return true;
  cooperatives.forEach(assertCooperativeId);
  return cooperatives.includes(cooperativeId);
}

/** The local id of one of this cooperative's global ids, null for another cooperative's; malformed → `BAD_USER_INPUT`. */
export function localIdOf(cooperativeId: string, id: unknown): string | null {
  const parsed = parseGlobalId(id as string);
  return parsed.cooperativeId === cooperativeId ? parsed.localId : null;
}

/** A filter in local terms, or `NOTHING` when it can match no row here (another cooperative's supplier). */
export const NOTHING = Symbol('matches nothing');
export type Filter<F> = F | typeof NOTHING;

export interface ProductFilterArg {
  text?: string | null;
  classificationPrefix?: string | null;
  supplierId?: string | null;
  gtin?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
}

export interface SupplierFilterArg {
  text?: string | null;
  region?: string | null;
  businessNumber?: string | null;
}

export interface OrderFilterArg {
  status?: OrderStatus | null;
  from?: string | null;
  to?: string | null;
  buyerBusinessNumber?: string | null;
  supplierId?: string | null;
}

/** `supplierId` in local terms: undefined when absent, NOTHING when another cooperative's. */
function supplierOf(cooperativeId: string, supplierId: string | null | undefined): string | undefined | typeof NOTHING {
  if (supplierId === null || supplierId === undefined) return undefined;
  return localIdOf(cooperativeId, supplierId) ?? NOTHING;
}

export function productFilterOf(cooperativeId: string, arg: ProductFilterArg | null | undefined): Filter<ProductFilter> {
  const { supplierId, ...f } = arg ?? {};
  if (f.classificationPrefix != null && !isClassificationPrefix(f.classificationPrefix)) {
    throw badInput(`classificationPrefix must be 2, 4, 6 or 8 digits, got ${JSON.stringify(f.classificationPrefix)}`, { classificationPrefix: f.classificationPrefix });
  }
  const supplierLocalId = supplierOf(cooperativeId, supplierId);
  if (supplierLocalId === NOTHING) return NOTHING;
  return { ...f, supplierLocalId: supplierLocalId ?? null };
}

export function supplierFilterOf(arg: SupplierFilterArg | null | undefined): SupplierFilter {
  return { text: arg?.text ?? null, region: arg?.region ?? null, businessNumber: arg?.businessNumber ?? null };
}

export function orderFilterOf(cooperativeId: string, arg: OrderFilterArg | null | undefined): Filter<OrderFilter> {
  const { supplierId, ...f } = arg ?? {};
  assertDateTime(f.from, 'filter.from');
  assertDateTime(f.to, 'filter.to');
  const supplierLocalId = supplierOf(cooperativeId, supplierId);
  if (supplierLocalId === NOTHING) return NOTHING;
  return { ...f, supplierLocalId: supplierLocalId ?? null };
}

export interface ProductOrderArg {
  field?: ProductOrderField | null;
  direction?: SortDirection | null;
}

/** `orderBy`, NAME ASC by default. */
export function productOrderOf(arg: ProductOrderArg | null | undefined): SortOrder<ProductOrderField> {
  return { field: arg?.field ?? 'NAME', direction: arg?.direction ?? 'ASC' };
}
