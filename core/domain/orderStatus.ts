/**
 * Order status rules every marketplace applies alike (the legacy malls
 * enforce them too): an order that has left the warehouse (SHIPPED,
 * DELIVERED) can no longer be cancelled; cancelling a CANCELLED order
 * changes nothing.
 */
export function isCancellable(status: string | null): boolean {
  return status !== 'SHIPPED' && status !== 'DELIVERED';
}
