/**
 * The `soap` adapter kind: a cooperative whose marketplace is a SOAP 1.1
 * shopping-mall service speaking `text/xml; charset=euc-kr` (see
 * demo/legacy/soap for the simulated one).
 *
 *   sbnet subgraph marketplace --adapter soap --config coop.yaml
 *
 * Config keys (coop.yaml, `legacy:`): `url` (the SOAP endpoint, required; a
 * `?wsdl` address is accepted), `pageSize` (1…100, default 100), `timeoutMs`
 * (default 10000). Nothing is called at start-up: a mall that is down makes
 * queries fail with COOPERATIVE_UNAVAILABLE, it does not keep the subgraph
 * from starting.
 */
import type { AdapterFactory } from '../types';
import { SoapClient } from './client';
import { SoapMarketplace } from './marketplace';
import { readSoapSettings } from './settings';

export const soapAdapter: AdapterFactory = {
  kind: 'soap',
  description: 'SOAP 1.1/XML shopping-mall service in EUC-KR (PageNo/PageSize paging, "12,000" prices, YYYYMMDD dates, Faults)',
  async marketplace(ctx) {
    const settings = readSoapSettings(ctx.config);
    return new SoapMarketplace(new SoapClient(settings), ctx, settings);
  },
};

export { SoapMarketplace } from './marketplace';
export { readSoapSettings, type SoapSettings } from './settings';
