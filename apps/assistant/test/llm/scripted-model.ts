import { MockLanguageModelV4 } from 'ai/test';

/** What the engine sent the model in one call. */
export type ModelPrompt = MockLanguageModelV4['doGenerateCalls'][number]['prompt'];
type GenerateResult = Awaited<ReturnType<MockLanguageModelV4['doGenerate']>>;
type Input = Record<string, unknown> | ((prompt: ModelPrompt) => Record<string, unknown>);

/** One scripted model answer: tool calls, or the final text. */
export type ScriptStep = { readonly calls: readonly { readonly name: string; readonly input: Input }[] } | { readonly text: string | ((prompt: ModelPrompt) => string) };

/** A step that calls one tool (the input may be computed from what the model has seen). */
export const callTool = (name: string, input: Input): ScriptStep => ({ calls: [{ name, input }] });
/** A step that calls several tools at once. */
export const callTools = (...calls: { name: string; input: Input }[]): ScriptStep => ({ calls });
/** A step that ends the turn with `text`. */
export const say = (text: string | ((prompt: ModelPrompt) => string)): ScriptStep => ({ text });

const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 5, text: 5, reasoning: undefined } };

/**
 * The AI SDK's `MockLanguageModelV4` playing a scripted model: each call takes the next step. With
 * no step left it fails, as a broken model API would.
 */
export class ScriptedModel {
  readonly model: MockLanguageModelV4;
  #steps: ScriptStep[] = [];
  #ids = 0;

  constructor() {
    this.model = new MockLanguageModelV4({ modelId: 'scripted', doGenerate: async (options) => this.#answer(options.prompt) });
  }

  /** Queues the steps of the next turn(s). */
  script(...steps: ScriptStep[]): void {
    this.#steps.push(...steps);
  }

  /** Steps not used yet (a turn that ended early leaves some). */
  get unused(): number {
    return this.#steps.length;
  }

  /** Forgets the unused steps. */
  clear(): void {
    this.#steps = [];
  }

  /** The prompt of the latest model call. */
  get lastPrompt(): ModelPrompt {
    const call = this.model.doGenerateCalls.at(-1);
    if (!call) throw new Error('the model was never called');
    return call.prompt;
  }

  async #answer(prompt: ModelPrompt): Promise<GenerateResult> {
    const step = this.#steps.shift();
    if (!step) throw new Error('the scripted model has no step left');
    if ('text' in step) {
      const text = typeof step.text === 'function' ? step.text(prompt) : step.text;
      return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] };
    }
    return {
      content: step.calls.map((c) => ({
        type: 'tool-call' as const,
        toolCallId: `call-${++this.#ids}`,
        toolName: c.name,
        input: JSON.stringify(typeof c.input === 'function' ? c.input(prompt) : c.input),
      })),
      finishReason: { unified: 'tool-calls', raw: undefined },
      usage,
      warnings: [],
    };
  }
}

/** The system prompt of a call. */
export function systemText(prompt: ModelPrompt): string {
  return prompt
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
}

/** A tool's results as the model saw them, oldest first: the JSON value, or `{ error }` for an error. */
export function toolOutputs(prompt: ModelPrompt, toolName: string): Record<string, unknown>[] {
  const outputs: Record<string, unknown>[] = [];
  for (const message of prompt) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type !== 'tool-result' || part.toolName !== toolName) continue;
      const o = part.output;
      if (o.type === 'json') outputs.push(o.value as Record<string, unknown>);
      else if (o.type === 'error-text' || o.type === 'text') outputs.push({ error: o.value });
      else outputs.push({ error: JSON.stringify(o) });
    }
  }
  return outputs;
}

/** The latest result of a tool as the model saw it. */
export function lastOutput(prompt: ModelPrompt, toolName: string): Record<string, unknown> {
  const output = toolOutputs(prompt, toolName).at(-1);
  if (!output) throw new Error(`the model has seen no ${toolName} result`);
  return output;
}

/** The conversation the model saw, as `role: text` lines (tool traffic as `role: [tool-call name]`). */
export function transcript(prompt: ModelPrompt): string[] {
  return prompt.flatMap((m) => {
    if (m.role === 'system') return [];
    return m.content.map((part) => {
      if (part.type === 'text') return `${m.role}: ${part.text}`;
      if (part.type === 'tool-call' || part.type === 'tool-result') return `${m.role}: [${part.type} ${part.toolName}]`;
      return `${m.role}: [${part.type}]`;
    });
  });
}
