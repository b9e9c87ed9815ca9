/**
 * Pure checks of probe answers: does a product, a page, an entity list look
 * the way the network needs it (global ids of the right cooperative, Money in
 * whole won, Rec 20 units, valid GTINs, instants with offsets, the one
 * order)? Each returns issues — a code and a plain sentence; none throws.
 */
import { isValidGtin } from '../../core/domain/gtin';
import { isRec20Unit } from '../../core/domain/units';
import { tryParseGlobalId } from '../../core/ids';
import { compareCodePoints } from '../../core/order';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export type Json = Record<string, unknown>;

export interface Issue {
  code: 'PROBE_SHAPE' | 'PROBE_ORDER' | 'PROBE_FOREIGN_ID';
  message: string;
}

const shape = (message: string): Issue => ({ code: 'PROBE_SHAPE', message });

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isInstant(value: unknown): boolean {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** Problems with one global id: malformed, or of another cooperative. */
export function idProblems(id: unknown, cooperativeId: string | undefined, what: string): Issue[] {
  if (typeof id !== 'string') return [shape(`${what} has id ${JSON.stringify(id)}, not a string`)];
  const parsed = tryParseGlobalId(id);
  if (!parsed) return [shape(`${what} has id ${JSON.stringify(id)}: ids must be "<cooperativeId>:<localId>"`)];
  if (cooperativeId && parsed.cooperativeId !== cooperativeId) {
    const message = `${what} has id ${JSON.stringify(id)}, which names cooperative "${parsed.cooperativeId}" instead of "${cooperativeId}": the gateway routes ids by that prefix`;
    return [{ code: 'PROBE_FOREIGN_ID', message }];
  }
  return [];
}

/** A Product as the search probe asks for it: id sku name unit gtin updatedAt price { amount vat currency }. */
export function productProblems(node: unknown, cooperativeId: string | undefined): Issue[] {
  if (!isObject(node)) return [shape(`a product is ${JSON.stringify(node)}, not an object`)];
  const what = `product ${typeof node.id === 'string' ? node.id : '?'}`;
  const out = idProblems(node.id, cooperativeId, 'a product');
  if (typeof node.sku !== 'string' || node.sku === '') out.push(shape(`${what} has no sku`));
  if (typeof node.name !== 'string' || node.name.trim() === '') out.push(shape(`${what} has no name`));
  if (typeof node.unit !== 'string' || !isRec20Unit(node.unit)) out.push(shape(`${what} has unit ${JSON.stringify(node.unit)}, not a UN/CEFACT Rec 20 code (EA, SET, KGM, XBX…)`));
  if (node.gtin !== null && (typeof node.gtin !== 'string' || !isValidGtin(node.gtin))) out.push(shape(`${what} has gtin ${JSON.stringify(node.gtin)}: answer a valid GTIN-8/12/13/14 or null`));
  if (!isInstant(node.updatedAt)) out.push(shape(`${what} has updatedAt ${JSON.stringify(node.updatedAt)}, not an ISO 8601 date-time with offset`));
  out.push(...moneyProblems(node.price, `${what} price`));
  return out;
}

export function moneyProblems(money: unknown, what: string): Issue[] {
  if (!isObject(money)) return [shape(`${what} is ${JSON.stringify(money)}, not Money { amount vat currency }`)];
  const out: Issue[] = [];
  if (!Number.isInteger(money.amount) || (money.amount as number) < 0) out.push(shape(`${what}.amount is ${JSON.stringify(money.amount)}, not whole won ≥ 0`));
  if (!Number.isInteger(money.vat) || (money.vat as number) < 0) out.push(shape(`${what}.vat is ${JSON.stringify(money.vat)}, not whole won ≥ 0`));
  if (money.currency !== 'KRW') out.push(shape(`${what}.currency is ${JSON.stringify(money.currency)} instead of "KRW"`));
  return out;
}

/** NAME ASC, ties by id: the order the gateway's k-way merge relies on. */
export function orderProblems(nodes: readonly Json[]): Issue[] {
  for (let i = 1; i < nodes.length; i++) {
    const [a, b] = [nodes[i - 1], nodes[i]];
    if (typeof a.name !== 'string' || typeof b.name !== 'string') continue;
    const byName = compareCodePoints(a.name, b.name);
    const cmp = byName !== 0 ? byName : compareCodePoints(String(a.id), String(b.id));
    if (cmp > 0) {
      const message = `products are not in the network order (name by Unicode code point, then id): ${JSON.stringify(a.name)} (${String(a.id)}) comes before ${JSON.stringify(b.name)} (${String(b.id)}); with a database use a binary collation`;
      return [{ code: 'PROBE_ORDER', message }];
    }
  }
  return [];
}

/** A connection page: edges { cursor node }, pageInfo { hasNextPage endCursor }, totalCount. */
export function pageProblems(page: unknown, first: number): { problems: Issue[]; nodes: Json[] } {
  if (!isObject(page)) return { problems: [shape(`products answered ${JSON.stringify(page)}, not a ProductConnection`)], nodes: [] };
  const problems: Issue[] = [];
  const edges = Array.isArray(page.edges) ? page.edges : null;
  if (!edges) problems.push(shape('products.edges is not a list'));
  const nodes = (edges ?? []).map((e) => (isObject(e) ? e.node : undefined)).filter(isObject);
  if (edges && nodes.length !== edges.length) problems.push(shape('an edge has no node'));
  if (edges && edges.length > first) problems.push(shape(`asked for ${first} products, got ${edges.length}: first must limit the page`));
  if (edges && edges.some((e) => !isObject(e) || typeof e.cursor !== 'string' || e.cursor === '')) problems.push(shape('an edge has no cursor: every edge needs one so paging can resume right after it'));
  if (!Number.isInteger(page.totalCount) || (page.totalCount as number) < nodes.length) problems.push(shape(`totalCount is ${JSON.stringify(page.totalCount)} for a page of ${nodes.length}`));
  const info = page.pageInfo;
  if (!isObject(info) || typeof info.hasNextPage !== 'boolean') problems.push(shape('pageInfo.hasNextPage is missing'));
  else if (info.hasNextPage && (typeof info.endCursor !== 'string' || info.endCursor === '')) problems.push(shape('pageInfo says there is a next page but endCursor is empty'));
  return { problems, nodes };
}

/** The second page continues the first: no id twice, and not before the first page's last row. */
export function continuationProblems(first: readonly Json[], second: readonly Json[]): Issue[] {
  const seen = new Set(first.map((n) => n.id));
  const repeated = second.filter((n) => seen.has(n.id)).map((n) => String(n.id));
  if (repeated.length) return [shape(`the next page repeats ${repeated.join(', ')}: the cursor must resume right after the last edge`)];
  if (first.length && second.length) return orderProblems([first[first.length - 1], second[0]]).map((p) => ({ ...p, message: `across pages: ${p.message}` }));
  return [];
}

/** `_entities` answers: one per representation, in order; known ids come back as themselves, unknown as null. */
export function entityListProblems(list: unknown, representations: ReadonlyArray<{ id: string; known: boolean }>, typename: string): Issue[] {
  if (!Array.isArray(list)) return [shape(`_entities answered ${JSON.stringify(list)}, not a list`)];
  if (list.length !== representations.length) return [shape(`_entities answered ${list.length} entities for ${representations.length} representations: answer one per representation, in order`)];
  const out: Issue[] = [];
  representations.forEach((rep, i) => {
    const item = list[i];
    if (rep.known) {
      if (!isObject(item)) out.push(shape(`_entities answered null for ${rep.id}, which your search lists`));
      else if (item.id !== rep.id) out.push(shape(`_entities answered ${String(item.id)} at position ${i}, where ${rep.id} was asked: keep the order of the representations`));
    } else if (item !== null && !(isObject(item) && item.id === rep.id)) {
      out.push(shape(`_entities answered ${JSON.stringify(item)} for the unknown ${typename} ${rep.id}: answer null`));
    }
  });
  return out;
}

/** Product.inventory and Order.fulfillment of the erp role. */
export function erpEntityProblems(item: unknown, known: boolean, id: string): Issue[] {
  if (item === null) return [];
  if (!isObject(item)) return [shape(`_entities answered ${JSON.stringify(item)} for ${id}`)];
  const out: Issue[] = [];
  if ('inventory' in item && item.inventory !== null) {
    const inv = item.inventory;
    if (!known) out.push(shape(`an unknown product ${id} has inventory: answer null`));
    else if (!isObject(inv) || typeof inv.onHand !== 'number' || typeof inv.available !== 'number' || !isInstant(inv.asOf)) {
      out.push(shape(`inventory of ${id} is ${JSON.stringify(inv)}: onHand and available must be numbers, asOf an ISO 8601 date-time with offset`));
    }
  }
  if ('fulfillment' in item && item.fulfillment !== null && !known) out.push(shape(`an unknown order ${id} has fulfillment: answer null`));
  return out;
}
