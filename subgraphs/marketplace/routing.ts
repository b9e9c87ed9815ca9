/**
 * The marketplace role's routing table for the gateway's tenant router: which
 * root fields scatter and merge, which route by id, and the one order each
 * connection is merged in (DESIGN.md §3 "Exact semantics").
 */
import type { SortDirection } from '../../core/order';
import type { RoleRouting, SortKeySpec } from '../../gateway/router/spec';

const PRODUCT_ORDER_KEYS: Record<string, SortKeySpec> = {
  NAME: { path: ['name'], kind: 'string' },
  PRICE: { path: ['price', 'amount'], kind: 'number' },
  UPDATED_AT: { path: ['updatedAt'], kind: 'instant' },
};

function productOrder(args: Record<string, unknown>): { key: string; direction: SortDirection } {
  const orderBy = (args.orderBy ?? {}) as { field?: string; direction?: string };
  const key = orderBy.field && orderBy.field in PRODUCT_ORDER_KEYS ? orderBy.field : 'NAME';
  return { key, direction: orderBy.direction === 'DESC' ? 'DESC' : 'ASC' };
}

const PAGING = { defaultFirst: 20, maxFirst: 100 } as const;

export const marketplaceRouting: RoleRouting = {
  role: 'marketplace',
  fields: {
    _entities: { kind: 'entities', keyField: 'id' },
    products: { kind: 'connection', typename: 'ProductConnection', ...PAGING, sortKeys: PRODUCT_ORDER_KEYS, orderOf: productOrder },
    suppliers: {
      kind: 'connection',
      typename: 'SupplierConnection',
      ...PAGING,
      sortKeys: { NAME: { path: ['name'], kind: 'string' } },
      orderOf: () => ({ key: 'NAME', direction: 'ASC' }),
    },
    orders: {
      kind: 'connection',
      typename: 'OrderConnection',
      ...PAGING,
      sortKeys: { ORDERED_AT: { path: ['orderedAt'], kind: 'instant' } },
      orderOf: () => ({ key: 'ORDERED_AT', direction: 'DESC' }),
    },
    product: { kind: 'byId', arg: 'id' },
    supplier: { kind: 'byId', arg: 'id' },
    order: { kind: 'byId', arg: 'id' },
    cancelOrder: { kind: 'byId', arg: 'id' },
    placeOrder: {
      kind: 'byInput',
      idsOf: (args) => {
        const input = (args.input ?? {}) as { lines?: Array<{ productId?: unknown }> };
        return (input.lines ?? []).map((l) => String(l?.productId ?? ''));
      },
    },
    productStats: {
      kind: 'stats',
      groupByArg: 'groupBy',
      dimensions: {
        COOPERATIVE: { field: 'cooperative', subfield: 'id' },
        SEGMENT: { field: 'segment', subfield: 'code' },
        FAMILY: { field: 'family', subfield: 'code' },
        SUPPLIER_REGION: { field: 'supplierRegion' },
      },
      countField: 'count',
      amountField: 'price',
      sumFields: [],
    },
    orderStats: {
      kind: 'stats',
      groupByArg: 'groupBy',
      dimensions: {
        COOPERATIVE: { field: 'cooperative', subfield: 'id' },
        MONTH: { field: 'month' },
        SEGMENT: { field: 'segment', subfield: 'code' },
        STATUS: { field: 'status' },
      },
      countField: 'count',
      amountField: 'amount',
      sumFields: ['quantity'],
    },
  },
};
