/**
 * The records a dataset must map to, derived straight from its legacy terms
 * with core/domain, independently of every adapter's own mapping: products
 * with a mapped unit (unmapped category → null classification, invalid GTIN
 * → null gtin), suppliers with a valid 사업자등록번호, every order.
 * Also the reference ERP answers (stock and fulfilment) for the erp group.
 */
import { normalizeBusinessNumber } from '../../core/domain/businessNumber';
import { normalizeGtin } from '../../core/domain/gtin';
import { addMoney, multiplyMoney, parseLegacyDate, toMoney, ZERO_KRW } from '../../core/domain/legacy';
import { mapUnit } from '../../core/domain/units';
import { mapCategory } from '../../core/domain/unspsc';
import type { LegacyDataset, LegacyMember, LegacyOrder, LegacyProduct } from '../../demo/data/types';
import type { FulfillmentStatus, InventoryRecord } from '../../subgraphs/erp/port';
import type { OrderRecord, ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';

export interface ExpectedRecords {
  products: ProductRecord[];
  suppliers: SupplierRecord[];
  orders: OrderRecord[];
}

export function expectedRecords(dataset: LegacyDataset): ExpectedRecords {
  return {
    products: present(dataset.products.map((p) => expectedProduct(p, dataset))),
    suppliers: present(dataset.members.map(expectedSupplier)),
    orders: present(dataset.orders.map((o) => expectedOrder(o, dataset))),
  };
}

function present<T>(rows: Array<T | null>): T[] {
  return rows.filter((row): row is T => row !== null);
}

export function expectedProduct(p: LegacyProduct, dataset: LegacyDataset): ProductRecord | null {
  const unit = mapUnit(p.unitWord, dataset.units);
  const updatedAt = parseLegacyDate(p.updatedDate);
  if (!unit.ok || updatedAt === null) return null;
  const category = mapCategory(p.categoryCode, dataset.categories);
  return {
    localId: p.code,
    sku: p.code,
    name: p.name,
    spec: p.spec || null,
    description: p.description || null,
    classificationCode: category.ok ? category.value : null,
    gtin: normalizeGtin(p.gtin),
    unit: unit.value,
    price: toMoney(p.price, dataset.pricesIncludeVat),
    minOrderQuantity: p.minOrderQuantity,
    supplierLocalId: p.supplierCode || null,
    updatedAt,
  };
}

export function expectedSupplier(m: LegacyMember): SupplierRecord | null {
  const businessNumber = normalizeBusinessNumber(m.businessNumber);
  if (businessNumber === null) return null;
  return { localId: m.code, businessNumber, name: m.name, representative: m.representative || null, region: m.region || null };
}

export function expectedOrder(o: LegacyOrder, dataset: LegacyDataset): OrderRecord | null {
  const orderedAt = parseLegacyDate(o.orderedAt);
  if (orderedAt === null) return null;
  const lines = o.lines.map((line) => {
    const unitPrice = toMoney(line.unitPrice, dataset.pricesIncludeVat);
    return { productLocalId: line.productCode, quantity: line.quantity, unitPrice, amount: multiplyMoney(unitPrice, line.quantity) };
  });
  return {
    localId: o.code,
    buyer: { businessNumber: normalizeBusinessNumber(o.buyerBusinessNumber) ?? o.buyerBusinessNumber, name: o.buyerName },
    supplierLocalId: o.supplierCode || null,
    lines,
    total: lines.reduce((sum, line) => addMoney(sum, line.amount), ZERO_KRW),
    status: o.status,
    orderedAt,
    idempotencyKey: o.idempotencyKey,
  };
}

/** Stock of a product as any ERP must show it (asOf is the ERP's own business, so it is left out). */
export function expectedInventory(p: LegacyProduct): Omit<InventoryRecord, 'asOf'> {
  return {
    onHand: p.stockOnHand,
    available: Math.max(0, p.stockOnHand - p.stockReserved),
    warehouse: p.warehouse || null,
    leadTimeDays: p.leadTimeDays,
  };
}

/** The fulfilment statuses an order status allows (an order may ship before its header says so). */
export function allowedFulfillmentStatuses(status: LegacyOrder['status']): FulfillmentStatus[] {
  switch (status) {
    case 'CANCELLED':
      return ['CANCELLED'];
    case 'DELIVERED':
      return ['DELIVERED'];
    case 'SHIPPED':
      return ['SHIPPED'];
    case 'CONFIRMED':
      return ['PICKING', 'SHIPPED'];
    case 'RECEIVED':
      return ['PENDING', 'SHIPPED'];
  }
}
