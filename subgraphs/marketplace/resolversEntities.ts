/**
 * Product, Supplier, Order and OrderLine: records of the adapter port shown
 * with global ids and stubs; every lookup by id (root fields, references,
 * links between entities) goes through the request's DataLoaders.
 */
import { classificationStub, cooperativeStub } from './mapping';
import type { MarketplaceDeps } from './deps';
import type { OrderLineRecord, OrderRecord, ProductRecord, SupplierRecord } from './port';
import type { ResolverMap } from '../shared/roleSchema';
import { accessOf, allowsBuyer, orderAccess, requireAccess } from '../shared/identityRules';
import { sbnetError } from '../../core/errors';

type Loader = 'products' | 'suppliers' | 'orders';

export function entityResolvers(deps: MarketplaceDeps): ResolverMap {
  const { ids } = deps;
  const cooperative = () => cooperativeStub(deps.cooperativeId);

  /**
   * A record by global id: null for another cooperative's id or an unknown one.
   * Async so a malformed id fails only its own entity in an `_entities` list.
   */
  const byId = (loader: Loader) => async (id: unknown, context: unknown) => {
    const localId = ids.ownLocalId(id);
    return localId === null ? null : deps.loaders(context)[loader].load(localId);
  };
  const product = byId('products');
  const supplier = byId('suppliers');
  const anyOrder = byId('orders');
  /** An order the caller may see (gateway-signed identity); another company's is FORBIDDEN. */
  const order = async (id: unknown, context: unknown) => {
    const access = requireAccess(accessOf(context, orderAccess, deps.cooperativeId), deps.cooperativeId);
    const record = (await anyOrder(id, context)) as OrderRecord | null;
    if (record && !allowsBuyer(access, record.buyer.businessNumber)) {
      throw sbnetError('FORBIDDEN', { message: 'A member may only see its own orders', details: { cooperativeId: deps.cooperativeId } });
    }
    return record;
  };
  /**
   * `_entities` marks what a reference resolves to with `__typename` (in place),
   * so it gets a copy: records may be shared or frozen by the adapter.
   */
  const reference = (find: typeof product) => async (ref: { id: unknown }, context: unknown) => {
    const record = await find(ref.id, context);
    return record === null ? null : { ...record };
  };
  const supplierOf = (localId: string | null, context: unknown) =>
    localId === null ? null : deps.loaders(context).suppliers.load(localId);

  return {
    Query: {
      product: (_: unknown, args: { id: string }, context: unknown) => product(args.id, context),
      supplier: (_: unknown, args: { id: string }, context: unknown) => supplier(args.id, context),
      order: (_: unknown, args: { id: string }, context: unknown) => order(args.id, context),
    },
    Product: {
      __resolveReference: reference(product),
      id: (p: ProductRecord) => ids.global(p.localId),
      cooperative,
      classification: (p: ProductRecord) => classificationStub(p.classificationCode),
      supplier: (p: ProductRecord, _: unknown, context: unknown) => supplierOf(p.supplierLocalId, context),
    },
    Supplier: {
      __resolveReference: reference(supplier),
      id: (s: SupplierRecord) => ids.global(s.localId),
      cooperative,
    },
    Order: {
      __resolveReference: reference(order),
      id: (o: OrderRecord) => ids.global(o.localId),
      cooperative,
      supplier: (o: OrderRecord, _: unknown, context: unknown) => supplierOf(o.supplierLocalId, context),
    },
    OrderLine: {
      product: (line: OrderLineRecord, _: unknown, context: unknown) => deps.loaders(context).products.load(line.productLocalId),
    },
  };
}
