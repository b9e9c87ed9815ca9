/** TTLs by role and type; root field types from the role schemas; private types. */
import { projectPath } from '../../../core/paths';
import { CachePolicy, familyOf, rootFieldTypes } from '../ttl';

const schemas = {
  marketplace: projectPath('subgraphs/marketplace/schema.graphql'),
  erp: projectPath('subgraphs/erp/schema.graphql'),
};

describe('rootFieldTypes', () => {
  it('names the return type of every Query and Mutation field of a role schema', () => {
    const types = rootFieldTypes(require('node:fs').readFileSync(schemas.marketplace, 'utf8'));
    expect(types).toMatchObject({
      products: 'ProductConnection',
      product: 'Product',
      suppliers: 'SupplierConnection',
      orders: 'OrderConnection',
      productStats: 'ProductStatsBucket',
      orderStats: 'OrderStatsBucket',
      placeOrder: 'Order',
    });
  });
});

describe('CachePolicy', () => {
  const policy = CachePolicy.fromSchemas({ ttl: { marketplace: { Product: 60, Supplier: 300, ProductStatsBucket: 30 }, erp: { '*': 10 } } }, schemas);

  it('a type covers its connection and stats buckets unless they have their own TTL', () => {
    expect(familyOf('ProductConnection')).toBe('Product');
    expect(familyOf('OrderStatsBucket')).toBe('Order');
    expect(policy.ttlMs('marketplace', policy.typeOfField('marketplace', 'products'))).toBe(60_000);
    expect(policy.ttlMs('marketplace', 'Product')).toBe(60_000);
    expect(policy.ttlMs('marketplace', 'SupplierConnection')).toBe(300_000);
    expect(policy.ttlMs('marketplace', 'ProductStatsBucket')).toBe(30_000);
  });

  it('uses the role default, and nothing for roles or types without a TTL', () => {
    expect(policy.ttlMs('erp', 'Product')).toBe(10_000);
    expect(policy.ttlMs('marketplace', 'Classification')).toBe(0);
    expect(policy.ttlMs('network', 'Cooperative')).toBe(0);
    expect(policy.ttlMs('marketplace', undefined)).toBe(0);
  });

  it('never caches orders, whatever the TTL says', () => {
    const greedy = new CachePolicy({ ttl: { marketplace: { '*': 60 }, erp: { '*': 60 } } }, {});
    for (const type of ['Order', 'OrderConnection', 'OrderStatsBucket']) {
      expect(greedy.ttlMs('marketplace', type)).toBe(0);
      expect(greedy.ttlMs('erp', type)).toBe(0);
    }
    expect(greedy.ttlMs('marketplace', 'Product')).toBe(60_000);
  });

  it('is disabled when every TTL is zero', () => {
    expect(new CachePolicy({ ttl: { marketplace: { Product: 0 } } }, {}).enabled).toBe(false);
    expect(policy.enabled).toBe(true);
  });
});
