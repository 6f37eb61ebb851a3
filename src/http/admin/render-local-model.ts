import type { StoredModel } from '../../engine/index.js';

/** A model in the local store as the admin API shows it. */
export function renderLocalModel(model: StoredModel, loaded: boolean) {
  return {
    object: 'local_model',
    name: model.name,
    file: model.file,
    size_bytes: model.sizeBytes,
    sha256: model.sha256,
    source: model.source ?? null,
    added_at: model.addedAt,
    architecture: model.info.architecture,
    parameters: model.info.parameterCount,
    quantisation: model.info.quantisation,
    context_length: model.info.contextLength,
    has_chat_template: model.info.chatTemplate !== null,
    loaded,
  };
}
