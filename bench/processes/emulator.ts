// The upstream every target talks to: the OpenAI-style emulator from the conformance suite, in its own process.
import { startOpenAiStyleEmulator } from '../../test/support/emulators/index.js';
import { serveParent } from './ipc.js';
import { readSetup } from './read-setup.js';

export interface EmulatorSetup {
  streamChunks: number;
  /** Pause between streamed frames, so the first token is not just "the whole answer". */
  chunkDelayMs: number;
}

const setup = readSetup<EmulatorSetup>();
const emulator = await startOpenAiStyleEmulator({ flavor: 'openai', latencyMs: 0, streamChunks: setup.streamChunks });
emulator.setFraming({ chunkDelayMs: setup.chunkDelayMs });

// The emulator records every request for tests to inspect; under load that would grow without bound.
const forget = setInterval(() => {
  emulator.requests.length = 0;
}, 250);
forget.unref();

serveParent(
  { url: emulator.url, details: { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey } },
  {
    async stop() {
      await emulator.close();
      setImmediate(() => process.exit(0));
      return undefined;
    },
  },
);
