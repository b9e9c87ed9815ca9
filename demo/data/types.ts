/**
 * The demo's source data for one cooperative, in *legacy* terms (local
 * category codes, unit words, prices as the legacy system stores them,
 * YYYYMMDD dates, some deliberately bad rows). Each simulated legacy system
 * stores it in its own shape (REST JSON fields, ERP tables, CSV files, SOAP XML);
 * adapters must map it back to the network's terms.
 */
export interface LegacyProduct {
  /** Local product code, e.g. "P-10023" (becomes the local id and the sku). */
  code: string;
  name: string;
  spec: string;
  description: string;
  /** The cooperative's own category code (mapped to UNSPSC by config). */
  categoryCode: string;
  /** Unit word as the legacy system writes it: 개, 박스, kg, 조, EA… */
  unitWord: string;
  /** Price as stored by the legacy system (including VAT when the dataset says so). */
  price: number;
  minOrderQuantity: number;
  /** May be invalid (bad check digit) or empty on purpose for some rows. */
  gtin: string;
  supplierCode: string;
  /** YYYYMMDD (Asia/Seoul). */
  updatedDate: string;
  /** Stock for ERPs. */
  stockOnHand: number;
  stockReserved: number;
  warehouse: string;
  leadTimeDays: number;
}

export interface LegacyMember {
  code: string;
  name: string;
  /** 사업자등록번호 with hyphens; a few are invalid on purpose. */
  businessNumber: string;
  representative: string;
  region: string;
}

export interface LegacyOrderLine {
  productCode: string;
  quantity: number;
  /** Unit price as the legacy system stores it (same VAT convention as products). */
  unitPrice: number;
}

export interface LegacyOrder {
  code: string;
  buyerBusinessNumber: string;
  buyerName: string;
  supplierCode: string;
  lines: LegacyOrderLine[];
  /** Legacy status word (mapped by each simulator/adapter). */
  status: 'RECEIVED' | 'CONFIRMED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
  /** YYYYMMDDHHmmss (Asia/Seoul). */
  orderedAt: string;
  shippedAt: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  invoiceNumber: string | null;
  idempotencyKey: string | null;
}

export interface LegacyDataset {
  cooperative: string;
  /** Whether `price`/`unitPrice` include 10% VAT. */
  pricesIncludeVat: boolean;
  /** Local category code → UNSPSC (what the cooperative's config will say). */
  categories: Record<string, string>;
  /** Local unit word → Rec 20 code (what the config will say); some words deliberately unmapped. */
  units: Record<string, string>;
  products: LegacyProduct[];
  members: LegacyMember[];
  orders: LegacyOrder[];
}

/** What a generator needs to know of a cooperative to make realistic data. */
export interface CoopProfile {
  id: string;
  industry: 'furniture' | 'steel-wire' | 'metal' | 'textiles' | 'printing' | 'soy' | 'electrical' | 'lighting' | 'gloves' | 'sauce';
  productCount: number;
  memberCount: number;
  orderCount: number;
  pricesIncludeVat: boolean;
  seed: number;
}
