import type { BackendTarget } from '../provider/backend-target.js';

/** A deployment's backend with the order routing gives it. */
export interface RoutedBackend extends BackendTarget {
  /** Lower is tried first; backends of one priority share the traffic by weight. */
  priority: number;
  /** The backend's share among those of its priority, 1 to 1000. */
  weight: number;
}
