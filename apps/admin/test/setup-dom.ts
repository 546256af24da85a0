/** Shared setup of the admin's DOM tests (imported first by each test file). */
import '@testing-library/jest-dom/vitest';
import { cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, vi } from 'vitest';
import { App } from '../src/App';
import type { FakeAdminApi } from './fake-admin-api';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

/** Renders the whole app at `path`, with `fetch` answered by `api`. */
export function renderApp(api: FakeAdminApi, path: string) {
  vi.stubGlobal('fetch', api.fetch);
  window.history.replaceState(null, '', path);
  return render(createElement(App));
}
