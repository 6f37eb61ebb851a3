import type { Deployment, DeploymentHealth } from './deployment-types';

/** Deployment answers for the component tests, shaped like the admin API's. */
const ROUTING = {
  strategy: 'priority',
  max_attempts: 3,
  backoff_base_ms: 200,
  backoff_max_ms: 5000,
  retry_after_cap_ms: 10000,
  timeouts: { connect_ms: 10000, first_byte_ms: null, idle_ms: 300000, total_ms: 0 },
  breaker: {
    consecutive_failures: 5,
    failure_rate_percent: 50,
    minimum_calls: 20,
    window_ms: 60000,
    cool_down_ms: 30000,
  },
  health_probe: null,
};

export const CHAT: Deployment = {
  id: 'dep_chat',
  project: 'team',
  name: 'chat',
  model: 'gpt-4o',
  type: 'global-standard',
  tpm: 30000,
  rpm: null,
  content_filter: null,
  version_upgrade: 'on-new-default',
  routing: ROUTING,
  model_retires_at: '2099-03-01',
  backends: [
    { connection: 'openai', model: 'gpt-4o', priority: 0, weight: 1 },
    { connection: 'azure-east', model: 'gpt-4o', priority: 1, weight: 1 },
  ],
  created_at: '2026-11-01T10:00:00Z',
};

export const LOCAL_CHAT: Deployment = {
  ...CHAT,
  id: 'dep_local',
  name: 'local-chat',
  model: 'tiny',
  type: 'managed',
  tpm: null,
  model_retires_at: null,
  backends: [{ connection: 'engine', model: 'tiny', priority: 0, weight: 1 }],
};

export const CHAT_HEALTH: DeploymentHealth = {
  object: 'deployment_health',
  project: 'team',
  deployment: 'chat',
  strategy: 'priority',
  backends: [
    {
      connection: 'openai',
      model: 'gpt-4o',
      priority: 0,
      weight: 1,
      breaker: {
        state: 'open',
        consecutive_failures: 5,
        window_calls: 9,
        window_failures: 6,
        opened_at: '2026-11-23T10:00:00Z',
        half_open_at: null,
      },
      latency_ewma_ms: 1530,
      in_flight: 0,
      last_probe: { at: '2026-11-23T10:00:05Z', ok: false, error: 'connect ECONNREFUSED' },
    },
    {
      connection: 'azure-east',
      model: 'gpt-4o',
      priority: 1,
      weight: 1,
      breaker: { state: 'closed', consecutive_failures: 0, window_calls: 4, window_failures: 0 },
      latency_ewma_ms: 210.4,
      in_flight: 2,
      last_probe: null,
    },
  ],
};

export const LOCAL_HEALTH: DeploymentHealth = {
  object: 'deployment_health',
  project: 'team',
  deployment: 'local-chat',
  strategy: 'priority',
  backends: [
    {
      connection: 'engine',
      model: 'tiny',
      breaker: { state: 'closed', consecutive_failures: 0, window_calls: 0, window_failures: 0 },
      latency_ewma_ms: null,
      in_flight: 0,
      last_probe: null,
    },
  ],
};

export const list = <T>(data: T[]) => ({ object: 'list', data });

export const apiError = (status: number, message: string, param?: string) =>
  new Response(JSON.stringify({ error: { message, type: 'invalid_request_error', code: 'invalid_request', param } }), {
    status,
  });
