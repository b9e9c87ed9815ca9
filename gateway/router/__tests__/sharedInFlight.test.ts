import { SharedInFlight } from '../sharedInFlight';

const later = <T>(value: T, ms = 5) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('SharedInFlight', () => {
  it('does identical work in flight once and gives every caller its own copy', async () => {
    const shared = new SharedInFlight<{ rows: number[] }>();
    let runs = 0;
    const work = () => (runs++, later({ rows: [1, 2] }));
    const [a, b, c] = await Promise.all([shared.run('k', work), shared.run('k', work), shared.run('k', work)]);
    expect(runs).toBe(1);
    expect(a).toEqual({ rows: [1, 2] });
    expect(b).toEqual(a);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(new Set([a.rows, b.rows, c.rows]).size).toBe(3);
    // A caller changing its answer changes nobody else's.
    a.rows.push(3);
    expect(b.rows).toEqual([1, 2]);
    expect(shared.size).toBe(0);
  });

  it('hands an unshared result over as is, and runs again once the work is over', async () => {
    const shared = new SharedInFlight<{ n: number }>();
    const original = { n: 1 };
    expect(await shared.run('k', () => later(original))).toBe(original);
    let runs = 0;
    await shared.run('k', () => (runs++, later({ n: 2 })));
    expect(runs).toBe(1);
  });

  it('never shares different keys, and a failure reaches every caller and is not kept', async () => {
    const shared = new SharedInFlight<number>();
    let runs = 0;
    const results = await Promise.all([shared.run('a', () => (runs++, later(1))), shared.run('b', () => (runs++, later(2)))]);
    expect([runs, ...results]).toEqual([2, 1, 2]);
    const failing = () => later(0).then(() => Promise.reject(new Error('down')));
    await expect(Promise.all([shared.run('f', failing), shared.run('f', failing)])).rejects.toThrow('down');
    expect(shared.size).toBe(0);
    expect(await shared.run('f', () => later(7))).toBe(7);
  });
});
