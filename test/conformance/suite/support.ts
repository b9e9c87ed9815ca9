/**
 * What the behaviour groups share: a fresh legacy system per group, reading
 * every record an adapter serves (the oracle's input), keysets, and the
 * normal forms records and stats buckets are compared in.
 */
import { GraphQLError } from 'graphql';
import type { SortValue } from '../../../core/order';
import type { ErpAdapter } from '../../../subgraphs/erp/port';
import { orderSortKey, productSortKey, supplierSortKey } from '../../../subgraphs/marketplace/memory';
import type {
  AmountAggregate,
  Keyset,
  MarketplaceAdapter,
  OrderRecord,
  Page,
  ProductOrderField,
  ProductRecord,
  SupplierRecord,
} from '../../../subgraphs/marketplace/port';
import type { ConformanceHarness, LegacyUnderTest } from '../harness';
import type { LegacyDataset } from '../../../demo/data/types';

export interface LegacyHandle {
  readonly legacy: LegacyUnderTest;
  readonly marketplace: MarketplaceAdapter;
  readonly erp: ErpAdapter;
  /** Runs `fn` and tells how many legacy calls it made. */
  callsDuring<T>(fn: () => Promise<T>): Promise<{ value: T; calls: number }>;
}

/** Registers beforeAll/afterAll that start a fresh legacy system for the enclosing describe block. */
export function useLegacy(harness: ConformanceHarness, dataset: LegacyDataset): LegacyHandle {
  let current: LegacyUnderTest | undefined;
  beforeAll(async () => {
    current = await harness.setup(structuredClone(dataset));
  });
  afterAll(async () => {
    await current?.teardown();
  });
  const legacy = (): LegacyUnderTest => {
    if (!current) throw new Error(`${harness.kind}: setup() did not complete`);
    return current;
  };
  return {
    get legacy() {
      return legacy();
    },
    get marketplace() {
      const adapter = legacy().marketplace;
      if (!adapter) throw new Error(`${harness.kind} declares the marketplace role but setup() returned no marketplace adapter`);
      return adapter;
    },
    get erp() {
      const adapter = legacy().erp;
      if (!adapter) throw new Error(`${harness.kind} declares the erp role but setup() returned no erp adapter`);
      return adapter;
    },
    async callsDuring<T>(fn: () => Promise<T>) {
      const before = legacy().legacyCalls();
      const value = await fn();
      return { value, calls: legacy().legacyCalls() - before };
    },
  };
}

// ───────────────────────────── reading everything ─────────────────────────────

export function productKeyset(row: ProductRecord, field: ProductOrderField): Keyset {
  return { key: productSortKey(row, field), id: row.localId };
}

/** Pages through a search with `first: 100` from the start, as the role server would. */
async function readAll<T extends { localId: string }>(
  search: (after: Keyset | null) => Promise<Page<T>>,
  keyOf: (row: T) => SortValue,
  what: string,
): Promise<T[]> {
  const rows: T[] = [];
  let after: Keyset | null = null;
  for (let pages = 1; ; pages++) {
    const page = await search(after);
    rows.push(...page.rows);
    if (!page.hasNextPage) return rows;
    if (page.rows.length === 0) throw new Error(`${what}: an empty page of first 100 says hasNextPage`);
    if (pages > 1000) throw new Error(`${what}: more than 1000 pages of 100, paging never ends`);
    const last = page.rows[page.rows.length - 1];
    after = { key: keyOf(last), id: last.localId };
  }
}

export function readAllProducts(adapter: MarketplaceAdapter): Promise<ProductRecord[]> {
  return readAll(
    (after) => adapter.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 100, after }),
    (p) => productSortKey(p, 'NAME'),
    'searchProducts',
  );
}

export function readAllSuppliers(adapter: MarketplaceAdapter): Promise<SupplierRecord[]> {
  return readAll(
    (after) => adapter.searchSuppliers({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 100, after }),
    supplierSortKey,
    'searchSuppliers',
  );
}

export function readAllOrders(adapter: MarketplaceAdapter): Promise<OrderRecord[]> {
  return readAll(
    (after) => adapter.searchOrders({ filter: {}, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 100, after }),
    orderSortKey,
    'searchOrders',
  );
}

/** Everything the adapter serves: the input of every oracle comparison. */
export interface AdapterRecords {
  products: ProductRecord[];
  suppliers: SupplierRecord[];
  orders: OrderRecord[];
}

export async function readAllRecords(adapter: MarketplaceAdapter): Promise<AdapterRecords> {
  return {
    products: await readAllProducts(adapter),
    suppliers: await readAllSuppliers(adapter),
    orders: await readAllOrders(adapter),
  };
}

// ───────────────────────────── normal forms ─────────────────────────────

export function byLocalId<T extends { localId: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.localId < b.localId ? -1 : a.localId > b.localId ? 1 : 0));
}

export function ids(rows: ReadonlyArray<{ localId: string }>): string[] {
  return rows.map((r) => r.localId);
}

/** Instants compare as instants: `2026-01-01T09:00:00+09:00` equals `2026-01-01T00:00:00Z`. */
export function comparableProduct(p: ProductRecord): Omit<ProductRecord, 'updatedAt'> & { updatedAt: number } {
  return { ...p, updatedAt: Date.parse(p.updatedAt) };
}

export function comparableOrder(o: OrderRecord): Omit<OrderRecord, 'orderedAt'> & { orderedAt: number } {
  return { ...o, orderedAt: Date.parse(o.orderedAt) };
}

/** ISO 8601 with an offset (what the DateTime scalar serves). */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Stats buckets in one order (by their key fields), with only the port's fields. */
export function sortedBuckets<T extends AmountAggregate>(rows: readonly T[], keyFields: ReadonlyArray<keyof T>, extra: ReadonlyArray<keyof T> = []): Array<Partial<T>> {
  const pick = (row: T): Partial<T> => {
    const out: Partial<T> = {};
    for (const field of [...keyFields, 'count', 'sum', 'min', 'max', ...extra] as Array<keyof T>) out[field] = row[field];
    return out;
  };
  const keyOf = (row: T) => JSON.stringify(keyFields.map((f) => row[f] ?? null));
  return [...rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)).map(pick);
}

/** Every subset of `dimensions`, in their given order (2^n of them). */
export function subsets<T>(dimensions: readonly T[]): T[][] {
  return dimensions.reduce<T[][]>((all, d) => [...all, ...all.map((s) => [...s, d])], [[]]);
}

// ───────────────────────────── errors ─────────────────────────────

/** The error `fn` rejects with (fails the test if it resolves). */
export async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export function graphQLCode(error: unknown): unknown {
  return error instanceof GraphQLError ? error.extensions.code : undefined;
}

/** Escapes a legacy code for a RegExp that finds it as a whole word in a report's row. */
export function codePattern(code: string): RegExp {
  return new RegExp(`(^|[^\\w-])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`);
}
