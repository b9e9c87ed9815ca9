/**
 * The gateway's admin routes (`/admin/*`) also open to a bearer JWT with the
 * `federation_admin` role, beside the static `SBNET_ADMIN_TOKEN` (admin.ts).
 */
import type { AdminCheck } from '../admin';
import type { TokenVerifier } from './verifier';

export function federationAdminCheck(verifier: TokenVerifier | null): AdminCheck {
  return async (req) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!verifier || !token) return false;
    try {
      return (await verifier.verify(token)).role === 'federation_admin';
    } catch {
      return false;
    }
  };
}
