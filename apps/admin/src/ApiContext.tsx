import { createContext, type ReactNode, useContext } from 'react';
import type { AdminApi } from './api-client';

const ApiContext = createContext<AdminApi | null>(null);

/** Provides the admin API client to the pages. */
export function ApiProvider({ api, children }: { api: AdminApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The admin API client; only inside {@link ApiProvider}. */
export function useApi(): AdminApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}
