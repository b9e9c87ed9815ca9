/**
 * `sbnet check <role> <url>` against real subgraphs over HTTP: a correct one
 * is fit (exit 0); deliberately broken ones — a missing field, a wrong
 * argument type, a wrong key, one answering errors, one answering ids of
 * another cooperative, one that is down — are each reported in plain words,
 * with exit code 1.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import type { RunningServer } from '../../core/http/serve';
import { checkCommand } from '../../cli/commands/check';
import { captureIo, edit, serveMarketplaceVariant, type VariantOptions } from './harness';

const servers: RunningServer[] = [];

async function serve(options: VariantOptions): Promise<string> {
  const server = await serveMarketplaceVariant(options);
  servers.push(server);
  return server.url;
}

async function check(args: string[]): Promise<{ code: number; out: string }> {
  const cap = captureIo();
  const code = await checkCommand(args, cap.io);
  return { code, out: cap.stdout() };
}

afterAll(async () => {
  await Promise.allSettled(servers.map((s) => s.close()));
});

describe('sbnet check marketplace', () => {
  it('passes a correct subgraph: exit 0, every probe step ok', async () => {
    const url = await serve({ cooperativeId: 'goodco' });
    const { code, out } = await check(['marketplace', url, '--id', 'goodco']);
    expect(out).toContain('✓ every type, field, argument and @key of the standard is there');
    expect(out).toMatch(/✓ search: 5 of 12 products/);
    expect(out).toMatch(/✓ next page/);
    expect(out).toMatch(/✓ batched _entities/);
    expect(out).toMatch(/✓ unknown id/);
    expect(out).toContain('FIT: this subgraph can be routed to.');
    expect(code).toBe(0);
  });

  it('allows extra types and fields, and says they are invisible', async () => {
    const url = await serve({
      cooperativeId: 'extraco',
      sdl: edit('type Buyer {', 'type Warehouse { code: String }\n\ntype Buyer {\n  memo(lang: String): String'),
      resolvers: (r) => ({ ...r, Buyer: { ...(r.Buyer ?? {}), memo: () => null } }),
    });
    const { code, out } = await check(['marketplace', url]);
    expect(out).toMatch(/· 2 extras \(allowed, not visible in the network\): Buyer\.memo, Warehouse/);
    expect(code).toBe(0);
  });

  it('reports a missing field', async () => {
    const url = await serve({ cooperativeId: 'nogtin', sdl: edit(/\n  "Valid GTIN[^\n]*\n  gtin: String\n/, '\n'), resolvers: withoutField('Product', 'gtin') });
    const { code, out } = await check(['marketplace', url, '--id', 'nogtin']);
    expect(out).toContain('✗ missing field Product.gtin (String)');
    expect(out).toContain('Live probe: not run (fix the schema first).');
    expect(out).toContain('NOT FIT to be routed to: 1 problem.');
    expect(code).toBe(1);
  });

  it('reports an argument of the wrong type', async () => {
    const url = await serve({ cooperativeId: 'strfirst', sdl: edit('    first: Int = 20\n    after: String\n    cooperatives: [ID!]\n  ): ProductConnection!', '    first: String\n    after: String\n    cooperatives: [ID!]\n  ): ProductConnection!') });
    const { code, out } = await check(['marketplace', url]);
    expect(out).toContain('✗ argument first of Query.products has type String instead of Int');
    expect(code).toBe(1);
  });

  it('reports a wrong key', async () => {
    const url = await serve({ cooperativeId: 'skukey', sdl: edit('type Product @key(fields: "id")', 'type Product @key(fields: "sku")') });
    const { code, out } = await check(['marketplace', url]);
    expect(out).toContain('✗ Product has @key(fields: "sku") instead of @key(fields: "id"): the gateway fetches Product entities from you by id');
    expect(code).toBe(1);
  });

  it('reports a subgraph whose schema is right but whose answers are errors', async () => {
    const boom = () => {
      throw new GraphQLError('legacy database offline', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    };
    const url = await serve({
      cooperativeId: 'errco',
      resolvers: (r) => ({ ...r, Query: { ...r.Query, products: boom, product: boom }, Product: { ...r.Product, __resolveReference: boom } }),
    });
    const { code, out } = await check(['marketplace', url, '--id', 'errco']);
    expect(out).toContain('✓ every type, field, argument and @key of the standard is there');
    expect(out).toContain('✗ search: the search answered an error (INTERNAL_SERVER_ERROR): legacy database offline');
    expect(out).toContain('✗ batched _entities: the batched _entities answered an error');
    expect(out).toContain('✗ unknown id: the unknown id answered an error (INTERNAL_SERVER_ERROR): legacy database offline');
    expect(code).toBe(1);
  });

  it('reports ids of another cooperative than the one registered', async () => {
    const url = await serve({ cooperativeId: 'otherco' });
    const { code, out } = await check(['marketplace', url, '--id', 'myco']);
    expect(out).toMatch(/✗ search: a product has id "otherco:P-001", which names cooperative "otherco" instead of "myco"/);
    expect(code).toBe(1);
  });

  it('reports a subgraph that is not running', async () => {
    const { code, out } = await check(['marketplace', `http://127.0.0.1:${await closedPort()}/graphql`]);
    expect(out).toContain('did not answer: connection refused');
    expect(code).toBe(1);
  });

  it('reports every schema problem at once, with a count', async () => {
    const url = await serve({
      cooperativeId: 'manybad',
      sdl: (s) => edit('type Product @key(fields: "id")', 'type Product')(edit(/\n  "Valid GTIN[^\n]*\n  gtin: String\n/, '\n')(edit('  CANCELLED\n}', '  CANCELLED\n  LOST\n}')(s))),
      resolvers: withoutField('Product', 'gtin'),
    });
    const { code, out } = await check(['marketplace', url]);
    expect(out).toContain('✗ missing field Product.gtin (String)');
    expect(out).toContain('✗ Product has no @key(fields: "id")');
    expect(out).toContain('✗ enum OrderStatus has value LOST, which the network does not know: an answer with it fails');
    expect(out).toContain('NOT FIT to be routed to: 3 problems.');
    expect(code).toBe(1);
  });

  it('refuses bad usage with exit code 2 through the usage error', async () => {
    await expect(check(['warehouse', 'http://x/graphql'])).rejects.toThrow('unknown role "warehouse"');
    await expect(check(['marketplace'])).rejects.toThrow('needs a role and a URL');
  });
});

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function withoutField(type: string, field: string) {
  return (r: Record<string, any>) => {
    const { [field]: _dropped, ...rest } = r[type] ?? {};
    return { ...r, [type]: rest };
  };
}
