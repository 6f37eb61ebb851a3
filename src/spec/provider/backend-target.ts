/** Providers Hangar can call. `local` is the in-process engine (managed compute). */
export const PROVIDER_IDS = [
  'openai',
  'azure-openai',
  'xai',
  'deepseek',
  'mistral',
  'gemini',
  'anthropic',
  'openai-compatible',
  'vllm',
  'ollama',
  'llamacpp',
  'local',
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** A vendor account: where to send requests and with which credentials. Secrets never leave this object. */
export interface Connection {
  name: string;
  provider: ProviderId;
  /** Base URL including the version path (`https://api.openai.com/v1`); providers supply a default. */
  baseUrl: string;
  apiKey?: string;
  /** Azure OpenAI api-version sent upstream. */
  apiVersion?: string;
  /** Extra headers for every upstream request (organisation ids, gateway tokens). */
  headers?: Record<string, string>;
  /** Upper bound on one upstream call, first byte included. */
  timeoutMs?: number;
  /** Set-up of a new TCP/TLS connection; routing fills it from the deployment's timeouts. */
  connectTimeoutMs?: number;
  /** Longest silence between two chunks of the upstream body; routing fills it from the deployment's timeouts. */
  idleTimeoutMs?: number;
}

/** One backend of a deployment: a connection plus the model name the upstream knows. */
export interface BackendTarget {
  connection: Connection;
  /** Upstream model (or Azure deployment) name. */
  model: string;
}
