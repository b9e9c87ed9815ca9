/** The paged lists: `products`, `suppliers`, `orders` and `Supplier.products`. */
import { resolveConnection, type ConnectionSource } from './connections';
import type { MarketplaceDeps } from './deps';
import {
  includesCooperative,
  orderFilterOf,
  productFilterOf,
  productOrderOf,
  supplierFilterOf,
  type OrderFilterInput,
  type ProductFilterInput,
  type ProductOrderInput,
  type SupplierFilterInput,
} from './inputs';
import { orderSortKey, productSortKey, supplierSortKey } from './memory';
import type { OrderFilter, OrderRecord, ProductFilter, ProductOrderField, ProductRecord, SortOrder, SupplierFilter, SupplierRecord } from './port';
import type { ResolverMap } from '../shared/roleSchema';
import { accessOf, orderAccess, requireAccess, scopeBuyerFilter } from '../shared/identityRules';

interface PageArgs {
  first?: number | null;
  after?: string | null;
  cooperatives?: string[] | null;
}

const SUPPLIER_ORDER: SortOrder<'NAME'> = { field: 'NAME', direction: 'ASC' };
const ORDER_ORDER: SortOrder<'ORDERED_AT'> = { field: 'ORDERED_AT', direction: 'DESC' };

function sources(deps: MarketplaceDeps) {
  const { adapter } = deps;
  const products: ConnectionSource<ProductRecord, ProductFilter, ProductOrderField> = {
    name: 'products',
    keyOf: productSortKey,
    keyKind: (field) => (field === 'NAME' ? 'string' : 'number'),
    search: (request) => adapter.searchProducts(request),
  };
  const suppliers: ConnectionSource<SupplierRecord, SupplierFilter, 'NAME'> = {
    name: 'suppliers',
    keyOf: (s) => supplierSortKey(s),
    keyKind: () => 'string',
    search: (request) => adapter.searchSuppliers(request),
  };
  const orders: ConnectionSource<OrderRecord, OrderFilter, 'ORDERED_AT'> = {
    name: 'orders',
    keyOf: (o) => orderSortKey(o),
    keyKind: () => 'number',
    search: (request) => adapter.searchOrders(request),
  };
  return { products, suppliers, orders };
}

export function connectionResolvers(deps: MarketplaceDeps): ResolverMap {
  const source = sources(deps);
  const products = async (
    args: PageArgs & { filter?: ProductFilterInput | null; orderBy?: ProductOrderInput | null },
    context: unknown,
  ) => {
    const included = includesCooperative(deps.cooperativeId, args.cooperatives);
    const filter = productFilterOf(deps.ids, args.filter);
    const connection = await resolveConnection(deps.scope, source.products, {
      filter,
      filterInput: args.filter,
      order: productOrderOf(args.orderBy),
      first: args.first,
      after: args.after,
      included,
    });
    // Rows a page brought are also cached for lookups by id later in the request.
    deps.loaders(context).primeProducts(connection.nodes);
    return connection;
  };

  return {
    Query: {
      products: (_: unknown, args: Parameters<typeof products>[0], context: unknown) => products(args, context),
      suppliers: (_: unknown, args: PageArgs & { filter?: SupplierFilterInput | null }) =>
        resolveConnection(deps.scope, source.suppliers, {
          filter: supplierFilterOf(args.filter),
          filterInput: args.filter,
          order: SUPPLIER_ORDER,
          first: args.first,
          after: args.after,
          included: includesCooperative(deps.cooperativeId, args.cooperatives),
        }),
      orders: (_: unknown, args: PageArgs & { filter?: OrderFilterInput | null }, context: unknown) =>
        resolveConnection(deps.scope, source.orders, {
          // Only the orders the gateway-signed caller may see (all when no gateway secret is configured).
          filter: scopeBuyerFilter(
            orderFilterOf(deps.ids, args.filter),
            requireAccess(accessOf(context, orderAccess, deps.cooperativeId), deps.cooperativeId),
          ),
          filterInput: args.filter,
          order: ORDER_ORDER,
          first: args.first,
          after: args.after,
          included: includesCooperative(deps.cooperativeId, args.cooperatives),
        }),
    },
    Supplier: {
      products: (supplier: SupplierRecord, args: PageArgs, context: unknown) =>
        products({ first: args.first, after: args.after, filter: { supplierId: deps.ids.global(supplier.localId) } }, context),
    },
  };
}
