import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { bytes } from '../../components/format';
import { AdminModelsPage } from './models-page';
import { memberMe, PLATFORM_ADMIN, renderSignedIn, sessionRoutes } from '../../testing/render-signed-in';

const LOADED = {
  object: 'loaded_model',
  name: 'qwen',
  path: '/models/qwen/qwen.gguf',
  memory_bytes: 612_368_384,
  context_size: 2048,
  slots: 4,
  busy_slots: 1,
  queued: 0,
  in_use: 1,
  loaded_at: '2026-11-23T10:00:00Z',
  load_duration_ms: 412.5,
  chat_template: 'Qwen',
  keep_alive_ms: 300000,
  expires_at: null,
};

const STORED = (name: string, loaded: boolean) => ({
  object: 'local_model',
  name,
  file: `${name}.gguf`,
  size_bytes: 491_400_000,
  sha256: null,
  source: `hf:example/${name}-GGUF:Q4_K_M`,
  added_at: '2026-11-20T00:00:00Z',
  architecture: 'qwen2',
  parameters: 494_000_000,
  quantisation: 'Q4_K_M',
  context_length: 32768,
  has_chat_template: true,
  loaded,
});

const routes = (extra: Record<string, unknown> = {}) => ({
  ...sessionRoutes(PLATFORM_ADMIN),
  'GET /admin/engine': {
    object: 'engine',
    threads: 4,
    gpu: 'auto',
    accelerator: 'cpu',
    memory_budget_bytes: 8_000_000_000,
    memory_used_bytes: 612_368_384,
    loaded: [LOADED],
  },
  'GET /admin/engine/models': { object: 'list', data: [STORED('qwen', true), STORED('phi', false)] },
  ...extra,
});

describe('local models page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('shows the engine, its memory, the loaded models with their slots, and the store', async () => {
    const fake = fakeFetch(routes());
    try {
      await renderSignedIn(<AdminModelsPage />);
      await screen.findByText('612.4 MB of 8 GB (8 %)');
      assert.ok(screen.getByText('1 of 4'), 'busy slots of all slots');
      assert.ok(screen.getByText('after use (1 in use)'));
      assert.ok(screen.getByText('hf:example/phi-GGUF:Q4_K_M'));
      assert.ok(screen.getAllByText('494 M').length === 2);
    } finally {
      fake.restore();
    }
  });

  it('loads and unloads models, saying when an unload waits for requests in flight', async () => {
    const fake = fakeFetch(
      routes({
        'POST /admin/engine/loaded/phi': { ...LOADED, name: 'phi' },
        'DELETE /admin/engine/loaded/qwen': {
          object: 'loaded_model',
          name: 'qwen',
          unloaded: false,
          unloads_when_idle: true,
        },
      }),
    );
    try {
      await renderSignedIn(<AdminModelsPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Load phi' }));
      await screen.findByText('phi is loaded (612.4 MB, 413 ms).');
      fireEvent.click(screen.getAllByRole('button', { name: 'Unload qwen' })[0]!);
      await screen.findByText(/qwen is in use: it keeps serving and unloads as soon as no request holds it/);
    } finally {
      fake.restore();
    }
  });

  const PULL = {
    object: 'model_pull',
    id: 'pull_1',
    source: 'hf:example/tiny-GGUF:Q4_K_M',
    name: null,
    resolved_source: 'hf:example/tiny-GGUF/tiny-Q4_K_M.gguf',
    status: 'downloading',
    completed_bytes: 0,
    total_bytes: 400_000_000,
    started_at: '2026-11-23T14:00:00Z',
  };
  /** An answer of JSON lines, one chunk per line, as the server streams them. */
  const jsonLines = (lines: object[]) => {
    const encoder = new TextEncoder();
    const chunks = lines.map((line) => encoder.encode(`${JSON.stringify(line)}\n`));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
  };

  it('pulls a model with its progress, then reads the store again', async () => {
    let storeReads = 0;
    const fake = fakeFetch(
      routes({
        'GET /admin/engine/models': () => {
          storeReads += 1;
          return {
            object: 'list',
            data: storeReads === 1 ? [STORED('qwen', true)] : [STORED('qwen', true), STORED('tiny', false)],
          };
        },
        'GET /admin/engine/pulls': { object: 'list', data: [] },
        'POST /admin/engine/models/pull': () =>
          jsonLines([
            { ...PULL, status: 'resolving' },
            { ...PULL, completed_bytes: 100_000_000 },
            { ...PULL, status: 'verifying', completed_bytes: 400_000_000 },
            {
              ...PULL,
              status: 'success',
              name: 'tiny',
              completed_bytes: 400_000_000,
              model: { ...STORED('tiny', false), object: 'local_model' },
              sha256_verified: true,
              resumed_from_bytes: 0,
            },
          ]),
      }),
    );
    try {
      await renderSignedIn(<AdminModelsPage />);
      await screen.findByText('No pull is running.');
      fireEvent.change(screen.getByLabelText('Source'), { target: { value: ' hf:example/tiny-GGUF:Q4_K_M ' } });
      fireEvent.change(screen.getByLabelText('Name (optional)'), { target: { value: 'tiny' } });
      fireEvent.click(screen.getByRole('button', { name: 'Pull' }));
      await screen.findByText('Pulled tiny (491.4 MB); sha256 verified.');
      const sent = fake.calls.find((call) => call.path === '/admin/engine/models/pull');
      assert.deepEqual(sent?.body, { source: 'hf:example/tiny-GGUF:Q4_K_M', name: 'tiny' });
      // The new model is listed.
      await waitFor(() => assert.ok(screen.getByRole('button', { name: 'Load tiny' })));
      assert.equal(screen.getByLabelText<HTMLInputElement>('Source').value, '', 'the form is cleared');
    } finally {
      fake.restore();
    }
  });

  it('shows the progress of every running pull, and cancels one', async () => {
    let running = [{ ...PULL, name: 'declared-model', completed_bytes: 108_000_000 }];
    const fake = fakeFetch(
      routes({
        'GET /admin/engine/pulls': () => ({ object: 'list', data: running }),
        'DELETE /admin/engine/pulls/pull_1': () => {
          const cancelled = { ...running[0], status: 'cancelled' };
          running = [];
          return cancelled;
        },
      }),
    );
    try {
      await renderSignedIn(<AdminModelsPage />);
      const bar = await screen.findByRole('progressbar', { name: 'Pull of declared-model' });
      assert.equal(bar.getAttribute('aria-valuenow'), '108000000');
      assert.equal(bar.getAttribute('aria-valuetext'), '108 MB of 400 MB (27 %)');
      fireEvent.click(screen.getByRole('button', { name: 'Cancel the pull of declared-model' }));
      await screen.findByText('The pull of declared-model was cancelled; pulling it again resumes it.');
      assert.equal(screen.queryByRole('progressbar', { name: 'Pull of declared-model' }), null);
      assert.ok(screen.getByText('No pull is running.'));
    } finally {
      fake.restore();
    }
  });

  it('says why a pull was refused, or why it failed midway', async () => {
    let answer: Response = new Response(
      JSON.stringify({
        error: {
          message: "The source 'ftp://x' is not hf:… or an http(s) URL.",
          type: 'invalid_request_error',
          param: 'source',
          code: 'invalid_request',
        },
      }),
      { status: 400 },
    );
    const fake = fakeFetch(
      routes({
        'GET /admin/engine/pulls': { object: 'list', data: [] },
        'POST /admin/engine/models/pull': () => answer,
      }),
    );
    try {
      await renderSignedIn(<AdminModelsPage />);
      fireEvent.change(await screen.findByLabelText('Source'), { target: { value: 'ftp://x' } });
      fireEvent.click(screen.getByRole('button', { name: 'Pull' }));
      await screen.findByText("The source 'ftp://x' is not hf:… or an http(s) URL.");

      answer = jsonLines([
        { ...PULL, completed_bytes: 1_000 },
        {
          ...PULL,
          status: 'error',
          error: { message: 'The download is not a usable GGUF model: bad magic.', code: 'invalid_request' },
        },
      ]);
      fireEvent.click(screen.getByRole('button', { name: 'Pull' }));
      await screen.findByText('The download is not a usable GGUF model: bad magic.');
      assert.equal(screen.queryByRole('progressbar', { name: /Pull of/ }), null, 'a failed pull is not left running');
    } finally {
      fake.restore();
    }
  });

  it('is not offered to project members', async () => {
    const fake = fakeFetch(sessionRoutes(memberMe('owner')));
    try {
      await renderSignedIn(<AdminModelsPage />);
      assert.ok(screen.getByText('Only platform admins manage the local engine.'));
      assert.equal(screen.queryByRole('button', { name: 'Refresh' }), null);
    } finally {
      fake.restore();
    }
  });

  it('writes sizes in decimal units', () => {
    assert.equal(bytes(999), '999 B');
    assert.equal(bytes(491_400_000), '491.4 MB');
    assert.equal(bytes(18_957_376_512), '19 GB');
  });
});
