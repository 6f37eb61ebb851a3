import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeTinyLlamaGguf } from '../../../test/support/gguf/write-tiny-gguf.js';
import { GatewayError } from '../../spec/index.js';
import { openLlamaRuntime, type LlamaRuntime } from '../runtime/index.js';
import { estimateModelMemory } from './estimate-model-memory.js';
import type { LocalModelSpec } from './local-model-spec.js';
import { createModelHost, type ModelHost } from './model-host.js';

const installed = await import('node-llama-cpp').then(
  () => true,
  () => false,
);

describe('the model host', { skip: installed ? false : 'node-llama-cpp is not installed' }, () => {
  let directory: string;
  let runtime: LlamaRuntime;
  let oneModelBytes: number;
  const specs = new Map<string, LocalModelSpec>();
  let runtimeOpens = 0;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hangar-host-'));
    for (const [name, seed] of [
      ['alpha', 1],
      ['beta', 2],
      ['gamma', 3],
    ] as const) {
      const path = join(directory, `${name}.gguf`);
      await writeTinyLlamaGguf(path, { seed });
      specs.set(name, { name, path, contextSize: 128, parallel: 2, maxQueue: 1, keepAliveMs: 60_000 });
    }
    runtime = await openLlamaRuntime({ threads: 1, gpu: false });
    oneModelBytes = (await estimateModelMemory(runtime, specs.get('alpha')!.path, specs.get('alpha')!)).totalBytes;
  });
  after(async () => {
    await runtime.close();
    await rm(directory, { recursive: true, force: true });
  });

  function host(budgetModels: number, overrides: Partial<LocalModelSpec> = {}): ModelHost {
    return createModelHost({
      openRuntime: () => {
        runtimeOpens += 1;
        return Promise.resolve({ ...runtime, close: () => Promise.resolve() });
      },
      resolve: (name) => Promise.resolve(specs.has(name) ? { ...specs.get(name)!, ...overrides } : undefined),
      memoryBudgetBytes: Math.floor(oneModelBytes * budgetModels),
    });
  }

  it('loads on first use, once for concurrent callers, and states slots and context', async () => {
    const subject = host(3);
    const opensBefore = runtimeOpens;
    try {
      const [first, second] = await Promise.all([subject.open('alpha'), subject.open('alpha')]);
      assert.equal(first.loaded, second.loaded, 'both requests share one loaded model');
      assert.equal(runtimeOpens - opensBefore, 1, 'the runtime opens once');
      const [view] = subject.list();
      assert.equal(view?.name, 'alpha');
      assert.equal(view?.slots, 2);
      assert.equal(view?.inUse, 2);
      assert.ok((view?.contextSize ?? 0) >= 128);
      assert.equal(view?.memoryBytes, oneModelBytes);
      assert.equal(view?.expiresAt, null, 'no expiry while in use');
      first.close();
      second.close();
      assert.ok(subject.list()[0]?.expiresAt !== null, 'idle models count down their keep-alive');
    } finally {
      await subject.close();
    }
  });

  it('gives each slot its own sequence and queues past the slots', async () => {
    const subject = host(3);
    try {
      const handle = await subject.open('alpha');
      const a = await handle.acquireSlot({ projectId: 'p' });
      const b = await handle.acquireSlot({ projectId: 'p' });
      assert.notEqual(a.sequence, b.sequence);
      const waiting = handle.acquireSlot({ projectId: 'p' });
      await assert.rejects(handle.acquireSlot({ projectId: 'p' }), { code: 'rate_limit_exceeded' });
      a.release();
      assert.equal((await waiting).sequence, a.sequence, 'the waiter runs on the freed sequence');
      b.release();
      handle.close();
    } finally {
      await subject.close();
    }
  });

  it('unloads the least recently used idle model when the budget would be exceeded', async () => {
    const subject = host(2.5);
    try {
      (await subject.open('alpha')).close();
      (await subject.open('beta')).close();
      (await subject.open('alpha')).close(); // alpha is now the most recently used
      (await subject.open('gamma')).close();
      assert.deepEqual(
        subject.list().map((view) => view.name),
        ['alpha', 'gamma'],
      );
    } finally {
      await subject.close();
    }
  });

  it('never unloads a model in use: a load that needs its memory gets a retryable 503', async () => {
    const subject = host(1.5);
    try {
      const held = await subject.open('alpha');
      await assert.rejects(subject.open('beta'), (error: unknown) => {
        assert.ok(error instanceof GatewayError);
        assert.equal(error.code, 'upstream_unavailable');
        assert.ok((error.retryAfterMs ?? 0) > 0);
        return true;
      });
      held.close();
      (await subject.open('beta')).close();
      assert.deepEqual(
        subject.list().map((view) => view.name),
        ['beta'],
      );
    } finally {
      await subject.close();
    }
  });

  it('refuses a model that can never fit, before loading anything, and says why', async () => {
    const subject = host(0.5);
    try {
      await assert.rejects(subject.open('alpha'), (error: unknown) => {
        assert.ok(error instanceof GatewayError);
        assert.equal(error.code, 'insufficient_memory');
        assert.equal(error.shouldRetry, false);
        assert.match(error.message, /memory budget/);
        return true;
      });
      assert.deepEqual(subject.list(), []);
    } finally {
      await subject.close();
    }
  });

  it('never unloads a model kept loaded for good to make room for another', async () => {
    const subject = host(1.5);
    try {
      (await subject.open('alpha')).close({ keepAliveMs: -1 });
      await assert.rejects(subject.open('beta'), { code: 'upstream_unavailable' });
      assert.deepEqual(
        subject.list().map((view) => view.name),
        ['alpha'],
      );
    } finally {
      await subject.close();
    }
  });

  it('preloads a model whose keep-alive is 0 and reports it, then lets it go', async () => {
    const subject = host(3, { keepAliveMs: 0 });
    try {
      const view = await subject.load('alpha');
      assert.equal(view.name, 'alpha');
      assert.ok(view.chatTemplate.length > 0);
      assert.deepEqual(subject.list(), []);
    } finally {
      await subject.close();
    }
  });

  it('unloads after the keep-alive, at once for 0, and never for a negative one', async () => {
    const subject = host(3, { keepAliveMs: 400 });
    try {
      (await subject.open('alpha')).close();
      (await subject.open('beta')).close({ keepAliveMs: 0 });
      (await subject.open('gamma')).close({ keepAliveMs: -1 });
      assert.deepEqual(
        subject.list().map((view) => view.name),
        ['alpha', 'gamma'],
      );
      await sleep(600);
      assert.deepEqual(
        subject.list().map((view) => view.name),
        ['gamma'],
      );
    } finally {
      await subject.close();
    }
  });

  it('unloads on request: at once when idle, after the last request otherwise', async () => {
    const subject = host(3);
    try {
      await subject.load('alpha');
      const busy = await subject.open('beta');
      assert.equal(await subject.unload('alpha'), true);
      assert.equal(await subject.unload('beta'), true);
      assert.deepEqual(
        subject.list().map((view) => view.name),
        ['beta'],
      );
      busy.close();
      await sleep(0);
      assert.deepEqual(subject.list(), []);
      assert.equal(await subject.unload('alpha'), false);
    } finally {
      await subject.close();
    }
  });

  it('answers a retryable 503 for a name it does not know, so a deployment can fail over', async () => {
    const subject = host(3);
    try {
      await assert.rejects(subject.open('nope'), { code: 'upstream_unavailable' });
    } finally {
      await subject.close();
    }
  });
});
