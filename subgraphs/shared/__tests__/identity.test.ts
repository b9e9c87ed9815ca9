import { ANONYMOUS, callerOf, identityFrom, signIdentity, verifyIdentity, withCaller, type Identity } from '../identity';
import {
  accessOf,
  allowsBuyer,
  orderAccess,
  orderStatsAccess,
  placeOrderAccess,
  scopeBuyerFilter,
  type OrderAccess,
} from '../identityRules';

const SECRET = 'a-shared-secret-of-the-gateway-0123456789';
const member: Identity = { role: 'member', cooperativeId: 'kfurn', businessNumber: '105-86-12348', subject: 'company-1' };

describe('signed identity header', () => {
  it('round-trips for the cooperative it was signed for', () => {
    const header = signIdentity(member, SECRET, 'kfurn');
    expect(verifyIdentity(header, SECRET, 'kfurn')).toEqual({ ok: true, identity: member });
  });

  it.each<[string, (h: string) => string | undefined, string, number?]>([
    ['missing', () => undefined, 'kfurn'],
    ['another cooperative', (h) => h, 'kmetal'],
    ['another secret', () => signIdentity(member, 'someone-elses-secret-0123456789abcdef', 'kfurn'), 'kfurn'],
    ['a changed payload', (h) => {
      const [v, p, s] = h.split('.');
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
      return `${v}.${Buffer.from(JSON.stringify({ ...payload, role: 'federation_admin' })).toString('base64url')}.${s}`;
    }, 'kfurn'],
    ['expired', (h) => h, 'kfurn', Date.now() + 10 * 60_000],
    ['from the future', (h) => h, 'kfurn', Date.now() - 10 * 60_000],
    ['not three parts', () => 'v1.abc', 'kfurn'],
    ['another version', (h) => h.replace(/^v1/, 'v2'), 'kfurn'],
  ])('refuses a header that is %s', (_name, change, audience, now = Date.now()) => {
    const verified = verifyIdentity(change(signIdentity(member, SECRET, 'kfurn')), SECRET, audience, now);
    expect(verified.ok).toBe(false);
  });

  it('identities need their claims: members a cooperative and a valid 사업자등록번호, coop admins a cooperative', () => {
    expect(identityFrom({ role: 'member', cooperativeId: 'kfurn', businessNumber: '1058612348' })).toEqual({ role: 'member', cooperativeId: 'kfurn', businessNumber: '105-86-12348' });
    expect(identityFrom({ role: 'member', cooperativeId: 'kfurn', businessNumber: '105-86-12349' })).toMatch(/사업자등록번호/);
    expect(identityFrom({ role: 'member', businessNumber: '105-86-12348' })).toMatch(/cooperative/);
    expect(identityFrom({ role: 'coop_admin', cooperativeId: 'Bad Id' })).toMatch(/cooperative/);
    expect(identityFrom({ role: 'root' })).toMatch(/unknown role/);
    expect(identityFrom({ role: 'analyst', cooperativeId: 'kfurn' })).toEqual({ role: 'analyst' });
  });

  it('travels on the context, also through a shallow copy (Apollo copies the context per operation)', () => {
    const context = withCaller({}, { identity: member, enforced: true });
    expect(callerOf(Object.assign(Object.create(null), context))).toEqual({ identity: member, enforced: true });
    expect(callerOf({})).toBeUndefined();
  });
});

describe('access rules', () => {
  const ids: Record<string, Identity> = {
    anonymous: ANONYMOUS,
    member,
    coop_admin: { role: 'coop_admin', cooperativeId: 'kfurn' },
    analyst: { role: 'analyst' },
    federation_admin: { role: 'federation_admin' },
  };
  const kind = (a: OrderAccess) => (a.kind === 'denied' ? a.code : a.kind);

  it.each([
    // role, orders at own coop, orders at another coop, orderStats at another coop, placeOrder as itself at own coop
    ['anonymous', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
    ['member', 'buyer', 'FORBIDDEN', 'FORBIDDEN', 'buyer'],
    ['coop_admin', 'all', 'FORBIDDEN', 'FORBIDDEN', 'all'],
    ['analyst', 'FORBIDDEN', 'FORBIDDEN', 'all', 'FORBIDDEN'],
    ['federation_admin', 'all', 'all', 'all', 'all'],
  ])('%s', (role, own, other, stats, place) => {
    const who = ids[role];
    expect(kind(orderAccess(who, 'kfurn'))).toBe(own);
    expect(kind(orderAccess(who, 'kmetal'))).toBe(other);
    expect(kind(orderStatsAccess(who, 'kmetal'))).toBe(stats);
    expect(kind(placeOrderAccess(who, 'kfurn', '105-86-12348'))).toBe(place);
  });

  it('a member orders only as itself', () => {
    expect(kind(placeOrderAccess(member, 'kfurn', '113-81-55552'))).toBe('FORBIDDEN');
    expect(kind(placeOrderAccess(member, 'kfurn', '1058612348'))).toBe('buyer');
  });

  it('pins a filter to the member’s number; another buyer matches nothing', () => {
    const access = orderAccess(member, 'kfurn');
    const filter: { status?: string; buyerBusinessNumber?: string | null } = { status: 'RECEIVED' };
    expect(scopeBuyerFilter(filter, access)).toEqual({ status: 'RECEIVED', buyerBusinessNumber: '105-86-12348' });
    expect(scopeBuyerFilter({ buyerBusinessNumber: '113-81-55552' }, access)).toBeNull();
    expect(scopeBuyerFilter({ buyerBusinessNumber: null }, { kind: 'all' })).toEqual({ buyerBusinessNumber: null });
    expect(allowsBuyer(access, '105-86-12348')).toBe(true);
    expect(allowsBuyer(access, '113-81-55552')).toBe(false);
  });

  it('applies only where enforced (a subgraph without a gateway secret serves as before)', () => {
    expect(accessOf(withCaller({}, { identity: ANONYMOUS, enforced: false }), orderAccess, 'kfurn')).toEqual({ kind: 'all' });
    expect(accessOf({}, orderAccess, 'kfurn')).toEqual({ kind: 'all' });
    expect(accessOf(withCaller({}, { identity: ANONYMOUS, enforced: true }), orderAccess, 'kfurn').kind).toBe('denied');
  });
});
