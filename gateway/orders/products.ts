/**
 * The catalogue side of `placeOrder` validation: every product of the order
 * exists at its cooperative and each line reaches the product's
 * `minOrderQuantity`. One read (`_entities` on Product) to the owning
 * cooperative, before the order is recorded or sent.
 */
import type { CooperativeEntry } from '../../core/registry';
import { badInput } from '../../core/errors';
import type { FieldRequest, FieldResult } from '../router/context';
import { fromCooperative, unavailable } from '../router/errors';
import type { OrderLineCheck } from './input';

const PRODUCTS_QUERY =
  'query SbnetOrderProducts($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id minOrderQuantity unit } } }';

interface ProductFacts {
  id: string;
  minOrderQuantity: number;
  unit: string;
}

/** Null when every line is orderable; a result to answer with when the cooperative could not say. Throws BAD_USER_INPUT. */
export async function checkOrderProducts(req: FieldRequest, coop: CooperativeEntry, lines: readonly OrderLineCheck[]): Promise<FieldResult | null> {
  const path = [req.field.responseKey];
  const ids = [...new Set(lines.map((l) => l.productId))];
  const answer = await req.call(coop, PRODUCTS_QUERY, { representations: ids.map((id) => ({ __typename: 'Product', id })) });
  if (!answer.ok) return { value: null, errors: [unavailable(coop.id, answer.reason, path)] };
  const found = answer.data?._entities;
  if (!Array.isArray(found)) {
    const errors = answer.errors?.length ? answer.errors.map((e) => fromCooperative(e, coop.id, path)) : [unavailable(coop.id, 'no product data in the answer', path)];
    return { value: null, errors };
  }
  const byId = new Map<string, ProductFacts>();
  found.forEach((p, i) => {
    if (p && typeof p === 'object') byId.set(ids[i], p as ProductFacts);
  });
  lines.forEach((line, i) => {
    const product = byId.get(line.productId);
    if (!product) throw badInput(`Unknown product ${line.productId}`, { productId: line.productId, line: i });
    if (line.quantity < product.minOrderQuantity) {
      throw badInput(`lines[${i}]: ${line.productId} is sold in at least ${product.minOrderQuantity} ${product.unit}, ordered ${line.quantity}`, {
        productId: line.productId,
        line: i,
        minOrderQuantity: product.minOrderQuantity,
      });
    }
  });
  return null;
}
