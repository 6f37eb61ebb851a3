import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildChatBody, DEFAULT_SETTINGS } from './chat-request';
import { codeSnippets } from './code-snippets';

const body = buildChatBody(
  'chat',
  { ...DEFAULT_SETTINGS, temperature: '0.5', jsonMode: true },
  [{ role: 'user', content: "What's up?" }],
  undefined,
);

describe('codeSnippets', () => {
  it('shows the OpenAI SDK call with the real base URL, the deployment and the key from the environment', () => {
    const { openai } = codeSnippets('https://hangar.example.org', body);
    assert.match(openai, /import OpenAI from 'openai';/);
    assert.match(openai, /baseURL: 'https:\/\/hangar\.example\.org\/v1'/);
    assert.match(openai, /apiKey: process\.env\.HANGAR_API_KEY/);
    assert.match(openai, /model: "chat"/);
    assert.match(openai, /temperature: 0\.5/);
    assert.match(openai, /response_format: \{\n\s+type: "json_object"/);
    assert.match(openai, /stream_options: \{\n\s+include_usage: true/);
    assert.doesNotMatch(openai, /hgk_|Bearer [a-z0-9]/, 'no secret in the code');
  });

  it('points the Azure AI Inference SDK at <origin>/models and leaves out stream_options', () => {
    const { azure } = codeSnippets('https://hangar.example.org', body);
    assert.match(azure, /import ModelClient from '@azure-rest\/ai-inference';/);
    assert.match(azure, /'https:\/\/hangar\.example\.org\/models'/);
    assert.match(azure, /new AzureKeyCredential\(process\.env\.HANGAR_API_KEY\)/);
    assert.match(azure, /model: "chat"/);
    assert.match(azure, /stream: true/);
    assert.doesNotMatch(azure, /stream_options/);
    assert.doesNotMatch(azure, /allowInsecureConnection/, 'https needs no insecure flag');
    assert.match(codeSnippets('http://127.0.0.1:4000', body).azure, /allowInsecureConnection: true/);
  });

  it('gives a curl command whose JSON survives the shell’s single quotes', () => {
    const { curl } = codeSnippets('http://127.0.0.1:4000', body);
    assert.match(curl, /^curl -N http:\/\/127\.0\.0\.1:4000\/v1\/chat\/completions \\/);
    assert.match(curl, /-H "Authorization: Bearer \$HANGAR_API_KEY"/);
    assert.match(curl, /What'\\''s up\?/);
    const json = curl.slice(curl.indexOf("-d '") + 4, -1).replaceAll(`'\\''`, "'");
    assert.deepEqual(JSON.parse(json), body);
  });
});
