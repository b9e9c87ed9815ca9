/**
 * The template's resolvers over this cooperative's store: global ids
 * `<cooperativeId>:<localId>`, Cooperative and Classification stubs, the
 * three connections (and `Supplier.products`), stats, lookups by id and the
 * two mutations. Links between rows and `_entities` go through the loaders.
 */
import type { IResolvers } from 'mercurius';
import { formatGlobalId } from '../../../core/ids';
import { orderSortKey, productSortKey, supplierSortKey } from '../../../subgraphs/marketplace/memory';
import type {
  OrderDimension,
  OrderFilter,
  OrderRecord,
  ProductDimension,
  ProductFilter,
  ProductOrderField,
  ProductRecord,
  SupplierFilter,
  SupplierRecord,
} from '../../../subgraphs/marketplace/port';
import { DateTimeScalar } from '../../../subgraphs/shared/dateTime';
import {
  inScope,
  localIdOf,
  NOTHING,
  orderFilterOf,
  productFilterOf,
  productOrderOf,
  supplierFilterOf,
  type OrderFilterArg,
  type ProductFilterArg,
  type ProductOrderArg,
  type SupplierFilterArg,
} from './args';
import { resolveConnection, type ConnectionSource } from './connection';
import type { CursorCodec } from './cursor';
import { cancelOrder, placeOrder, type PlaceOrderArg } from './orders';
import { orderBuckets, productBuckets } from './stats';
import type { CooperativeStore } from './store';

export interface ResolverDeps {
  cooperativeId: string;
  store: CooperativeStore;
  codec: CursorCodec;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
  cooperatives?: string[] | null;
}

interface StatsArgs<F, D> {
  filter?: F | null;
  groupBy?: D[] | null;
  cooperatives?: string[] | null;
}

function sources(store: CooperativeStore) {
  const products: ConnectionSource<ProductRecord, ProductFilter, ProductOrderField> = {
    name: 'products',
    keyOf: productSortKey,
    keyKind: (field) => (field === 'NAME' ? 'string' : 'number'),
    search: (request) => store.searchProducts(request),
  };
  const suppliers: ConnectionSource<SupplierRecord, SupplierFilter, 'NAME'> = {
    name: 'suppliers',
    keyOf: (s) => supplierSortKey(s),
    keyKind: () => 'string',
    search: (request) => store.searchSuppliers(request),
  };
  const orders: ConnectionSource<OrderRecord, OrderFilter, 'ORDERED_AT'> = {
    name: 'orders',
    keyOf: (o) => orderSortKey(o),
    keyKind: () => 'number',
    search: (request) => store.searchOrders(request),
  };
  return { products, suppliers, orders };
}

function queryResolvers({ cooperativeId, store, codec }: ResolverDeps) {
  const source = sources(store);
  const one = <T extends object>(get: (ids: string[]) => Array<T | null>) => (_: unknown, args: { id: string }) => {
    const localId = localIdOf(cooperativeId, args.id);
    return localId === null ? null : get([localId])[0];
  };
  const products = (args: PageArgs & { filter?: ProductFilterArg | null; orderBy?: ProductOrderArg | null }) => {
    const included = inScope(cooperativeId, args.cooperatives);
    const filter = productFilterOf(cooperativeId, args.filter);
    return resolveConnection(codec, source.products, { ...args, filter, filterArg: args.filter, order: productOrderOf(args.orderBy), included });
  };
  return {
    products: (_: unknown, args: Parameters<typeof products>[0]) => products(args),
    suppliers: (_: unknown, args: PageArgs & { filter?: SupplierFilterArg | null }) => {
      const included = inScope(cooperativeId, args.cooperatives);
      const filter = supplierFilterOf(args.filter);
      return resolveConnection(codec, source.suppliers, { ...args, filter, filterArg: args.filter, order: { field: 'NAME', direction: 'ASC' }, included });
    },
    orders: (_: unknown, args: PageArgs & { filter?: OrderFilterArg | null }) => {
      const included = inScope(cooperativeId, args.cooperatives);
      const filter = orderFilterOf(cooperativeId, args.filter);
      return resolveConnection(codec, source.orders, { ...args, filter, filterArg: args.filter, order: { field: 'ORDERED_AT', direction: 'DESC' }, included });
    },
    product: one((ids) => store.getProducts(ids)),
    supplier: one((ids) => store.getSuppliers(ids)),
    order: one((ids) => store.getOrders(ids)),
    productStats: (_: unknown, args: StatsArgs<ProductFilterArg, ProductDimension>) => {
      const included = inScope(cooperativeId, args.cooperatives);
      const filter = productFilterOf(cooperativeId, args.filter);
      const groupBy = [...new Set(args.groupBy ?? [])];
      return !included || filter === NOTHING ? [] : productBuckets(cooperativeId, store.productStats(filter, groupBy), groupBy);
    },
    orderStats: (_: unknown, args: StatsArgs<OrderFilterArg, OrderDimension>) => {
      const included = inScope(cooperativeId, args.cooperatives);
      const filter = orderFilterOf(cooperativeId, args.filter);
      const groupBy = [...new Set(args.groupBy ?? [])];
      return !included || filter === NOTHING ? [] : orderBuckets(cooperativeId, store.orderStats(filter, groupBy), groupBy);
    },
    // Supplier.products shares the products connection, filtered to the supplier.
    supplierProducts: (supplier: SupplierRecord, args: PageArgs) =>
      products({ first: args.first, after: args.after, filter: { supplierId: formatGlobalId(cooperativeId, supplier.localId) } }),
  };
}

export function cooperativeResolvers(deps: ResolverDeps): IResolvers {
  const { cooperativeId, store } = deps;
  const id = (row: { localId: string }) => formatGlobalId(cooperativeId, row.localId);
  const cooperative = () => ({ id: cooperativeId });
  const { supplierProducts, ...query } = queryResolvers(deps);
  return {
    DateTime: { serialize: DateTimeScalar.serialize, parseValue: DateTimeScalar.parseValue, parseLiteral: DateTimeScalar.parseLiteral },
    Query: query,
    Mutation: {
      placeOrder: (_: unknown, args: { input: PlaceOrderArg }) => placeOrder(cooperativeId, store, args.input),
      cancelOrder: (_: unknown, args: { id: string }) => cancelOrder(cooperativeId, store, args.id),
    },
    Product: {
      id,
      cooperative,
      classification: (p: ProductRecord) => (p.classificationCode ? { code: p.classificationCode } : null),
    },
    Supplier: { id, cooperative, products: supplierProducts },
    Order: { id, cooperative },
  };
}
