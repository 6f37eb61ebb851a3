import { GatewayError } from '../../spec/index.js';

export type NodeLlamaCpp = typeof import('node-llama-cpp');

let loading: Promise<NodeLlamaCpp> | undefined;

/**
 * node-llama-cpp is an optional dependency (its binaries are hundreds of megabytes), so it is imported on
 * first use. Where it is missing, serving a local model fails with an error that says how to install it;
 * vendor traffic is unaffected.
 */
export function loadNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  loading ??= import('node-llama-cpp').catch((error: unknown) => {
    loading = undefined;
    throw new GatewayError(
      'upstream_unavailable',
      'The local engine is not installed: node-llama-cpp could not be loaded. ' +
        'Install it with `npm install node-llama-cpp` (an optional dependency of Hangar).',
      { cause: error },
    );
  });
  return loading;
}
