/** supergraph.yaml keys of resilience, cache and Redis: values, defaults, and errors with their line. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from '../../../core/registry';
import { ConfigError, parseYamlSource } from '../../../core/yamlConfig';
import { readSupergraphConfig } from '../../config/supergraphConfig';
import { DEFAULT_POLICY, registryPolicies } from '../policy';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sbnet-resilience-config-'));
  for (const name of ['marketplace', 'erp']) writeFileSync(join(dir, `${name}.graphql`), 'type Query { x: Int }\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE = `subgraphs:
  marketplace:
    tenants: cooperatives
    schema: { file: marketplace.graphql }
  erp:
    tenants: cooperatives
    schema: { file: erp.graphql }
cooperatives:
  - id: sgfurn
    name: 서울경인가구공업협동조합
    subgraphs: { marketplace: http://127.0.0.1:4101/graphql }
`;

const read = (text: string) => readSupergraphConfig(parseYamlSource(join(dir, 'supergraph.yaml'), text));

function errorOf(text: string): { line: number | null; reason: string } {
  try {
    read(text);
  } catch (err) {
    if (err instanceof ConfigError) return { line: err.line, reason: err.reason };
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('gateway.redis, gateway.resilience, gateway.cache, cooperatives[].resilience', () => {
  it('reads every key', () => {
    const config = read(`${BASE}    resilience:
      maxInFlight: 2
      circuit: { openMs: 250 }
gateway:
  redis: { url: "redis://127.0.0.1:6379/2", prefix: "net1:", commandTimeoutMs: 100 }
  resilience:
    maxInFlight: 4
    maxQueue: 0
    queueTimeoutMs: 100
    retry: false
    circuit: { failureThreshold: 3, failureRate: 0.25, minimumRequests: 8, windowMs: 5000, openMs: 1000 }
  cache:
    ttl:
      marketplace: { Product: 60, Supplier: 300, "*": 5 }
      erp: { Product: 10 }
`);
    expect(config.gateway.redis).toEqual({ url: 'redis://127.0.0.1:6379/2', prefix: 'net1:', commandTimeoutMs: 100 });
    expect(config.gateway.resilience).toEqual({
      maxInFlight: 4,
      maxQueue: 0,
      queueTimeoutMs: 100,
      retry: false,
      circuit: { failureThreshold: 3, failureRate: 0.25, minimumRequests: 8, windowMs: 5000, openMs: 1000 },
    });
    expect(config.gateway.cache).toEqual({ ttl: { marketplace: { Product: 60, Supplier: 300, '*': 5 }, erp: { Product: 10 } }, privateTypes: ['Order'] });
    expect(config.cooperatives[0].resilience).toEqual({ maxInFlight: 2, circuit: { openMs: 250 } });

    // A cooperative's own settings over the gateway's, over the defaults.
    const policyOf = registryPolicies(new Registry(config.cooperatives), config.gateway.resilience);
    expect(policyOf('sgfurn', 'marketplace')).toEqual({
      maxInFlight: 2,
      maxQueue: 0,
      queueTimeoutMs: 100,
      retry: false,
      circuit: { failureThreshold: 3, failureRate: 0.25, minimumRequests: 8, windowMs: 5000, openMs: 250 },
    });
    expect(policyOf('other', 'marketplace').maxInFlight).toBe(4);
  });

  it('defaults: 8 in flight, a short queue, one retry, nothing cached, no Redis', () => {
    const config = read(BASE);
    expect(config.gateway.redis).toBeUndefined();
    expect(config.gateway.cache).toBeUndefined();
    expect(registryPolicies(new Registry(config.cooperatives), undefined)('sgfurn', 'marketplace')).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.maxInFlight).toBe(8);
  });

  it.each([
    ['gateway:\n  redis: { url: "http://x:6379" }\n', 13, /^gateway\.redis\.url: expected redis:\/\/host:port/],
    ['gateway:\n  redis: { host: x }\n', 13, /^gateway\.redis\.host: unknown key \(allowed: url, prefix, commandTimeoutMs\)/],
    ['gateway:\n  resilience:\n    maxInFlight: 0\n', 14, /^gateway\.resilience\.maxInFlight: must be ≥ 1/],
    ['gateway:\n  resilience:\n    bulkhead: 3\n', 14, /^gateway\.resilience\.bulkhead: unknown key \(allowed: maxInFlight, maxQueue, queueTimeoutMs, retry, circuit\)/],
    ['gateway:\n  resilience:\n    retry: twice\n', 14, /^gateway\.resilience\.retry: expected true or false/],
    ['gateway:\n  resilience:\n    circuit:\n      failureRate: 1.5\n', 15, /^gateway\.resilience\.circuit\.failureRate: must be ≤ 1/],
    ['gateway:\n  resilience:\n    circuit:\n      failureRate: 0\n', 15, /^gateway\.resilience\.circuit\.failureRate: must be above 0/],
    ['gateway:\n  resilience:\n    circuit:\n      halfOpenMs: 5\n', 15, /^gateway\.resilience\.circuit\.halfOpenMs: unknown key/],
    ['gateway:\n  cache:\n    ttl:\n      network: { Cooperative: 60 }\n', 15, /^gateway\.cache\.ttl\.network: "network" is not a tenant-group subgraph/],
    ['gateway:\n  cache:\n    ttl:\n      marketplace: { Order: 60 }\n', 15, /^gateway\.cache\.ttl\.marketplace\.Order: Order answers are per buyer and never cached/],
    ['gateway:\n  cache:\n    ttl:\n      marketplace: { OrderConnection: 60 }\n', 15, /^gateway\.cache\.ttl\.marketplace\.OrderConnection: .*never cached/],
    ['gateway:\n  cache:\n    ttl:\n      marketplace: { Product: -1 }\n', 15, /^gateway\.cache\.ttl\.marketplace\.Product: must be ≥ 0/],
    ['gateway:\n  cache:\n    ttl:\n      marketplace: { "bad-name": 1 }\n', 15, /^gateway\.cache\.ttl\.marketplace\.bad-name: expected a GraphQL type name/],
    ['gateway:\n  cache:\n    privateTypes: [Buyer]\n    ttl:\n      marketplace: { Buyer: 5 }\n', 16, /^gateway\.cache\.ttl\.marketplace\.Buyer: .*privateTypes: Order, Buyer/],
  ])('refuses %j at line %i', (extra, line, reason) => {
    const err = errorOf(BASE + extra);
    expect(err.line).toBe(line);
    expect(err.reason).toMatch(reason);
  });

  it('refuses a bad cooperative resilience value at its line', () => {
    const err = errorOf(`${BASE}    resilience: { maxQueue: -1 }\n`);
    expect(err).toEqual({ line: 12, reason: expect.stringMatching(/^cooperatives\[0\]\.resilience\.maxQueue: must be ≥ 0/) });
  });
});
