/**
 * Reading `resilience:` blocks of supergraph.yaml (under `gateway:` and under
 * each cooperative), with file:line errors like every other key.
 */
import type { CircuitSettings, ResilienceSettings } from '../../core/resilienceSettings';
import type { ConfigPath, ConfigReader } from '../../core/yamlConfig';

export const RESILIENCE_KEYS = ['maxInFlight', 'maxQueue', 'queueTimeoutMs', 'retry', 'circuit'];
export const CIRCUIT_KEYS = ['failureThreshold', 'failureRate', 'minimumRequests', 'windowMs', 'openMs'];

export function readResilienceSettings(r: ConfigReader, value: unknown, path: ConfigPath): ResilienceSettings | undefined {
  if (value === undefined || value === null) return undefined;
  const v = r.object(value, path, RESILIENCE_KEYS);
  const at = (key: string): ConfigPath => [...path, key];
  const settings: ResilienceSettings = {};
  const maxInFlight = r.number(v.maxInFlight, at('maxInFlight'), { optional: true, integer: true, min: 1, max: 10_000 });
  if (maxInFlight !== undefined) settings.maxInFlight = maxInFlight;
  const maxQueue = r.number(v.maxQueue, at('maxQueue'), { optional: true, integer: true, min: 0, max: 100_000 });
  if (maxQueue !== undefined) settings.maxQueue = maxQueue;
  const queueTimeoutMs = r.number(v.queueTimeoutMs, at('queueTimeoutMs'), { optional: true, integer: true, min: 0 });
  if (queueTimeoutMs !== undefined) settings.queueTimeoutMs = queueTimeoutMs;
  if (v.retry !== undefined && v.retry !== null) settings.retry = r.boolean(v.retry, at('retry'), true);
  const circuit = readCircuit(r, v.circuit, at('circuit'));
  if (circuit) settings.circuit = circuit;
  return settings;
}

function readCircuit(r: ConfigReader, value: unknown, path: ConfigPath): CircuitSettings | undefined {
  if (value === undefined || value === null) return undefined;
  const v = r.object(value, path, CIRCUIT_KEYS);
  const at = (key: string): ConfigPath => [...path, key];
  const out: CircuitSettings = {};
  const failureThreshold = r.number(v.failureThreshold, at('failureThreshold'), { optional: true, integer: true, min: 1 });
  if (failureThreshold !== undefined) out.failureThreshold = failureThreshold;
  const failureRate = r.number(v.failureRate, at('failureRate'), { optional: true, min: 0, max: 1 });
  if (failureRate !== undefined) {
    if (failureRate === 0) throw r.source.error(at('failureRate'), 'must be above 0 (a share of failed calls, e.g. 0.5)');
    out.failureRate = failureRate;
  }
  const minimumRequests = r.number(v.minimumRequests, at('minimumRequests'), { optional: true, integer: true, min: 1 });
  if (minimumRequests !== undefined) out.minimumRequests = minimumRequests;
  const windowMs = r.number(v.windowMs, at('windowMs'), { optional: true, integer: true, min: 100 });
  if (windowMs !== undefined) out.windowMs = windowMs;
  const openMs = r.number(v.openMs, at('openMs'), { optional: true, integer: true, min: 1 });
  if (openMs !== undefined) out.openMs = openMs;
  return out;
}
