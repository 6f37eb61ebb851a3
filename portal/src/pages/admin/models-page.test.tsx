import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { AdminModelsPage, bytes } from './models-page';
import { memberMe, PLATFORM_ADMIN, renderSignedIn, sessionRoutes } from './render-signed-in';

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

  it('writes the pull command for a source, ready to copy', async () => {
    const fake = fakeFetch(routes());
    try {
      await renderSignedIn(<AdminModelsPage />);
      fireEvent.change(await screen.findByLabelText('Source'), {
        target: { value: 'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M' },
      });
      fireEvent.change(screen.getByLabelText('Name (optional)'), { target: { value: 'qwen small' } });
      await waitFor(() =>
        assert.equal(
          screen.getByLabelText('Pull command').textContent,
          "hangar models pull hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M --name 'qwen small'",
        ),
      );
      assert.ok(screen.getByRole('button', { name: 'Copy the pull command' }));
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
