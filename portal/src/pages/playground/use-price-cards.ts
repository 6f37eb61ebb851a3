import { useCallback, useRef } from 'react';
import { useApi } from '../../auth/session-context';
import { effectivePricePath, type PriceCard } from './cost-estimate';

/** A deployment as the playground needs it: its name to call, its model and type to price. */
export interface DeploymentSummary {
  name: string;
  model: string;
  type: string;
}

/**
 * The price card of each deployment's model, read once per model and type (`GET …/prices/effective`, which applies
 * the project's overrides over the catalog); a failed read is tried again on the next reply.
 */
export function usePriceCards(
  project: string,
  deployments: readonly DeploymentSummary[],
): (deployment: string) => Promise<PriceCard> {
  const api = useApi();
  const cache = useRef(new Map<string, Promise<PriceCard>>());
  return useCallback(
    (name: string) => {
      const deployment = deployments.find((candidate) => candidate.name === name);
      if (deployment === undefined) return Promise.reject(new Error(`Deployment ${name} is not in the list.`));
      const path = effectivePricePath(project, deployment.model, deployment.type);
      const cached = cache.current.get(path);
      if (cached !== undefined) return cached;
      const loading = api<PriceCard>(path);
      cache.current.set(path, loading);
      loading.catch(() => cache.current.delete(path));
      return loading;
    },
    [api, project, deployments],
  );
}
