/**
 * Where one fan-out request's time goes, seen from inside the server that
 * serves it (the gateway or the bare fan-out), without a profiler in the way:
 * node:http's diagnostics channels mark when the request arrived, when each
 * cooperative request was fully written, when each answer was read and when
 * the response was written. The gap between the two servers' milestones says
 * which part of "p50 − bare fan-out" is the gateway's work before its first
 * call, its reading of the answers, and its work after the last one.
 *
 * Only requests carrying `TIMELINE_HEADER` are recorded (its value labels
 * them), one at a time: the latency rounds send one request at a time, and the
 * calls of two overlapping requests could not be told apart, so both are left
 * out.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { median } from '../stats';

export const TIMELINE_HEADER = 'x-sbnet-bench-timeline';

/** One recorded request; times in ms after it arrived. */
export interface RequestTimeline {
  label: string;
  /** The first cooperative request fully handed to the socket. */
  firstWritten: number;
  lastWritten: number;
  /** The last cooperative answer read to its end. */
  lastAnswer: number;
  /** The response handed to the socket. */
  answered: number;
  calls: number;
}

/** What is known of a request while it is served. */
interface Open {
  request: IncomingMessage;
  label: string;
  arrived: number;
  written: number[];
  answers: number[];
  overlapped: boolean;
}

export interface TimelineRecorder {
  /** The requests recorded since the last `take`. */
  take(): RequestTimeline[];
  /** Stops recording (node:http then publishes nothing: no cost left on later requests). */
  stop(): void;
}

/** Starts recording in this process. */
export function recordTimelines(now: () => number = () => performance.now()): TimelineRecorder {
  let open: Open | undefined;
  let done: RequestTimeline[] = [];
  const arrived = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    const label = request.headers[TIMELINE_HEADER];
    if (typeof label !== 'string') return;
    const overlapped = open !== undefined;
    if (open) open.overlapped = true;
    open = { request, label, arrived: now(), written: [], answers: [], overlapped };
  };
  // Published by node:http once a client request is fully written (ClientRequest._finish).
  const written = (message: unknown) => {
    const serving = open;
    if (!serving) return;
    serving.written.push(now() - serving.arrived);
    (message as { request: ClientRequest }).request.once('response', (res: IncomingMessage) => {
      res.once('end', () => serving.answers.push(now() - serving.arrived));
    });
  };
  const answered = (message: unknown) => {
    const { request } = message as { request: IncomingMessage; response: ServerResponse };
    if (!open || open.request !== request) return;
    const finished = open;
    open = undefined;
    if (finished.overlapped || !finished.written.length) return;
    done.push({
      label: finished.label,
      firstWritten: finished.written[0],
      lastWritten: finished.written[finished.written.length - 1],
      lastAnswer: finished.answers.length ? Math.max(...finished.answers) : NaN,
      answered: now() - finished.arrived,
      calls: finished.written.length,
    });
  };
  const channels = [
    ['http.server.request.start', arrived],
    ['http.client.request.start', written],
    ['http.server.response.finish', answered],
  ] as const;
  for (const [name, onMessage] of channels) subscribe(name, onMessage);
  return {
    take: () => {
      const taken = done;
      done = [];
      return taken;
    },
    stop: () => {
      for (const [name, onMessage] of channels) unsubscribe(name, onMessage);
    },
  };
}

/** Medians of one label's requests (ms after arrival), and the response's delay after the last answer. */
export interface TimelineSummary {
  requests: number;
  firstWritten: number;
  lastWritten: number;
  lastAnswer: number;
  answered: number;
  afterLastAnswer: number;
  calls: number;
}

/** Per label, the medians of its requests' milestones. */
export function summarizeTimelines(timelines: readonly RequestTimeline[]): Map<string, TimelineSummary> {
  const byLabel = new Map<string, RequestTimeline[]>();
  for (const t of timelines) byLabel.set(t.label, [...(byLabel.get(t.label) ?? []), t]);
  const out = new Map<string, TimelineSummary>();
  for (const [label, list] of byLabel) {
    const of = (pick: (t: RequestTimeline) => number) => median(list.map(pick));
    out.set(label, {
      requests: list.length,
      firstWritten: of((t) => t.firstWritten),
      lastWritten: of((t) => t.lastWritten),
      lastAnswer: of((t) => t.lastAnswer),
      answered: of((t) => t.answered),
      afterLastAnswer: of((t) => t.answered - t.lastAnswer),
      calls: of((t) => t.calls),
    });
  }
  return out;
}
