import {
  startAnthropicEmulator,
  startAzureOpenAiEmulator,
  startOpenAiStyleEmulator,
  type Emulator,
} from './emulators/index.js';
import { startHangar, type HangarUnderTest } from './start-hangar.js';

/** One emulator per vendor family, and a Hangar whose deployments reach each of them. */
export interface VendorFleet {
  openai: Emulator;
  xai: Emulator;
  deepseek: Emulator;
  azure: Emulator;
  anthropic: Emulator;
  hangar: HangarUnderTest;
  /** The project key clients use. */
  clientKey: string;
  /** Clears every emulator's recordings and faults between tests. */
  reset(): void;
  close(): Promise<void>;
}

export const CLIENT_KEY = 'hk-conformance-client-key-0001';

/**
 * Deployment name → [connection, upstream model]. The names differ from the upstream models on purpose,
 * so a test can see that Hangar rewrote `model` on the way out.
 */
export const FLEET_DEPLOYMENTS = {
  'chat-openai': ['openai', 'gpt-4o'],
  'chat-xai': ['xai', 'grok-3'],
  'reason-xai': ['xai', 'grok-3-mini'],
  'chat-deepseek': ['deepseek', 'deepseek-chat'],
  'reason-deepseek': ['deepseek', 'deepseek-reasoner'],
  'chat-azure': ['azure', 'gpt-4o'],
  'chat-anthropic': ['anthropic', 'claude-sonnet-4-5'],
  'embed-openai': ['openai', 'text-embedding-3-small'],
  'embed-azure': ['azure', 'text-embedding-3-small'],
} as const satisfies Record<string, readonly [string, string]>;

export type FleetDeployment = keyof typeof FLEET_DEPLOYMENTS;

export async function startVendorFleet(): Promise<VendorFleet> {
  const [openai, xai, deepseek, azure, anthropic] = await Promise.all([
    startOpenAiStyleEmulator({ flavor: 'openai' }),
    startOpenAiStyleEmulator({ flavor: 'xai' }),
    startOpenAiStyleEmulator({ flavor: 'deepseek' }),
    startAzureOpenAiEmulator(),
    startAnthropicEmulator(),
  ]);
  const emulators = { openai, xai, deepseek, azure, anthropic };
  const providers = {
    openai: 'openai',
    xai: 'xai',
    deepseek: 'deepseek',
    azure: 'azure-openai',
    anthropic: 'anthropic',
  };
  const connections = Object.entries(emulators)
    .map(
      ([name, emulator]) =>
        `  - name: ${name}\n    provider: ${providers[name as keyof typeof providers]}\n` +
        `    base_url: ${emulator.baseUrl}\n    api_key: \${${name.toUpperCase()}_KEY}\n`,
    )
    .join('');
  const deployments = Object.entries(FLEET_DEPLOYMENTS)
    .map(
      ([name, [connection, model]]) =>
        `      - name: ${name}\n        model: ${model}\n        backends:\n` +
        `          - connection: ${connection}\n            model: ${model}\n` +
        // One attempt: these suites check how each upstream failure reaches the client, not retries
        // (test/conformance/routing/ does).
        `        routing:\n          max_attempts: 1\n`,
    )
    .join('');
  const yaml =
    `connections:\n${connections}projects:\n  - name: conformance\n    keys:\n      - name: tests\n` +
    `        value: \${CLIENT_KEY}\n    deployments:\n${deployments}`;
  const hangar = await startHangar({
    yaml,
    env: {
      CLIENT_KEY,
      OPENAI_KEY: openai.apiKey,
      XAI_KEY: xai.apiKey,
      DEEPSEEK_KEY: deepseek.apiKey,
      AZURE_KEY: azure.apiKey,
      ANTHROPIC_KEY: anthropic.apiKey,
    },
  });
  return {
    ...emulators,
    hangar,
    clientKey: CLIENT_KEY,
    reset() {
      for (const emulator of Object.values(emulators)) emulator.reset();
      hangar.usage.length = 0;
    },
    async close() {
      await hangar.close();
      await Promise.all(Object.values(emulators).map((emulator) => emulator.close()));
    },
  };
}
