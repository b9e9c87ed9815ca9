/**
 * The four subgraphs of the standard federation scenario, in the style of the
 * public gateway benchmark: accounts, products, inventory, reviews, with
 * `@key`, `@requires`, `@provides`. Deterministic data.
 */
import { parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLSchema } from 'graphql';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

export const SDL: Record<string, string> = {
  accounts: `${LINK}
    type Query { me: User users: [User] }
    type User @key(fields: "id") { id: ID! name: String username: String @shareable birthDate: String }`,
  products: `${LINK}
    type Query { topProducts(first: Int = 5): [Product] }
    type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }`,
  inventory: `${LINK}
    type Product @key(fields: "upc") { upc: String! weight: Int @external price: Int @external inStock: Boolean shippingEstimate: Int @requires(fields: "price weight") }`,
  reviews: `${LINK}
    type Review @key(fields: "id") { id: ID! body: String author: User @provides(fields: "username") product: Product }
    type User @key(fields: "id") { id: ID! username: String @external reviews: [Review] }
    type Product @key(fields: "upc") { upc: String! reviews: [Review] }`,
};

const USERS = Array.from({ length: 20 }, (_, i) => ({ id: String(i + 1), name: `사용자 ${i + 1} User`, username: `user${i + 1}`, birthDate: `19${70 + i}-0${(i % 9) + 1}-1${i % 9}` }));
const PRODUCTS = Array.from({ length: 30 }, (_, i) => ({ upc: String(1000 + i), name: `상품 Product ${i}`, price: 1000 + i * 137, weight: 100 + ((i * 31) % 400) }));
const REVIEWS = Array.from({ length: 120 }, (_, i) => ({
  id: String(i + 1),
  body: `리뷰 ${i + 1}: ${'좋은 제품입니다. Great product. '.repeat(1 + (i % 3))}`,
  authorId: String((i % USERS.length) + 1),
  productUpc: String(1000 + (i % PRODUCTS.length)),
}));

/** The data behind the four subgraphs (the oracle in mergedSchema.ts reads it too). */
export const FEDERATION_DATA = { users: USERS, products: PRODUCTS, reviews: REVIEWS };

const byUpc = new Map(PRODUCTS.map((p) => [p.upc, p]));
const byUserId = new Map(USERS.map((u) => [u.id, u]));

const RESOLVERS: Record<string, GraphQLResolverMap<unknown>> = {
  accounts: {
    Query: { me: () => USERS[0], users: () => USERS },
    User: { __resolveReference: (ref: { id: string }) => byUserId.get(ref.id) ?? null },
  },
  products: {
    Query: { topProducts: (_: unknown, args: { first: number }) => PRODUCTS.slice(0, args.first) },
    Product: { __resolveReference: (ref: { upc: string }) => byUpc.get(ref.upc) ?? null },
  },
  inventory: {
    Product: {
      __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({ ...ref, inStock: Number(ref.upc) % 3 !== 0 }),
      shippingEstimate: (p: { price?: number; weight?: number }) => (p.price ?? 0) > 1000 ? 0 : Math.round((p.weight ?? 0) / 2),
    },
  },
  reviews: {
    Review: {
      __resolveReference: (ref: { id: string }) => REVIEWS.find((r) => r.id === ref.id) ?? null,
      author: (r: { authorId: string }) => ({ __typename: 'User', id: r.authorId, username: byUserId.get(r.authorId)?.username }),
      product: (r: { productUpc: string }) => ({ __typename: 'Product', upc: r.productUpc }),
    },
    User: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      reviews: (u: { id: string }) => REVIEWS.filter((r) => r.authorId === u.id),
    },
    Product: {
      __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }),
      reviews: (p: { upc: string }) => REVIEWS.filter((r) => r.productUpc === p.upc),
    },
  },
};

export function federationSchema(name: string): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(SDL[name]), resolvers: RESOLVERS[name] as never });
}

export const SUBGRAPH_NAMES = ['accounts', 'products', 'inventory', 'reviews'] as const;

/** One nested query touching all four subgraphs (~25 KB answer). */
export const FEDERATION_QUERY = `query TopProducts {
  topProducts(first: 6) {
    upc name price weight inStock shippingEstimate
    reviews {
      id body
      author { id username name reviews { id body product { upc name price } } }
    }
  }
}`;
