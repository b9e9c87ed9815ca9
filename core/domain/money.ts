/** Money as the network speaks it: supply amount excluding VAT (공급가액) and the VAT on it, in KRW. */
export interface Money {
  amount: number;
  vat: number;
  currency: 'KRW';
}
