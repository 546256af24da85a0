import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { loadAssistantConfig } from '../../src/config.js';
import { createLlmModel } from '../../src/llm/llm-model.js';

interface Seen {
  url: string;
  headers: Headers;
  body: { model?: string; messages?: { role: string; content: unknown }[] };
}

/** A `fetch` answering like an OpenAI-compatible Chat Completions API, recording the requests: nothing leaves the process. */
function fakeChatApi(seen: Seen[]): typeof fetch {
  return async (input, init) => {
    seen.push({ url: String(input instanceof Request ? input.url : input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) as Seen['body'] });
    const completion = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1_800_000_000,
      model: 'qwen2.5:7b',
      choices: [{ index: 0, message: { role: 'assistant', content: '¡Hola! ¿En qué te ayudo?' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 },
    };
    return new Response(JSON.stringify(completion), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

const baseEnv = { ADMIN_PASSWORD: 'clave-de-prueba-123', MCP_API_KEY: 'mcp-key-0123456789abcdefghijkl' };

describe('the OpenAI-compatible model of config.llm', () => {
  it('is made from ASSISTANT_LLM_* and calls {baseUrl}/chat/completions with the model and the API key', async () => {
    const config = loadAssistantConfig(
      { ...baseEnv, ASSISTANT_LLM_BASE_URL: 'http://127.0.0.1:11434/v1/', ASSISTANT_LLM_MODEL: 'qwen2.5:7b', ASSISTANT_LLM_API_KEY: 'sk-prueba' },
      '/tmp',
    );
    expect(config.llm).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1/', model: 'qwen2.5:7b', apiKey: 'sk-prueba' });
    const seen: Seen[] = [];
    const model = createLlmModel(config.llm!, { fetch: fakeChatApi(seen) });
    expect(model.modelId).toBe('qwen2.5:7b');
    expect(model.provider).toMatch(/^assistant-llm/);
    expect(seen).toHaveLength(0); // creating the model contacts nothing

    const result = await generateText({ model, instructions: 'Responde en español.', prompt: 'Hola' });
    expect(result.text).toBe('¡Hola! ¿En qué te ayudo?');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('http://127.0.0.1:11434/v1/chat/completions');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer sk-prueba');
    expect(seen[0]?.body.model).toBe('qwen2.5:7b');
    expect(seen[0]?.body.messages?.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('sends no Authorization header when no API key is configured (Ollama, vLLM)', async () => {
    const config = loadAssistantConfig({ ...baseEnv, ASSISTANT_LLM_BASE_URL: 'http://localhost:8000/v1', ASSISTANT_LLM_MODEL: 'meta-llama/Llama-3.1-8B-Instruct' }, '/tmp');
    const seen: Seen[] = [];
    await generateText({ model: createLlmModel(config.llm!, { fetch: fakeChatApi(seen) }), prompt: 'Hola' });
    expect(seen[0]?.url).toBe('http://localhost:8000/v1/chat/completions');
    expect(seen[0]?.headers.has('authorization')).toBe(false);
    expect(seen[0]?.body.model).toBe('meta-llama/Llama-3.1-8B-Instruct');
  });
});
