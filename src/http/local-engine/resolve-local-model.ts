import type { DeclaredModel, HangarConfig } from '../../config/index.js';
import type { LocalModelDefaults, LocalModelSpec, ModelStore } from '../../engine/index.js';
import { GatewayError } from '../../spec/index.js';

/**
 * What a `local` backend's model name stands for: a model declared in the config file (its own settings
 * over the engine's defaults), else a model in the store with the defaults. A declared `source` model is
 * served from the store once its pull has finished.
 */
export function createLocalModelResolver(
  config: Pick<HangarConfig, 'engine' | 'declared'>,
  store: ModelStore,
): (name: string) => Promise<LocalModelSpec | undefined> {
  const defaults: LocalModelDefaults = {
    contextSize: config.engine.contextSize,
    parallel: config.engine.parallel,
    maxQueue: config.engine.maxQueue,
    keepAliveMs: config.engine.keepAliveMs,
  };
  const declared = new Map<string, DeclaredModel>(config.declared.models.map((model) => [model.name, model]));

  return async (name) => {
    const model = declared.get(name);
    const path = model?.file ?? (await store.get(name))?.path;
    if (path === undefined && model?.source !== undefined) {
      throw new GatewayError(
        'upstream_unavailable',
        `The local model '${name}' is declared with source ${model.source} and is not in the model store yet: ` +
          'its pull is still running, or it failed (see the log; it is retried at the next start).',
        { retryAfterMs: 30_000 },
      );
    }
    if (path === undefined) return undefined;
    return {
      name,
      path,
      contextSize: model?.contextSize ?? defaults.contextSize,
      parallel: model?.parallel ?? defaults.parallel,
      maxQueue: model?.maxQueue ?? defaults.maxQueue,
      keepAliveMs: model?.keepAliveMs ?? defaults.keepAliveMs,
    };
  };
}
