import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../spec/index.js';
import { createSlotScheduler, type SlotLease } from './slot-scheduler.js';

/** A clock the test moves by hand. */
function fakeClock(): { now: () => number; advance: (milliseconds: number) => void } {
  let time = 1_000_000;
  return { now: () => time, advance: (milliseconds) => (time += milliseconds) };
}

/** Records the order in which acquire() promises resolve. */
function track(order: string[], label: string, pending: Promise<SlotLease>): Promise<SlotLease> {
  return pending.then((lease) => {
    order.push(label);
    return lease;
  });
}

async function rejection(pending: Promise<unknown>): Promise<GatewayError> {
  try {
    await pending;
  } catch (error) {
    assert.ok(error instanceof GatewayError, 'expected a GatewayError');
    return error;
  }
  assert.fail('expected the promise to reject');
}

describe('createSlotScheduler', () => {
  it('grants free slots at once, lowest index first, without waiting', async () => {
    const scheduler = createSlotScheduler({ slots: 2, maxQueue: 4 });
    const first = await scheduler.acquire({ projectId: 'a' });
    const second = await scheduler.acquire({ projectId: 'b' });
    assert.deepEqual([first.slot, second.slot], [0, 1]);
    assert.equal(first.waitedMs, 0);
    assert.deepEqual(scheduler.stats(), { slots: 2, busy: 2, queued: 0, queuedByProject: {} });
    first.release();
    const third = await scheduler.acquire({ projectId: 'c' });
    assert.equal(third.slot, 0);
  });

  it('serves one project first in, first out, and reports the time waited', async () => {
    const clock = fakeClock();
    const scheduler = createSlotScheduler({ slots: 1, maxQueue: 10, now: clock.now });
    const holder = await scheduler.acquire({ projectId: 'a' });
    const order: string[] = [];
    const waiting = ['a1', 'a2', 'a3'].map((label) => track(order, label, scheduler.acquire({ projectId: 'a' })));
    clock.advance(250);
    holder.release();
    const firstWaiter = await waiting[0]!;
    assert.equal(firstWaiter.slot, 0);
    assert.equal(firstWaiter.waitedMs, 250);
    firstWaiter.release();
    (await waiting[1]!).release();
    (await waiting[2]!).release();
    assert.deepEqual(order, ['a1', 'a2', 'a3']);
  });

  it('takes projects in turn, so a flooding project cannot starve another one', async () => {
    const scheduler = createSlotScheduler({ slots: 1, maxQueue: 10 });
    const holder = await scheduler.acquire({ projectId: 'a' });
    const order: string[] = [];
    // Each waiter records that it got the slot and hands it straight on.
    const serveAndRelease = (projectId: string, label: string): Promise<void> =>
      scheduler.acquire({ projectId }).then((lease) => {
        order.push(label);
        lease.release();
      });
    const waiting = [
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((label) => serveAndRelease('a', label)),
      serveAndRelease('b', 'b1'),
    ];
    assert.deepEqual(scheduler.stats().queuedByProject, { a: 5, b: 1 });
    holder.release();
    await Promise.all(waiting);
    assert.deepEqual(order, ['a1', 'b1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('answers 429 with a positive retry-after that grows with the queue when the queue is full', async () => {
    async function refusal(maxQueue: number): Promise<GatewayError> {
      const scheduler = createSlotScheduler({ slots: 2, maxQueue });
      await scheduler.acquire({ projectId: 'a' });
      await scheduler.acquire({ projectId: 'a' });
      for (let index = 0; index < maxQueue; index += 1) void scheduler.acquire({ projectId: 'a' });
      assert.equal(scheduler.stats().queued, maxQueue);
      const error = await rejection(scheduler.acquire({ projectId: 'b' }));
      assert.equal(scheduler.stats().queued, maxQueue, 'a refused request is not queued');
      return error;
    }
    const short = await refusal(2);
    const long = await refusal(6);
    assert.equal(short.code, 'rate_limit_exceeded');
    assert.equal(short.status, 429);
    assert.match(short.message, /busy/);
    assert.match(short.message, /2 requests are already queued/);
    // 1000 ms assumed per lease before any is measured: 1000 × (2 queued + its own turn) / 2 slots.
    assert.equal(short.retryAfterMs, 1500);
    assert.equal(long.retryAfterMs, 3500);
  });

  it('estimates retry-after from the measured hold time', async () => {
    const clock = fakeClock();
    const scheduler = createSlotScheduler({ slots: 1, maxQueue: 1, now: clock.now });
    for (const heldMs of [100, 300]) {
      const lease = await scheduler.acquire({ projectId: 'a' });
      clock.advance(heldMs);
      lease.release();
    }
    await scheduler.acquire({ projectId: 'a' });
    void scheduler.acquire({ projectId: 'a' });
    const error = await rejection(scheduler.acquire({ projectId: 'a' }));
    assert.equal(error.retryAfterMs, 400);
  });

  it('with no queue allowed, refuses as soon as every slot is busy, still with a positive retry-after', async () => {
    const clock = fakeClock();
    const scheduler = createSlotScheduler({ slots: 1, maxQueue: 0, now: clock.now });
    await scheduler.acquire({ projectId: 'a' });
    const error = await rejection(scheduler.acquire({ projectId: 'a' }));
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.equal(error.retryAfterMs, 1000, 'one assumed lease, not a millisecond');
  });

  it('removes an aborted waiter at once, rejects it with 499, and gives the slot to the next', async () => {
    const scheduler = createSlotScheduler({ slots: 1, maxQueue: 4 });
    const holder = await scheduler.acquire({ projectId: 'a' });
    const controller = new AbortController();
    const aborted = scheduler.acquire({ projectId: 'a', signal: controller.signal });
    const next = scheduler.acquire({ projectId: 'b' });
    assert.equal(scheduler.stats().queued, 2);
    controller.abort();
    assert.deepEqual(scheduler.stats().queuedByProject, { b: 1 }, 'removed synchronously on abort');
    const error = await rejection(aborted);
    assert.equal(error.code, 'client_closed_request');
    assert.equal(error.status, 499);
    holder.release();
    const lease = await next;
    assert.equal(lease.slot, 0);
    assert.deepEqual(scheduler.stats(), { slots: 1, busy: 1, queued: 0, queuedByProject: {} });
  });

  it('rejects an already aborted signal without queueing or taking a free slot', async () => {
    const scheduler = createSlotScheduler({ slots: 1, maxQueue: 4 });
    const error = await rejection(scheduler.acquire({ projectId: 'a', signal: AbortSignal.abort() }));
    assert.equal(error.code, 'client_closed_request');
    assert.deepEqual(scheduler.stats(), { slots: 1, busy: 0, queued: 0, queuedByProject: {} });
  });

  it('ignores an abort that comes after the slot was granted', async () => {
    const scheduler = createSlotScheduler({ slots: 1, maxQueue: 4 });
    const holder = await scheduler.acquire({ projectId: 'a' });
    const controller = new AbortController();
    const waiting = scheduler.acquire({ projectId: 'a', signal: controller.signal });
    holder.release();
    const lease = await waiting;
    controller.abort();
    assert.equal(scheduler.stats().busy, 1, 'the lease stays held until released');
    lease.release();
    assert.equal(scheduler.stats().busy, 0);
  });

  it('treats a second release as a no-op', async () => {
    const scheduler = createSlotScheduler({ slots: 1, maxQueue: 4 });
    const holder = await scheduler.acquire({ projectId: 'a' });
    const second = scheduler.acquire({ projectId: 'a' });
    const third = scheduler.acquire({ projectId: 'b' });
    holder.release();
    holder.release();
    assert.deepEqual(scheduler.stats(), { slots: 1, busy: 1, queued: 1, queuedByProject: { b: 1 } });
    const lease = await second;
    lease.release();
    lease.release();
    (await third).release();
    assert.deepEqual(scheduler.stats(), { slots: 1, busy: 0, queued: 0, queuedByProject: {} });
  });

  it('re-grants a released slot synchronously, before any timer or I/O callback runs', async () => {
    const scheduler = createSlotScheduler({ slots: 1, maxQueue: 4 });
    const holder = await scheduler.acquire({ projectId: 'a' });
    let granted = false;
    let macrotaskRan = false;
    const waiting = scheduler.acquire({ projectId: 'b' }).then((lease) => {
      granted = true;
      return lease;
    });
    setImmediate(() => (macrotaskRan = true));
    holder.release();
    // The hand-over itself is synchronous: the slot is already counted as the waiter's.
    assert.deepEqual(scheduler.stats(), { slots: 1, busy: 1, queued: 0, queuedByProject: {} });
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(granted, true, 'granted within the same tick');
    assert.equal(macrotaskRan, false, 'no timer or immediate was needed');
    (await waiting).release();
  });

  it('reports slots, busy, queued and the queue per project', async () => {
    const scheduler = createSlotScheduler({ slots: 2, maxQueue: 5 });
    assert.deepEqual(scheduler.stats(), { slots: 2, busy: 0, queued: 0, queuedByProject: {} });
    await scheduler.acquire({ projectId: 'a' });
    await scheduler.acquire({ projectId: 'a' });
    void scheduler.acquire({ projectId: 'a' });
    void scheduler.acquire({ projectId: 'b' });
    void scheduler.acquire({ projectId: 'a' });
    assert.deepEqual(scheduler.stats(), { slots: 2, busy: 2, queued: 3, queuedByProject: { a: 2, b: 1 } });
  });

  it('refuses a configuration that cannot work', () => {
    assert.throws(() => createSlotScheduler({ slots: 0, maxQueue: 1 }), RangeError);
    assert.throws(() => createSlotScheduler({ slots: 1.5, maxQueue: 1 }), RangeError);
    assert.throws(() => createSlotScheduler({ slots: 1, maxQueue: -1 }), RangeError);
  });
});
