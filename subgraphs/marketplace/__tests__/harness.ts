/**
 * Test harness of the marketplace role server: hand-made records of one
 * cooperative in the reference adapter, an adapter wrapper that counts calls,
 * and `run()` that executes an operation as one request (fresh context).
 */
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { businessNumberCheckDigit } from '../../../core/domain/businessNumber';
import { InMemoryMarketplace, type InMemoryData } from '../inMemoryAdapter';
import type { MarketplaceAdapter, Money, OrderRecord, ProductRecord, SupplierRecord } from '../port';
import { buildMarketplaceSchema, createMarketplaceContext } from '../schema';

export const COOP = 'kfurn';
export const OTHER = 'kmetal';

/** A checksum-valid 사업자등록번호 from nine digits. */
export function bizNo(nine: string): string {
  const d = `${nine}${businessNumberCheckDigit(nine)}`;
  return `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
}

export function won(amount: number): Money {
  return { amount, vat: Math.round(amount / 10), currency: 'KRW' };
}

export function supplier(localId: string, name: string, region: string | null, nine = '123456789'): SupplierRecord {
  return { localId, businessNumber: bizNo(nine), name, representative: '홍길동', region };
}

export function product(localId: string, fields: Partial<ProductRecord> = {}): ProductRecord {
  return {
    localId,
    sku: `SKU-${localId}`,
    name: `제품 ${localId}`,
    spec: null,
    description: null,
    classificationCode: '56101500',
    gtin: null,
    unit: 'EA',
    price: won(10000),
    minOrderQuantity: 1,
    supplierLocalId: 'S1',
    updatedAt: '2026-01-01T00:00:00+09:00',
    ...fields,
  };
}

export function order(localId: string, fields: Partial<OrderRecord> = {}): OrderRecord {
  const lines = fields.lines ?? [{ productLocalId: 'P01', quantity: 2, unitPrice: won(10000), amount: won(20000) }];
  return {
    localId,
    buyer: { businessNumber: bizNo('220811111'), name: '구매자' },
    supplierLocalId: 'S1',
    lines,
    total: won(lines.reduce((sum, l) => sum + l.amount.amount, 0)),
    status: 'RECEIVED',
    orderedAt: '2026-02-01T10:00:00+09:00',
    idempotencyKey: null,
    ...fields,
  };
}

/**
 * A catalogue with the ties and Unicode the order rules are about: equal names,
 * prices and instants (one written with another offset), Hangul, Latin case,
 * decomposed Hangul (NFD) and an astral character.
 */
export function sampleData(): InMemoryData {
  const names = ['의자', '책상', '의자', 'Zebra desk', 'apple', '가구 세트', '\u1100\u1161구', '𠀀 chair', '나무 선반', '책상', '소파', 'Étagère'];
  const prices = [50000, 120000, 50000, 80000, 3000, 450000, 70000, 70000, 50000, 120000, 300000, 99000];
  const updated = [
    '2026-01-05T09:00:00+09:00',
    '2026-01-05T00:00:00Z',
    '2026-01-04T23:59:59.500Z',
    '2026-01-05T09:00:00+09:00',
    '2026-01-02T12:00:00+09:00',
    '2026-01-10T08:00:00+09:00',
    '2026-01-05T00:00:00Z',
    '2026-01-03T00:00:00-05:00',
    '2026-01-09T00:00:00+09:00',
    '2026-01-01T00:00:00+09:00',
    '2026-01-08T00:00:00+09:00',
    '2026-01-07T00:00:00+09:00',
  ];
  const classes = ['56101500', '56101700', '56101500', '56111500', null, '56101500', '44111500', '56101500', '56121000', '56101700', '56101500', '44121600'];
  const products = names.map((name, i) =>
    product(`P${String(i + 1).padStart(2, '0')}`, {
      name,
      price: won(prices[i]),
      updatedAt: updated[i],
      classificationCode: classes[i],
      supplierLocalId: i % 3 === 0 ? 'S2' : i % 3 === 1 ? 'S1' : i === 11 ? null : 'S3',
      minOrderQuantity: i === 5 ? 10 : 1,
    }),
  );
  const suppliers = [
    supplier('S1', '한빛가구', '서울', '123456789'),
    supplier('S2', '대성목재', '경기', '234567890'),
    supplier('S3', '한빛가구', null, '345678901'),
    supplier('S4', 'Alpha Wood', '부산', '456789012'),
  ];
  const orders = [
    order('O1', { orderedAt: '2026-02-01T10:00:00+09:00', status: 'RECEIVED' }),
    order('O2', { orderedAt: '2026-02-01T01:00:00Z', status: 'SHIPPED', supplierLocalId: 'S2' }),
    order('O3', { orderedAt: '2026-01-31T16:30:00Z', status: 'DELIVERED' }),
    order('O4', { orderedAt: '2026-01-15T09:00:00+09:00', status: 'CANCELLED', lines: [{ productLocalId: 'P07', quantity: 3, unitPrice: won(70000), amount: won(210000) }] }),
    order('O5', { orderedAt: '2026-03-01T00:00:00+09:00', status: 'RECEIVED', supplierLocalId: 'S2', lines: [{ productLocalId: 'P02', quantity: 1, unitPrice: won(120000), amount: won(120000) }, { productLocalId: 'P05', quantity: 4, unitPrice: won(3000), amount: won(12000) }] }),
    order('O6', { orderedAt: '2026-02-01T10:00:00+09:00', status: 'CONFIRMED' }),
  ];
  return { products, suppliers, orders };
}

export type CallCounts = Record<string, number>;

/** Wraps an adapter so every call is counted (by method) and its arguments kept. */
export function counting<A extends object>(adapter: A): { adapter: A; calls: CallCounts; args: Record<string, unknown[][]> } {
  const calls: CallCounts = {};
  const args: Record<string, unknown[][]> = {};
  const wrapped = new Proxy(adapter, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...callArgs: unknown[]) => {
        calls[prop] = (calls[prop] ?? 0) + 1;
        (args[prop] ??= []).push(callArgs);
        return (value as (...a: unknown[]) => unknown).apply(target, callArgs);
      };
    },
  });
  return { adapter: wrapped, calls, args };
}

export interface Harness {
  schema: GraphQLSchema;
  memory: InMemoryMarketplace;
  calls: CallCounts;
  args: Record<string, unknown[][]>;
  run(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult>;
}

export function harness(data: InMemoryData = sampleData(), wrap: (a: MarketplaceAdapter) => MarketplaceAdapter = (a) => a): Harness {
  const memory = new InMemoryMarketplace(data, () => new Date('2026-04-01T00:00:00Z'));
  const { adapter, calls, args } = counting(wrap(memory));
  const schema = buildMarketplaceSchema({ cooperativeId: COOP, adapter });
  return {
    schema,
    memory,
    calls,
    args,
    run: (query, variables) =>
      Promise.resolve(execute({ schema, document: parse(query), variableValues: variables, contextValue: createMarketplaceContext() })),
  };
}

/** The data of a result that must have no errors. */
export function ok<T = any>(result: ExecutionResult): T {
  if (result.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** The codes of a result's errors. */
export function codes(result: ExecutionResult): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
