import { describe, expect, it } from 'vitest';
import { StatementLane } from './lane.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('StatementLane (decision 0106)', () => {
  it('runs at most `width` statements at once, the rest in arrival order, and passes results and errors through', async () => {
    let width = 1;
    const lane = new StatementLane(() => width);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const job = (i: number) =>
      lane.run(async () => {
        running++;
        most = Math.max(most, running);
        await tick();
        order.push(i);
        running--;
        if (i === 2) throw new Error('boom');
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map(job));
    expect(most).toBe(1);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'err'))).toEqual([0, 1, 'err', 3, 4]);
    width = 2;
    most = 0;
    await Promise.all([5, 6, 7, 8].map(job));
    expect(most).toBe(2);
  });
});
