import type { ChatBody } from './chat-request';

/** The environment variable the snippets read the key from: a key never belongs in code. */
export const KEY_VARIABLE = 'HANGAR_API_KEY';

export interface CodeSnippets {
  openai: string;
  azure: string;
  curl: string;
}

export const SNIPPET_TITLES: Record<keyof CodeSnippets, string> = {
  openai: 'OpenAI SDK (JavaScript)',
  azure: 'Azure AI Inference SDK',
  curl: 'curl',
};

/**
 * The playground's call as code a person can run: the `openai` package against `<origin>/v1`,
 * `@azure-rest/ai-inference` against `<origin>/models`, and curl, each with the real deployment and settings.
 */
export function codeSnippets(origin: string, body: ChatBody): CodeSnippets {
  return { openai: openAiSnippet(origin, body), azure: azureSnippet(origin, body), curl: curlSnippet(origin, body) };
}

function openAiSnippet(origin: string, body: ChatBody): string {
  return [
    `import OpenAI from 'openai';`,
    ``,
    `const client = new OpenAI({`,
    `  baseURL: '${origin}/v1',`,
    `  apiKey: process.env.${KEY_VARIABLE},`,
    `});`,
    ``,
    `const stream = await client.chat.completions.create(${jsObject(body)});`,
    ``,
    `for await (const chunk of stream) {`,
    `  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');`,
    `  if (chunk.usage) console.log('\\n', chunk.usage);`,
    `}`,
  ].join('\n');
}

function azureSnippet(origin: string, body: ChatBody): string {
  // Azure AI Model Inference always reports usage in a stream, and treats stream_options as an extra parameter
  // it refuses by default: it is left out.
  const { stream_options: _streamOptions, ...azureBody } = body;
  const insecure = origin.startsWith('http:') ? `,\n  { allowInsecureConnection: true }` : '';
  return [
    `import ModelClient from '@azure-rest/ai-inference';`,
    `import { AzureKeyCredential } from '@azure/core-auth';`,
    `import { createSseStream } from '@azure/core-sse';`,
    ``,
    `const client = ModelClient(`,
    `  '${origin}/models',`,
    `  new AzureKeyCredential(process.env.${KEY_VARIABLE})${insecure},`,
    `);`,
    ``,
    `const response = await client`,
    `  .path('/chat/completions')`,
    `  .post({ body: ${indent(jsObject(azureBody), '  ')} })`,
    `  .asNodeStream();`,
    `if (response.status !== '200') throw new Error(\`The request failed (\${response.status}).\`);`,
    ``,
    `for await (const event of createSseStream(response.body)) {`,
    `  if (event.data === '[DONE]') break;`,
    `  const chunk = JSON.parse(event.data);`,
    `  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');`,
    `  if (chunk.usage) console.log('\\n', chunk.usage);`,
    `}`,
  ].join('\n');
}

function curlSnippet(origin: string, body: ChatBody): string {
  // Inside single quotes a shell takes everything literally except the quote itself, written '\''.
  const json = JSON.stringify(body, null, 2).replaceAll("'", `'\\''`);
  return [
    `curl -N ${origin}/v1/chat/completions \\`,
    `  -H "Authorization: Bearer $${KEY_VARIABLE}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${json}'`,
  ].join('\n');
}

/** JSON is JavaScript; unquoting the keys that are identifiers makes it read like hand-written code. */
function jsObject(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, '$1$2:');
}

function indent(text: string, prefix: string): string {
  return text.replace(/\n/g, `\n${prefix}`);
}
