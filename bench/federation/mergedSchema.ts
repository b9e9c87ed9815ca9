/**
 * The four subgraphs' data as ONE plain GraphQL schema (no federation, no
 * planner): the oracle both gateways' answers are checked against.
 */
import { buildSchema } from 'graphql';
import { FEDERATION_DATA } from './schemas';

export const ORACLE_SCHEMA = buildSchema(`
  type Query { topProducts(first: Int = 5): [Product] }
  type User { id: ID! name: String username: String birthDate: String reviews: [Review] }
  type Product { upc: String! name: String price: Int weight: Int inStock: Boolean shippingEstimate: Int reviews: [Review] }
  type Review { id: ID! body: String author: User product: Product }
`);

type Obj = Record<string, unknown>;

/** Root value whose function-valued fields graphql-js's default resolver calls. */
export function oracleRoot(): Obj {
  const { users, products, reviews } = FEDERATION_DATA;
  const userObj = (id: string): Obj => {
    const u = users.find((x) => x.id === id)!;
    return { ...u, reviews: () => reviews.filter((r) => r.authorId === id).map(reviewObj) };
  };
  const productObj = (upc: string): Obj => {
    const p = products.find((x) => x.upc === upc)!;
    return {
      ...p,
      inStock: Number(p.upc) % 3 !== 0,
      shippingEstimate: p.price > 1000 ? 0 : Math.round(p.weight / 2),
      reviews: () => reviews.filter((r) => r.productUpc === upc).map(reviewObj),
    };
  };
  const reviewObj = (r: (typeof reviews)[number]): Obj => ({ id: r.id, body: r.body, author: () => userObj(r.authorId), product: () => productObj(r.productUpc) });
  return { topProducts: ({ first }: { first: number }) => products.slice(0, first).map((p) => productObj(p.upc)) };
}
