import { silentLogger } from '../../../core/log';
import { InMemoryMarketplace } from '../inMemoryAdapter';
import { marketplaceLoaders } from '../loaders';
import { counting, product, sampleData } from './harness';

function setup() {
  const data = sampleData();
  data.products.push(product('Q1', { name: 'stored' }), product('Q2', { name: 'stored' }));
  const { adapter, calls, args } = counting(new InMemoryMarketplace(data));
  const loadersOf = marketplaceLoaders(adapter, { cooperativeId: 'kfurn', log: silentLogger });
  return { loadersOf, calls, args };
}

describe('the marketplace role server’s per-request loaders', () => {
  it('answers ids a page brought from that page, and asks the adapter only for the others, in one batch', async () => {
    const { loadersOf, calls, args } = setup();
    const context = {};
    loadersOf(context).primeProducts([product('Q1', { name: 'from the page' })]);
    const [q1, q2] = await Promise.all([loadersOf(context).products.load('Q1'), loadersOf(context).products.load('Q2')]);
    expect(q1?.name).toBe('from the page');
    expect(q2?.name).toBe('stored');
    expect(calls.getProducts).toBe(1);
    expect(args.getProducts).toEqual([[['Q2']]]);
  });

  it('keeps the first row of an id, before and after the loader is first used, as DataLoader.prime does', async () => {
    const { loadersOf, calls } = setup();
    const context = {};
    const loaders = loadersOf(context);
    loaders.primeProducts([product('Q1', { name: 'first page' })]);
    loaders.primeProducts([]);
    loaders.primeProducts([product('Q1', { name: 'second page' }), product('Q2', { name: 'second page' })]);
    expect((await loaders.products.load('Q1'))?.name).toBe('first page');
    loaders.primeProducts([product('Q2', { name: 'third page' }), product('P01', { name: 'third page' })]);
    expect((await loaders.products.load('Q2'))?.name).toBe('second page');
    expect((await loaders.products.load('P01'))?.name).toBe('third page');
    expect(calls.getProducts).toBeUndefined();
  });

  it('gives every request (context object) its own loaders, and one request the same ones throughout', async () => {
    const { loadersOf, calls } = setup();
    const first = {};
    loadersOf(first).primeProducts([product('Q1', { name: 'from the page' })]);
    expect(loadersOf(first).products).toBe(loadersOf(first).products);
    expect(loadersOf(first).suppliers).toBe(loadersOf(first).suppliers);
    expect(loadersOf(first).orders).toBe(loadersOf(first).orders);
    // Another request does not see the first one's page.
    expect((await loadersOf({}).products.load('Q1'))?.name).toBe('stored');
    expect(calls.getProducts).toBe(1);
    expect(loadersOf({}).products).not.toBe(loadersOf(first).products);
  });
});
