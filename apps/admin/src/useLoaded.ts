import { useEffect, useRef, useState } from 'react';

/** What {@link useLoaded} gives back: the answer, the Spanish error, and whether a load is running. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: string | null;
  readonly loading: boolean;
}

/**
 * Loads `load(key)` whenever `key` changes (a customer, a page), keeping the previous answer on screen while
 * the next one comes and ignoring answers that arrive after a newer load started. The customer page's
 * sections each read their part of the API through it.
 */
export function useLoaded<T>(load: (key: string) => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: null, loading: true });
  // `load` is a new function each render; `key` says when it asks something else.
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    latest.current(key).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (err: unknown) => live && setState((s) => ({ data: s.data, error: err instanceof Error ? err.message : 'No se pudo cargar.', loading: false })),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}
