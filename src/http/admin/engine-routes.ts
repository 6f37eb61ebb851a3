import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../spec/index.js';
import type { LocalEngine } from '../local-engine/index.js';
import { registerEnginePullRoutes } from './engine-pull-routes.js';
import { renderLocalModel } from './render-local-model.js';

type ModelParams = { Params: { name: string } };

/**
 * The local engine's state: what it runs with, the models in the store, the models in memory with their
 * slots and memory, and load / unload by hand (as `ollama ps`, preload and `keep_alive: 0` do).
 */
export function registerEngineRoutes(admin: FastifyInstance, engine: LocalEngine): void {
  admin.get('/engine', () => {
    const loaded = engine.host.list();
    return {
      object: 'engine',
      threads: engine.settings.threads,
      gpu: engine.settings.gpu,
      accelerator: engine.accelerator(),
      memory_budget_bytes: engine.settings.memoryBudgetBytes,
      memory_used_bytes: loaded.reduce((sum, model) => sum + model.memoryBytes, 0),
      loaded: loaded.map(renderLoaded),
    };
  });

  admin.get('/engine/models', async () => {
    const loaded = new Set(engine.host.list().map((model) => model.name));
    return {
      object: 'list',
      data: (await engine.store.list()).map((model) => renderLocalModel(model, loaded.has(model.name))),
    };
  });

  registerEnginePullRoutes(admin, engine);

  admin.get('/engine/loaded', () => ({ object: 'list', data: engine.host.list().map(renderLoaded) }));

  admin.post<ModelParams>('/engine/loaded/:name', async (request) =>
    renderLoaded(await engine.host.load(request.params.name)),
  );

  admin.delete<ModelParams>('/engine/loaded/:name', async (request) => {
    const name = request.params.name;
    if (!(await engine.host.unload(name))) {
      throw new GatewayError('not_found', `The local model '${name}' is not loaded.`);
    }
    const stillLoaded = engine.host.list().some((model) => model.name === name);
    return { object: 'loaded_model', name, unloaded: !stillLoaded, unloads_when_idle: stillLoaded };
  });
}

function renderLoaded(model: ReturnType<LocalEngine['host']['list']>[number]) {
  return {
    object: 'loaded_model',
    name: model.name,
    path: model.path,
    memory_bytes: model.memoryBytes,
    context_size: model.contextSize,
    slots: model.slots,
    busy_slots: model.busySlots,
    queued: model.queued,
    in_use: model.inUse,
    loaded_at: model.loadedAt,
    load_duration_ms: model.loadDurationMs,
    chat_template: model.chatTemplate,
    keep_alive_ms: model.keepAliveMs,
    expires_at: model.expiresAt,
  };
}
