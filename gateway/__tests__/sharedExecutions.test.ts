import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { parse, type OperationDefinitionNode } from 'graphql';
import { withCaller, type Identity } from '../../subgraphs/shared/identity';
import { WriteEpoch } from '../router/sharedInFlight';
import { executionKey, sharingExecutor } from '../sharedExecutions';

interface Ask {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  authorization?: string;
  identity?: Identity;
}

/** The parts of Apollo's request context the sharing reads. */
function requestOf(ask: Ask = {}): GatewayGraphQLRequestContext {
  const source = ask.query ?? '{ products(first: 5) { totalCount } }';
  const document = parse(source);
  const headers = new Map<string, string>(ask.authorization ? [['authorization', ask.authorization]] : []);
  return {
    source,
    document,
    operation: document.definitions[0] as OperationDefinitionNode,
    operationName: ask.operationName ?? null,
    request: { query: source, variables: ask.variables, http: { headers } },
    context: ask.identity ? withCaller({}, { identity: ask.identity, enforced: true }) : {},
  } as unknown as GatewayGraphQLRequestContext;
}

/** An executor whose executions finish when the test says so, counting how many started. */
function controlledExecutor() {
  const pending: Array<{ resolve: (r: GatewayExecutionResult) => void; reject: (e: Error) => void }> = [];
  let started = 0;
  const executor = () =>
    new Promise<GatewayExecutionResult>((resolve, reject) => {
      started++;
      pending.push({ resolve, reject });
    });
  return {
    executor,
    pending,
    started: () => started,
    finishAll: (result: GatewayExecutionResult = { data: { n: started } }) => pending.splice(0).forEach((p) => p.resolve(result)),
    failAll: (message: string) => pending.splice(0).forEach((p) => p.reject(new Error(message))),
  };
}

const MEMBER: Identity = { role: 'member', subject: 'u1', cooperativeId: 'acoop', businessNumber: '220-81-62517' };

describe('sharingExecutor', () => {
  it('runs identical queries in flight once and hands every caller that one result', async () => {
    const ctl = controlledExecutor();
    const execute = sharingExecutor(ctl.executor);
    const answers = Promise.all([1, 2, 3].map(() => execute(requestOf({ variables: { a: 1 } }))));
    expect(ctl.started()).toBe(1);
    ctl.finishAll({ data: { n: 1 } });
    const [a, b, c] = await answers;
    expect(a).toEqual({ data: { n: 1 } });
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('runs again once the shared execution is over', async () => {
    const ctl = controlledExecutor();
    const execute = sharingExecutor(ctl.executor);
    const first = execute(requestOf());
    ctl.finishAll();
    await first;
    const second = execute(requestOf());
    expect(ctl.started()).toBe(2);
    ctl.finishAll();
    await second;
  });

  const MUTATION = 'mutation { cancelOrder(id: "acoop:O1") { id } }';
  const READ: Ask = { variables: { a: 1 } };
  it.each<[string, Ask, Ask]>([
    ['reads with other variables', READ, { variables: { a: 2 } }],
    ['reads of another operation in the same document', READ, { ...READ, operationName: 'Other' }],
    ['reads with another token', READ, { ...READ, authorization: 'Bearer b' }],
    ['reads by another caller', READ, { ...READ, identity: MEMBER }],
    ['reads of another query text', READ, { ...READ, query: '{ products(first: 6) { totalCount } }' }],
    ['identical mutations', { query: MUTATION }, { query: MUTATION }],
  ])('does not share between %s', async (_what, one, other) => {
    const ctl = controlledExecutor();
    const execute = sharingExecutor(ctl.executor);
    const both = Promise.all([execute(requestOf(one)), execute(requestOf(other))]);
    expect(ctl.started()).toBe(2);
    ctl.finishAll();
    await both;
  });

  it('a failed execution fails every caller that shared it, and the next one runs again', async () => {
    const ctl = controlledExecutor();
    const execute = sharingExecutor(ctl.executor);
    const both = Promise.allSettled([execute(requestOf()), execute(requestOf())]);
    ctl.failAll('planner broke');
    expect((await both).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const again = execute(requestOf());
    expect(ctl.started()).toBe(2);
    ctl.finishAll();
    await again;
  });
});

describe('reads and writes', () => {
  it('a read begun after a write started joins no read from before it, and none begun during it once the write is over', async () => {
    const ctl = controlledExecutor();
    const writes = new WriteEpoch();
    const execute = sharingExecutor(ctl.executor, writes);
    const [before, before2] = [execute(requestOf()), execute(requestOf())];
    expect(ctl.started()).toBe(1);
    const write = execute(requestOf({ query: 'mutation { cancelOrder(id: "acoop:O2") { id } }' }));
    const during = execute(requestOf());
    expect(ctl.started()).toBe(3);
    ctl.pending[1].resolve({ data: { cancelOrder: { id: 'acoop:O1' } } });
    await write;
    const after = execute(requestOf());
    expect(ctl.started()).toBe(4);
    ctl.finishAll();
    await Promise.all([before, before2, during, after]);
  });
});

describe('executionKey', () => {
  it('is the same for the same text, operation, variables and caller, whatever else differs', () => {
    expect(executionKey(requestOf({ variables: { a: 1 }, authorization: 'Bearer x', identity: MEMBER }))).toBe(
      executionKey(requestOf({ variables: { a: 1 }, authorization: 'Bearer x', identity: MEMBER })),
    );
  });

  it('keeps the token itself out of the key (only its hash)', () => {
    expect(executionKey(requestOf({ authorization: 'Bearer secret-token' }))).not.toContain('secret-token');
  });

  it('is null (run unshared) for variables too deep to serialize, instead of throwing', () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(executionKey(requestOf({ variables: { x: deep } }))).toBeNull();
  });

  it('is null for mutations and subscriptions', () => {
    expect(executionKey(requestOf({ query: 'mutation { x }' }))).toBeNull();
    expect(executionKey(requestOf({ query: 'subscription { x }' }))).toBeNull();
  });
});
