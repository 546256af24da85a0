import { type AdminRuntimeConfig, parseAdminRuntimeConfig } from '@agendo/contracts';
import { createContext, type ReactNode, useContext } from 'react';

/**
 * Used when `/config.json` cannot be read: no configured calendar origin, so only the origin of the
 * `redirect_uri` inside each authorization URL (which the admin API handed out) is believed.
 */
export const FALLBACK_RUNTIME_CONFIG: AdminRuntimeConfig = { calendarOrigins: [] };

/**
 * Fetches the served `/config.json` (the deployment's settings, read by the server at run time, so one
 * build runs anywhere) and checks its shape.
 */
export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<AdminRuntimeConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`/config.json: HTTP ${response.status}`);
  return parseAdminRuntimeConfig(await response.json());
}

const RuntimeConfigContext = createContext<AdminRuntimeConfig>(FALLBACK_RUNTIME_CONFIG);

/** Provides the loaded runtime config to the pages (`main.tsx` loads it before the first render). */
export function RuntimeConfigProvider({ config, children }: { config: AdminRuntimeConfig; children: ReactNode }) {
  return <RuntimeConfigContext.Provider value={config}>{children}</RuntimeConfigContext.Provider>;
}

/** The runtime config; outside a provider, {@link FALLBACK_RUNTIME_CONFIG}. */
export function useRuntimeConfig(): AdminRuntimeConfig {
  return useContext(RuntimeConfigContext);
}
