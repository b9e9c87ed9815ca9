/**
 * The fan-out bench's request timelines: recorded from node:http's own
 * diagnostics channels in a real server that calls real upstream servers,
 * labelled by header, one request at a time, and summarized per label.
 */
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordTimelines, summarizeTimelines, TIMELINE_HEADER, type RequestTimeline } from '../fanout/timeline';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const agent = new Agent({ keepAlive: true });

function call(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('fan-out request timelines', () => {
  const recorder = recordTimelines();
  const servers: Server[] = [];
  let fanout: string;
  /** Upstream answer delays (ms), one upstream server each. */
  const delays = [5, 25, 15];

  beforeAll(async () => {
    const upstreams: string[] = [];
    for (const ms of delays) {
      const upstream = createServer((req, res) => {
        req.resume();
        req.on('end', () => setTimeout(() => res.end('{"ok":true}'), ms));
      });
      servers.push(upstream);
      upstreams.push(await listen(upstream));
    }
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', async () => {
        await Promise.all(upstreams.map((u) => call(u)));
        res.end('{"done":true}');
      });
    });
    servers.push(server);
    fanout = await listen(server);
  });

  afterAll(async () => {
    agent.destroy();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  beforeEach(() => void recorder.take());
  afterAll(() => recorder.stop());

  it('records a labelled request: every call, in order of its milestones', async () => {
    await call(fanout, { [TIMELINE_HEADER]: 'page1' });
    const [t, ...rest] = recorder.take();
    expect(rest).toEqual([]);
    expect(t.label).toBe('page1');
    expect(t.calls).toBe(3);
    expect(0).toBeLessThanOrEqual(t.firstWritten);
    expect(t.firstWritten).toBeLessThanOrEqual(t.lastWritten);
    // The slowest upstream answers 25 ms after it was asked.
    expect(t.lastAnswer).toBeGreaterThanOrEqual(t.lastWritten + 20);
    expect(t.answered).toBeGreaterThanOrEqual(t.lastAnswer);
  });

  it('leaves out requests without the label and requests that overlap', async () => {
    await call(fanout);
    await Promise.all([call(fanout, { [TIMELINE_HEADER]: 'a' }), call(fanout, { [TIMELINE_HEADER]: 'b' })]);
    expect(recorder.take()).toEqual([]);
    await call(fanout, { [TIMELINE_HEADER]: 'c' });
    expect(recorder.take().map((t) => t.label)).toEqual(['c']);
  });

  it('records nothing once stopped', async () => {
    const second = recordTimelines();
    second.stop();
    await call(fanout, { [TIMELINE_HEADER]: 'after-stop' });
    expect(second.take()).toEqual([]);
    expect(recorder.take().map((t) => t.label)).toEqual(['after-stop']);
  });

  it('summarizes medians per label, with the time from the last answer to the response', () => {
    const t = (label: string, firstWritten: number, lastAnswer: number, answered: number): RequestTimeline => ({ label, firstWritten, lastWritten: firstWritten + 10, lastAnswer, answered, calls: 200 });
    const summary = summarizeTimelines([t('page1', 1, 80, 82), t('page1', 3, 90, 91), t('page1', 2, 85, 88), t('page10', 4, 95, 99)]);
    expect(summary.get('page1')).toEqual({ requests: 3, firstWritten: 2, lastWritten: 12, lastAnswer: 85, answered: 88, afterLastAnswer: 2, calls: 200 });
    expect(summary.get('page10')).toMatchObject({ requests: 1, afterLastAnswer: 4 });
  });
});
