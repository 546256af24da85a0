/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin(s) of the MCP Calendar Server, whose callback page posts to this page (comma-separated). */
  readonly VITE_CALENDAR_ORIGIN?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
