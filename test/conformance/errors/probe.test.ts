import { it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import OpenAI from 'openai';
import { startVendorFleet } from '../../support/vendor-fleet.js';
it('probe', async () => {
  const fleet = await startVendorFleet();
  const openai = new OpenAI({ baseURL: `${fleet.hangar.url}/v1`, apiKey: fleet.clientKey, maxRetries: 0 });
  const mode = process.env.MODE ?? 'a';
  if (mode.includes('p')) {
    const s0 = await openai.chat.completions.create({
      model: 'chat-openai',
      messages: [{ role: 'user', content: 'a b c d e f' }],
      stream: true,
    });
    for await (const _ of s0) {
      /* drain */
    }
  }
  if (mode.includes('a')) {
    fleet.openai.setFraming({ chunkDelayMs: 150 });
    const stream = await openai.chat.completions.create({
      model: 'chat-openai',
      messages: [{ role: 'user', content: 'a b c d e f' }],
      stream: true,
    });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) break;
    }
  }
  await delay(1000);
  const t = Date.now();
  await fleet.hangar.close();
  console.log('close', Date.now() - t);
  await fleet.close().catch(() => {});
});
