import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { AssistantConfig } from '../config.js';

/** A language model object (never a model-id string, which the AI SDK would send to its gateway). */
export type ChatModel = Exclude<LanguageModel, string>;

/** Extra wiring for {@link createLlmModel}; tests pass a `fetch` that never leaves the process. */
export interface LlmModelOptions {
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * The chat model of `ASSISTANT_LLM_*`, through any OpenAI-compatible Chat Completions API
 * (OpenAI, Ollama, vLLM, …): `POST {baseUrl}/chat/completions` with `model` and, when set, the API key
 * as a bearer token. Nothing is contacted until the model is used.
 */
export function createLlmModel(llm: NonNullable<AssistantConfig['llm']>, options: LlmModelOptions = {}): ChatModel {
  const provider = createOpenAICompatible({
    name: 'assistant-llm',
    baseURL: llm.baseUrl.replace(/\/$/, ''),
    ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return provider.chatModel(llm.model);
}
