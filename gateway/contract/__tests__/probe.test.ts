/** The live probe over a scripted subgraph: which queries it sends, and how it judges the answers. */
import { checkSubgraph, SERVICE_SDL_QUERY } from '../check';
import { formatReport } from '../format';
import type { Post, PostResult } from '../post';
import { runProbe, UNKNOWN_LOCAL_ID } from '../probe';
import { readFileSync } from 'node:fs';
import { projectPath } from '../../../core/paths';
import { product } from './harness';

type Handler = (variables: Record<string, any>) => PostResult | Promise<PostResult>;

const answer = (data: unknown, errors?: unknown[], ms = 5): PostResult => ({ ok: true, status: 200, data: data as Record<string, unknown>, errors: errors as never, ms });

/** A fake subgraph: one handler per operation name; every call recorded. */
function scripted(handlers: Record<string, Handler>): Post & { calls: Array<{ op: string; variables: any }> } {
  const calls: Array<{ op: string; variables: any }> = [];
  const post = (async (query: string, variables: Record<string, unknown> = {}) => {
    const op = /query (\w+)/.exec(query)![1];
    calls.push({ op, variables });
    const handler = handlers[op];
    if (!handler) throw new Error(`unexpected ${op}`);
    return handler(variables);
  }) as Post & { calls: Array<{ op: string; variables: any }> };
  post.calls = calls;
  return post;
}

const ROWS = ['가', '나', '다', '라', '마', '바', '사'].map((name, i) => product(`abc:P${i}`, name));

function pageOf(variables: Record<string, any>) {
  const start = variables.after ? Number(variables.after) : 0;
  const rows = ROWS.slice(start, start + variables.first);
  return {
    products: {
      totalCount: ROWS.length,
      pageInfo: { hasNextPage: start + rows.length < ROWS.length, endCursor: String(start + rows.length) },
      edges: rows.map((node, i) => ({ cursor: String(start + i + 1), node })),
    },
  };
}

const healthy: Record<string, Handler> = {
  SbnetCheckSearch: (v) => answer(pageOf(v)),
  SbnetCheckEntities: (v) => answer({ _entities: v.representations.map((r: any) => ROWS.find((p) => p.id === r.id) ?? null) }),
  SbnetCheckUnknown: () => answer({ product: null }),
};

describe('runProbe (marketplace)', () => {
  it('sends a search, its next page, a batched _entities with an unknown id, and an unknown id', async () => {
    const post = scripted(healthy);
    const out = await runProbe(post, { role: 'marketplace', deadlineMs: 2000 });
    expect(post.calls.map((c) => c.op)).toEqual(['SbnetCheckSearch', 'SbnetCheckSearch', 'SbnetCheckEntities', 'SbnetCheckUnknown']);
    expect(post.calls[1].variables).toEqual({ first: 5, after: '5' });
    expect(post.calls[2].variables.representations).toEqual([
      { __typename: 'Product', id: 'abc:P0' },
      { __typename: 'Product', id: 'abc:P1' },
      { __typename: 'Product', id: 'abc:P2' },
      { __typename: 'Product', id: `abc:${UNKNOWN_LOCAL_ID}` },
    ]);
    expect(out.findings).toEqual([]);
    expect(out.cooperativeId).toBe('abc');
    expect(out.productIds).toEqual(['abc:P0', 'abc:P1', 'abc:P2', 'abc:P3', 'abc:P4']);
    expect(out.steps.map((s) => [s.name, s.ok, s.summary])).toEqual([
      ['search', true, '5 of 7 products'],
      ['next page', true, '2 more, continuing after the first page'],
      ['batched _entities', true, '4 representations (one unknown) answered in order'],
      ['unknown id', true, 'product(id:) of an unknown id is null, without an error'],
    ]);
  });

  it('reports an answer slower than the deadline', async () => {
    const post = scripted({ ...healthy, SbnetCheckUnknown: () => answer({ product: null }, undefined, 2500) });
    const out = await runProbe(post, { role: 'marketplace', deadlineMs: 2000 });
    expect(out.findings).toEqual([{ level: 'error', code: 'PROBE_SLOW', where: 'probe: unknown id', message: 'the unknown id took 2500 ms; the gateway gives up after 2000 ms' }]);
  });

  it('reports an unknown id answered with an error, and one answered with a product', async () => {
    const withError = await runProbe(scripted({ ...healthy, SbnetCheckUnknown: () => answer({ product: null }, [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }]) }), {
      role: 'marketplace',
      deadlineMs: 2000,
    });
    expect(withError.findings.map((f) => f.message)).toEqual(['the unknown id answered an error (NOT_FOUND): not found']);
    const withProduct = await runProbe(scripted({ ...healthy, SbnetCheckUnknown: () => answer({ product: { id: 'abc:P0' } }) }), { role: 'marketplace', deadlineMs: 2000 });
    expect(withProduct.findings[0].message).toBe(`product(id: "abc:${UNKNOWN_LOCAL_ID}") answered {"id":"abc:P0"}: answer null for an id you do not have`);
  });

  it('notes an empty catalogue without failing it', async () => {
    const empty = { products: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } };
    const out = await runProbe(scripted({ ...healthy, SbnetCheckSearch: () => answer(empty) }), { role: 'marketplace', cooperativeId: 'abc', deadlineMs: 2000 });
    expect(out.findings).toEqual([
      { level: 'note', code: 'PROBE_EMPTY', where: 'probe: search', message: 'the search found no products: nothing of yours will show in network search yet' },
    ]);
  });

  it('keeps probing after a failed search, with unknown ids only', async () => {
    const post = scripted({ ...healthy, SbnetCheckSearch: () => ({ ok: false, reason: 'no answer within 5000 ms', ms: 5000 }) });
    const out = await runProbe(post, { role: 'marketplace', cooperativeId: 'abc', deadlineMs: 2000 });
    expect(post.calls.map((c) => c.op)).toEqual(['SbnetCheckSearch', 'SbnetCheckEntities', 'SbnetCheckUnknown']);
    expect(out.findings.map((f) => f.code)).toEqual(['UNREACHABLE']);
  });
});

describe('runProbe (erp)', () => {
  const inventory = { onHand: 3, available: 2, warehouse: 'W', leadTimeDays: 2, asOf: '2026-03-01T09:00:00+09:00' };
  it('asks for known products and unknown ids in one batch', async () => {
    const post = scripted({
      SbnetCheckErp: (v) => answer({ _entities: v.representations.map((r: any) => (r.id === 'abc:P0' ? { id: r.id, inventory } : { id: r.id, inventory: null, fulfillment: null })) }),
    });
    const out = await runProbe(post, { role: 'erp', deadlineMs: 2000, productIds: ['abc:P0', 'abc:P1'] });
    expect(post.calls[0].variables.representations.map((r: any) => `${r.__typename} ${r.id}`)).toEqual([
      'Product abc:P0',
      'Product abc:P1',
      `Product abc:${UNKNOWN_LOCAL_ID}`,
    ]);
    expect(out.findings).toEqual([]);
    expect(out.steps[0].summary).toBe('3 representations; inventory for 1 of 2 products');
  });

  it('reports a batch answered with the wrong length', async () => {
    const out = await runProbe(scripted({ SbnetCheckErp: () => answer({ _entities: [] }) }), { role: 'erp', cooperativeId: 'abc', deadlineMs: 2000 });
    expect(out.findings[0].message).toBe('_entities answered 0 entities for 1 representations: answer one per representation, in order');
  });
});

describe('checkSubgraph', () => {
  const standard = readFileSync(projectPath('subgraphs', 'marketplace', 'schema.graphql'), 'utf8');
  const service = (sdl: unknown): Handler => () => answer({ _service: { sdl } });

  it('is fit when schema and probe are clean, and says so', async () => {
    const post = scripted({ ...healthy, SbnetCheckService: service(standard) });
    const report = await checkSubgraph({ role: 'marketplace', url: 'http://x/graphql', standardSdl: standard, post });
    expect(post.calls[0].op).toBe('SbnetCheckService');
    expect(SERVICE_SDL_QUERY).toContain('_service { sdl }');
    expect(report).toMatchObject({ fit: true, reachable: true, cooperativeId: 'abc' });
    expect(formatReport(report)).toContain('FIT: this subgraph can be routed to.');
  });

  it('is unfit and unreachable when nothing answers', async () => {
    const report = await checkSubgraph({ role: 'marketplace', url: 'http://x/graphql', standardSdl: standard, post: async () => ({ ok: false, reason: 'connection refused', ms: 1 }) });
    expect(report).toMatchObject({ fit: false, reachable: false, probe: null });
    expect(report.findings[0].message).toBe('http://x/graphql did not answer: connection refused');
  });

  it('is unfit when the endpoint is GraphQL but no federation subgraph', async () => {
    const post = scripted({ SbnetCheckService: () => answer(null, [{ message: 'Cannot query field "_service" on type "Query".' }]) });
    const report = await checkSubgraph({ role: 'marketplace', url: 'http://x/graphql', standardSdl: standard, post });
    expect(report.findings[0]).toMatchObject({ code: 'NOT_A_SUBGRAPH' });
    expect(report.findings[0].message).toContain('Cannot query field "_service"');
  });

  it('is unfit when the SDL does not parse', async () => {
    const report = await checkSubgraph({ role: 'marketplace', url: 'http://x/graphql', standardSdl: standard, post: scripted({ SbnetCheckService: service('type {') }) });
    expect(report.findings[0].code).toBe('SDL_INVALID');
  });

  it('does not probe a schema with errors', async () => {
    const post = scripted({ SbnetCheckService: service(standard.replace('type Product @key(fields: "id")', 'type Product')) });
    const report = await checkSubgraph({ role: 'marketplace', url: 'http://x/graphql', standardSdl: standard, post });
    expect(post.calls).toHaveLength(1);
    expect(report.probe).toBeNull();
    expect(formatReport(report)).toContain('Live probe: not run (fix the schema first).');
  });
});
