/**
 * The fan-out baseline: what a team without SB-NET would write — one Apollo
 * Server whose resolver calls every cooperative with Promise.all, pulls
 * `offset + first` rows from each (following each cooperative's cursor past
 * its 100-row page limit), sorts everything in memory and slices. Offset
 * cursors.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { compareRows } from '../../core/order';
import type { HostedCoop } from '../coopHost';

const typeDefs = `#graphql
  type Money { amount: Int! vat: Int! currency: String! }
  type Product { id: ID! name: String! price: Money! }
  type ProductEdge { cursor: String! node: Product! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type ProductConnection { edges: [ProductEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Query { products(first: Int = 20, after: String): ProductConnection! }
`;

interface Row {
  id: string;
  name: string;
  price: { amount: number; vat: number; currency: string };
}

interface CoopPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Row[];
}

const PAGE = `query($first: Int, $after: String) { products(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name price { amount vat currency } } } }`;

async function rowsOf(coop: HostedCoop, wanted: number): Promise<{ rows: Row[]; total: number }> {
  const rows: Row[] = [];
  let after: string | null = null;
  let total = 0;
  while (rows.length < wanted) {
    const res: Response = await fetch(coop.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PAGE, variables: { first: Math.min(100, wanted - rows.length), after } }),
    });
    const page: CoopPage = ((await res.json()) as { data: { products: CoopPage } }).data.products;
    rows.push(...page.nodes);
    total = page.totalCount;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { rows, total };
}

export async function startBaseline(coops: HostedCoop[]): Promise<string> {
  const resolvers = {
    Query: {
      products: async (_: unknown, args: { first: number; after?: string | null }) => {
        const offset = args.after ? Number(args.after) : 0;
        const parts = await Promise.all(coops.map((c) => rowsOf(c, offset + args.first)));
        const all = parts.flatMap((p) => p.rows).sort((a, b) => compareRows({ key: a.name, id: a.id }, { key: b.name, id: b.id }, 'ASC'));
        const page = all.slice(offset, offset + args.first);
        const totalCount = parts.reduce((n, p) => n + p.total, 0);
        return {
          edges: page.map((node, i) => ({ cursor: String(offset + i + 1), node })),
          pageInfo: { hasNextPage: offset + page.length < totalCount, endCursor: page.length ? String(offset + page.length) : null },
          totalCount,
        };
      },
    },
  };
  const server = new ApolloServer({ typeDefs, resolvers, plugins: [ApolloServerPluginLandingPageDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return url;
}
