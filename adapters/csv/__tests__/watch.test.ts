/** The folder watch: events arrive, yet the watch never holds the process open (a server does). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchFolder } from '../watch';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'sbnet-watch-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const watchHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length;

it('reports an export file landing without keeping the event loop alive', async () => {
  const before = watchHandles();
  let changes = 0;
  const watch = await watchFolder(dir, { pollMs: 60_000, onChange: () => changes++, onPoll: () => undefined, onError: (e) => { throw e; } });
  try {
    // chokidar can orphan a watch it was still adding when closed (its issue #1482); an unref'd one cannot hang the process.
    expect(watchHandles()).toBe(before);
    writeFileSync(join(dir, 'items.csv'), 'x');
    for (let i = 0; i < 100 && changes === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(changes).toBeGreaterThan(0);
  } finally {
    await watch.close();
  }
});
