/**
 * The gateway's logs about cooperatives, each line with the client request's
 * `reqId`: a failed call (warn: cooperative, role, outcome, duration), a
 * retry, a refused call (debug: an open circuit refuses many calls; its
 * opening and closing are logged once each by the circuit).
 */
import type { Logger } from '../core/log';
import type { ProtectionEvents, Target } from './resilience/events';
import type { CallOutcome, CallRecord, CooperativeCall, SendResult } from './router/send';

export function callLogger(log: Logger): { record(call: CallRecord): void } & ProtectionEvents {
  return {
    record(call) {
      if (call.outcome === 'ok' || call.outcome === 'graphql_error') return;
      log.warn(
        { reqId: call.requestId, cooperativeId: call.cooperativeId || undefined, role: call.role, outcome: call.outcome, durationMs: Math.round(call.durationMs) },
        `call to ${call.cooperativeId || call.role} failed: ${call.outcome}`,
      );
    },
    retried(target: Target, firstOutcome: CallOutcome) {
      log.debug({ ...target, outcome: firstOutcome }, 'retrying a read once');
    },
    rejected(target: Target, outcome) {
      log.debug({ ...target, outcome }, 'call refused by the gateway');
    },
    answered(call: CooperativeCall, result: SendResult) {
      if (result.ok) return;
      log.debug({ reqId: call.headers?.['x-request-id'], cooperativeId: call.cooperativeId, role: call.role, outcome: result.outcome, reason: result.reason }, 'cooperative unavailable for this answer');
    },
  };
}
