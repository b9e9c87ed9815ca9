/**
 * Synthetic cooperatives for measurements: N in-memory marketplaces with M
 * products each, served as real role subgraphs over HTTP, optionally with a
 * per-cooperative latency (a slow legacy system behind each).
 */
import { silentLogger } from '../core/log';
import { mulberry32 } from '../demo/data/generate';
import type { CooperativeEntry } from '../core/registry';
import { InMemoryMarketplace, type InMemoryData } from '../subgraphs/marketplace/inMemoryAdapter';
import type { MarketplaceAdapter, ProductRecord } from '../subgraphs/marketplace/port';
import { serveRoleAdapter, type RunningSubgraph } from '../subgraphs/serve';

const WORDS = ['책상', '의자', '탁자', '사물함', '강판', '철선', '복사용지', '간장', '장갑', '조명', 'Desk', 'Chair', 'Lamp'];

export function syntheticData(seed: number, products: number): InMemoryData {
  const r = mulberry32(seed);
  const rows: ProductRecord[] = Array.from({ length: products }, (_, i) => {
    const amount = 1000 + Math.floor(r() * 500) * 100;
    return {
      localId: `P-${String(i).padStart(6, '0')}`,
      sku: `SKU-${i}`,
      name: `${WORDS[Math.floor(r() * WORDS.length)]} ${Math.floor(r() * 1000)}`,
      spec: null,
      description: null,
      classificationCode: '56101703',
      gtin: null,
      unit: 'EA',
      price: { amount, vat: amount / 10, currency: 'KRW' },
      minOrderQuantity: 1,
      supplierLocalId: null,
      updatedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 300) * 86_400_000).toISOString(),
    };
  });
  return { products: rows, suppliers: [], orders: [] };
}

/** Delays every adapter call (a legacy system's latency). */
export function withLatency(adapter: MarketplaceAdapter, ms: number): MarketplaceAdapter {
  if (ms <= 0) return adapter;
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return value.apply(target, args);
      };
    },
  });
}

export interface SyntheticNetwork {
  entries: CooperativeEntry[];
  subgraphs: RunningSubgraph[];
  latencies: Map<string, number>;
  close(): Promise<void>;
}

export async function startSyntheticCoops(count: number, products: number, latency: (i: number) => number = () => 0): Promise<SyntheticNetwork> {
  const subgraphs: RunningSubgraph[] = [];
  const latencies = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const id = `coop${String(i).padStart(3, '0')}`;
    latencies.set(id, latency(i));
    const adapter = withLatency(new InMemoryMarketplace(syntheticData(i + 1, products)), latency(i));
    subgraphs.push(await serveRoleAdapter({ role: 'marketplace', cooperativeId: id, adapter, log: silentLogger }));
  }
  const entries = subgraphs.map((s) => ({ id: s.name.replace(/-marketplace$/, ''), name: s.name, subgraphs: { marketplace: s.url } }));
  return { entries, subgraphs, latencies, close: async () => void (await Promise.all(subgraphs.map((s) => s.close()))) };
}
