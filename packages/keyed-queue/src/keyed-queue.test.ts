import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedQueue', () => {
  it('runs work for one key one at a time, in order, even when some fail', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let running = 0;
    const job = (n: number, fail = false) =>
      queue.run('a', async () => {
        running += 1;
        expect(running).toBe(1);
        log.push(`start ${n}`);
        await tick();
        log.push(`end ${n}`);
        running -= 1;
        if (fail) throw new Error(`job ${n}`);
        return n;
      });
    const results = await Promise.allSettled([job(1), job(2, true), job(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs different keys concurrently', async () => {
    const queue = new KeyedQueue();
    let concurrent = 0;
    let peak = 0;
    await Promise.all(
      ['a', 'b', 'c'].map((key) =>
        queue.run(key, async () => {
          concurrent += 1;
          peak = Math.max(peak, concurrent);
          await tick();
          concurrent -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});
