import type { DeploymentBackendRecord } from '../store/index.js';

/** A backend's priority as routing uses it: the one set, else its position in the list. */
export function effectivePriority(backend: DeploymentBackendRecord, position: number): number {
  return backend.priority ?? position;
}

/** Backends with their effective priority, lowest first; equal priorities keep the order they were given in. */
export function byPriority(
  backends: readonly DeploymentBackendRecord[],
): { backend: DeploymentBackendRecord; priority: number }[] {
  return backends
    .map((backend, position) => ({ backend, priority: effectivePriority(backend, position), position }))
    .sort((left, right) => left.priority - right.priority || left.position - right.position)
    .map(({ backend, priority }) => ({ backend, priority }));
}

/**
 * The backend a deployment's capacity is counted on: the lowest priority, the first given among equals. Weighted
 * backends of that priority share its traffic, but capacity is reserved in one place, so it is the first of them.
 */
export function primaryBackend(backends: readonly DeploymentBackendRecord[]): DeploymentBackendRecord | undefined {
  return byPriority(backends)[0]?.backend;
}
