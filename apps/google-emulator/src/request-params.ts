/** Read-only view over query-string, form or JSON parameters that keeps only string values. */
export class RequestParams {
  readonly #source: unknown;

  constructor(source: unknown) {
    this.#source = source;
  }

  /** The value of `name` (the first one when repeated), or undefined when absent or not a string. */
  get(name: string): string | undefined {
    return this.getAll(name)[0];
  }

  /** Every string value of `name`, in order. */
  getAll(name: string): string[] {
    const value = this.#raw(name);
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
    return [];
  }

  #raw(name: string): unknown {
    const source = this.#source;
    if (typeof source !== 'object' || source === null || !Object.hasOwn(source, name)) return undefined;
    return (source as Record<string, unknown>)[name];
  }
}
