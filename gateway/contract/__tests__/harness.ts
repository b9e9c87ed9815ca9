/** Small helpers for contract tests: models from SDL text, findings by code. */
import { compareSchemas } from '../compare';
import type { Finding } from '../findings';
import { parseSdl, schemaModel } from '../model';

export const model = (sdl: string) => schemaModel(parseSdl(sdl));

/** Findings of comparing `actual` with `standard`, as `LEVEL CODE where: message`. */
export function diff(standard: string, actual: string): Finding[] {
  return compareSchemas(model(standard), model(actual));
}

export const errorsOnly = (findings: Finding[]) => findings.filter((f) => f.level === 'error');
export const codes = (findings: Finding[]) => findings.map((f) => `${f.level} ${f.code} ${f.where}`);

/** A product as the search probe asks for it. */
export const product = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  sku: 'S1',
  name,
  unit: 'EA',
  gtin: null,
  updatedAt: '2026-03-01T09:00:00+09:00',
  price: { amount: 1000, vat: 100, currency: 'KRW' },
  ...extra,
});
