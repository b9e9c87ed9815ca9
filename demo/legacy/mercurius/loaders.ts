/**
 * Mercurius loaders: every lookup by id is one store batch per request tick.
 *
 * `__resolveReference` goes here rather than in the resolvers on purpose:
 * @mercuriusjs/federation's `_entities` calls the type's reference resolver
 * once per representation (no batching of its own), so a loader is what turns
 * `_entities(representations: [50 products])` into one `getProducts` call.
 * Mercurius hands a loader `[{ obj, params }]` (obj = the representation or
 * the parent row) and resolves each query with the matching array entry; an
 * `Error` entry fails only its own entity (graphql-js throws returned errors).
 * `_entities` then marks each answer with a non-writable `__typename`, so
 * answers are copies, never the store's rows.
 */
import type { MercuriusLoaders } from 'mercurius';
import type { OrderLineRecord, OrderRecord, ProductRecord, SupplierRecord } from '../../../subgraphs/marketplace/port';
import { localIdOf } from './args';
import type { CooperativeStore } from './store';

interface LoaderQuery<T> {
  obj: T;
}

/** Local ids of representations: the id, null (another cooperative's) or the error of a malformed one. */
function referencedIds(cooperativeId: string, queries: ReadonlyArray<LoaderQuery<{ id?: unknown }>>): Array<string | null | Error> {
  return queries.map(({ obj }) => {
    try {
      return localIdOf(cooperativeId, obj.id);
    } catch (error) {
      return error as Error;
    }
  });
}

/** Answers per id (null and errors kept as they are) from one store call for the distinct ids. */
function lookUp<T extends object>(ids: Array<string | null | Error>, get: (ids: string[]) => Array<T | null>): Array<T | null | Error> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  const rows = wanted.length ? get(wanted) : [];
  const found = new Map(wanted.map((id, i) => [id, rows[i]] as const));
  return ids.map((id) => (typeof id === 'string' ? copy(found.get(id) ?? null) : id));
}

/** A batch loader for references (`_entities`). */
function references<T extends object>(cooperativeId: string, get: (ids: string[]) => Array<T | null>) {
  return async (queries: Array<LoaderQuery<{ id?: unknown }>>) => lookUp(referencedIds(cooperativeId, queries), get);
}

/** A batch loader for a link to another row (`Product.supplier`, `OrderLine.product`). */
function links<P, T extends object>(linkOf: (parent: P) => string | null, get: (ids: string[]) => Array<T | null>) {
  return async (queries: Array<LoaderQuery<P>>) => lookUp(queries.map(({ obj }) => linkOf(obj)), get);
}

const copy = <T extends object>(row: T | null): T | null => (row === null ? null : { ...row });

export function cooperativeLoaders(cooperativeId: string, store: CooperativeStore): MercuriusLoaders {
  const products = (ids: string[]) => store.getProducts(ids);
  const suppliers = (ids: string[]) => store.getSuppliers(ids);
  const orders = (ids: string[]) => store.getOrders(ids);
  return {
    Product: {
      __resolveReference: references<ProductRecord>(cooperativeId, products),
      supplier: links((p: ProductRecord) => p.supplierLocalId, suppliers),
    },
    Supplier: {
      __resolveReference: references<SupplierRecord>(cooperativeId, suppliers),
    },
    Order: {
      __resolveReference: references<OrderRecord>(cooperativeId, orders),
      supplier: links((o: OrderRecord) => o.supplierLocalId, suppliers),
    },
    OrderLine: {
      product: links((l: OrderLineRecord) => l.productLocalId, products),
    },
  };
}
