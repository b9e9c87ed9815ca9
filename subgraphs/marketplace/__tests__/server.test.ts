import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarketplaceContext } from '../schema';
import { COOP, harness, product, sampleData } from './harness';

describe('the marketplace role server', () => {
  it('serves the role schema: every type and field of schema.graphql, plus _service and _entities', () => {
    const h = harness();
    const standard = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));
    for (const def of standard.definitions) {
      if (!('name' in def) || !def.name || !('fields' in def) || !def.fields) continue;
      const served = h.schema.getType(def.name.value);
      expect(served && 'getFields' in served ? Object.keys(served.getFields()).sort() : null).toEqual(
        def.fields.map((f) => f.name.value).concat(def.name.value === 'Query' ? ['_entities', '_service'] : []).sort(),
      );
    }
  });

  it('under Apollo Server with the exported context function: one adapter call per _entities batch, loaders per request', async () => {
    const data = sampleData();
    for (let i = 0; i < 50; i++) data.products.push(product(`X${i}`));
    const h = harness(data);
    const server = new ApolloServer({ schema: h.schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
    await server.start();
    try {
      const reps = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Product', id: `${COOP}:X${i}` }));
      const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { id supplier { id } } } }`;
      for (let round = 1; round <= 2; round++) {
        const response = await server.executeOperation({ query, variables: { reps } }, { contextValue: createMarketplaceContext() });
        if (response.body.kind !== 'single') throw new Error('expected a single result');
        expect(response.body.singleResult.errors).toBeUndefined();
        expect((response.body.singleResult.data as { _entities: unknown[] })._entities).toHaveLength(50);
        expect(h.calls.getProducts).toBe(round);
        expect(h.calls.getSuppliers).toBe(round);
      }
      const bad = await server.executeOperation({ query: `{ products(first: 101) { totalCount } }` });
      if (bad.body.kind !== 'single') throw new Error('expected a single result');
      expect(bad.body.singleResult.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      // A bad DateTime is BAD_USER_INPUT whether it comes as a literal or a variable.
      const literal = await server.executeOperation({ query: `{ orders(filter: { to: "2026-02-30T00:00:00Z" }) { totalCount } }` });
      const variable = await server.executeOperation({
        query: `query($to: DateTime) { orders(filter: { to: $to }) { totalCount } }`,
        variables: { to: '2026-02-01' },
      });
      for (const response of [literal, variable]) {
        if (response.body.kind !== 'single') throw new Error('expected a single result');
        expect(response.body.singleResult.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      }
    } finally {
      await server.stop();
    }
  });
});
