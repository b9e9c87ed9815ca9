import type { CheckReport } from '../../contract';
import type { Finding } from '../../contract/findings';
import { outcomeOf } from '../admission';

const finding = (code: Finding['code'], message: string): Finding => ({ level: 'error', code, where: 'x', message });
const report = (role: string, findings: Finding[], reachable = true): CheckReport => ({
  role,
  url: `http://${role}/graphql`,
  fit: findings.every((f) => f.level !== 'error'),
  reachable,
  schema: [],
  probe: null,
  findings,
});

describe('outcomeOf', () => {
  it('passes when every role is fit', () => {
    expect(outcomeOf([report('marketplace', []), report('erp', [])])).toEqual({ outcome: 'passed', reason: null, problems: [] });
  });

  it('fails on any contract problem, naming the role', () => {
    const out = outcomeOf([report('marketplace', [finding('MISSING_FIELD', 'missing field Product.gtin (String)')]), report('erp', [])]);
    expect(out).toEqual({ outcome: 'failed', reason: 'marketplace: missing field Product.gtin (String)', problems: ['marketplace: missing field Product.gtin (String)'] });
  });

  it('is unreachable (checked again later) when a role does not answer or answers too slowly', () => {
    expect(outcomeOf([report('marketplace', [finding('UNREACHABLE', 'did not answer')], false)]).outcome).toBe('unreachable');
    expect(outcomeOf([report('marketplace', [finding('PROBE_SLOW', 'took 2500 ms')])]).outcome).toBe('unreachable');
  });

  it('a contract problem in one role outweighs another role being down', () => {
    const out = outcomeOf([report('marketplace', [finding('WRONG_KEY', 'wrong key')]), report('erp', [finding('UNREACHABLE', 'refused')], false)]);
    expect(out.outcome).toBe('failed');
    expect(out.reason).toBe('marketplace: wrong key | erp: refused');
  });
});
