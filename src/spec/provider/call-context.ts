import type { UpstreamAttemptObserver } from './upstream-attempt-observer.js';
import type { SettingWarning } from './setting-warning.js';

/** Per-request facts a provider needs besides the request itself. */
export interface CallContext {
  requestId: string;
  /** The calling project; the local engine shares a model's slots fairly between projects. */
  projectId?: string;
  /** Aborted when the client goes away; providers pass it to the upstream call so generation stops. */
  signal: AbortSignal;
  /** Providers push here what they dropped or changed; the route turns them into a response header. */
  warnings: SettingWarning[];
  /**
   * What to do with `extra` parameters on a lane that cannot pass them on verbatim.
   * `error` refuses with 400 naming them; `drop` removes them with a warning; `pass-through` forwards them.
   */
  unknownParameters: 'error' | 'drop' | 'pass-through';
  /** Told about each upstream attempt (metrics, trace spans); routing calls it, providers ignore it. */
  upstreamObserver?: UpstreamAttemptObserver;
}
