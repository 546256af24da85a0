import type { ConnectionStatus } from '@agendo/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type AdminApi, ApiError } from './api-client';
import { allowedMessageOrigins, type CalendarWatch, openAuthorizationPopup, watchCalendarConnection } from './ConnectCalendar';
import { timing } from './config';
import { useRuntimeConfig } from './RuntimeConfig';
import { sharedAccountText, sharedWith } from './SharedAccountWarning';

/** How a customer's pending authorization reaches them. */
export type PendingKind = 'popup' | 'link';

/** The dialog that shows an authorization link: a blocked popup's, or one to send to the customer. */
export interface LinkDialogState {
  readonly customerId: string;
  readonly url: string;
  readonly expiresAt: string;
  /** Why it is shown: the popup was blocked, or "Copiar enlace". */
  readonly reason: 'blocked' | 'link';
  /** For "Copiar enlace": whether the clipboard took it. */
  readonly copied: boolean;
  /** The customer completed it while the dialog was open. */
  readonly connected: boolean;
}

/** What the page is told about connections. */
export interface ConnectionEvents {
  /** A customer's calendar status changed. */
  readonly onCalendar: (customerId: string, status: ConnectionStatus) => void;
  /** Progress, for the polite status region. */
  readonly onStatus: (text: string) => void;
  /** A failure, for the alert region. */
  readonly onAlert: (text: string) => void;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

const errorText = (err: unknown) => (err instanceof ApiError ? err.message : 'Error inesperado. Inténtalo de nuevo.');

/**
 * The calendar connections started from the customer list: "Conectar"/"Reconectar" (popup) and
 * "Copiar enlace" (a link for the customer), each watched until it finishes.
 */
export function useCalendarConnections(api: AdminApi, events: ConnectionEvents) {
  const { calendarOrigins } = useRuntimeConfig();
  const [pending, setPending] = useState<Readonly<Record<string, PendingKind>>>({});
  const [linkDialog, setLinkDialog] = useState<LinkDialogState | null>(null);
  const watches = useRef(new Map<string, CalendarWatch>());
  const eventsRef = useRef(events);
  eventsRef.current = events;
  const dialogRef = useRef<LinkDialogState | null>(null);
  dialogRef.current = linkDialog;

  useEffect(() => {
    const all = watches.current;
    return () => {
      for (const watch of all.values()) watch.stop();
      all.clear();
    };
  }, []);

  const setPendingFor = useCallback((customerId: string, kind: PendingKind | null) => {
    setPending((prev) => {
      const next = { ...prev };
      if (kind) next[customerId] = kind;
      else delete next[customerId];
      return next;
    });
  }, []);

  const startWatch = useCallback(
    (customerId: string, kind: PendingKind, baseline: ConnectionStatus | null, authorizationUrl: string, popup: Window | null, expiresAt: string) => {
      watches.current.get(customerId)?.stop();
      const untilExpiry = Date.parse(expiresAt) - Date.now();
      const limit = kind === 'popup' ? timing.popupTimeoutMs : timing.linkWatchMs;
      const watch = watchCalendarConnection({
        api,
        customerId,
        baseline,
        allowedOrigins: allowedMessageOrigins(calendarOrigins, authorizationUrl),
        popup,
        intervalMs: kind === 'popup' ? timing.popupPollMs : timing.linkPollMs,
        timeoutMs: Number.isFinite(untilExpiry) && untilExpiry > 0 ? Math.min(limit, untilExpiry) : limit,
        keepAlive: () => dialogRef.current?.customerId === customerId,
        onConnected: (status) => {
          eventsRef.current.onCalendar(customerId, status);
          const others = sharedWith(status);
          const shared = others.length > 0 ? ` Atención: ${lowerFirst(sharedAccountText(others))}; sus reservas irán al mismo calendario.` : '';
          eventsRef.current.onStatus(`Calendario de ${customerId} conectado${status.email ? ` (${status.email})` : ''}.${shared}`);
          setLinkDialog((d) => (d && d.customerId === customerId ? { ...d, connected: true } : d));
        },
        onError: (_reason, message) => {
          eventsRef.current.onStatus('');
          eventsRef.current.onAlert(`No se conectó el calendario de ${customerId}: ${message}`);
        },
        onEnd: (end, last) => {
          if (watches.current.get(customerId) === watch) watches.current.delete(customerId);
          setPendingFor(customerId, null);
          if (last) eventsRef.current.onCalendar(customerId, last);
          if (end === 'closed' && last?.status !== 'connected') {
            eventsRef.current.onStatus(`Se cerró la ventana de autorización sin conectar el calendario de ${customerId}.`);
          } else if (end === 'timeout') {
            eventsRef.current.onStatus(
              kind === 'popup'
                ? `La autorización del calendario de ${customerId} no se completó a tiempo.`
                : `Se dejó de esperar el enlace de ${customerId}; la fila se actualizará al recargar.`,
            );
          }
        },
      });
      watches.current.set(customerId, watch);
    },
    [api, calendarOrigins, setPendingFor],
  );

  /**
   * "Conectar"/"Reconectar": call synchronously from the click handler. `popup` is a window the
   * caller already opened (null: it was blocked); without it one is opened here, before any await.
   */
  const connect = useCallback(
    async (customerId: string, baseline: ConnectionStatus | null, preopened?: Window | null) => {
      const popup = preopened === undefined ? openAuthorizationPopup() : preopened;
      watches.current.get(customerId)?.stop();
      setPendingFor(customerId, 'popup');
      eventsRef.current.onStatus(`Conectando el calendario de ${customerId}…`);
      let link;
      try {
        link = await api.connectCalendar(customerId, 'popup');
      } catch (err) {
        popup?.close();
        setPendingFor(customerId, null);
        eventsRef.current.onStatus('');
        eventsRef.current.onAlert(`No se pudo iniciar la conexión del calendario de ${customerId}: ${errorText(err)}`);
        return;
      }
      const usable = popup && !popup.closed ? popup : null;
      if (usable) {
        usable.location.href = link.authorization_url;
        usable.focus?.();
        eventsRef.current.onStatus(`Conectando el calendario de ${customerId}… Completa la autorización en la ventana emergente.`);
      } else {
        setLinkDialog({ customerId, url: link.authorization_url, expiresAt: link.expires_at, reason: 'blocked', copied: false, connected: false });
      }
      startWatch(customerId, 'popup', baseline, link.authorization_url, usable, link.expires_at);
    },
    [api, setPendingFor, startWatch],
  );

  /** "Copiar enlace": a 7-day link for the customer, copied and shown; the row is watched meanwhile. */
  const copyLink = useCallback(
    async (customerId: string, baseline: ConnectionStatus | null) => {
      let link;
      try {
        link = await api.connectCalendar(customerId, 'link');
      } catch (err) {
        eventsRef.current.onAlert(`No se pudo crear el enlace de ${customerId}: ${errorText(err)}`);
        return;
      }
      let copied = false;
      try {
        if (navigator.clipboard) {
          await navigator.clipboard.writeText(link.authorization_url);
          copied = true;
        }
      } catch {
        copied = false;
      }
      setLinkDialog({ customerId, url: link.authorization_url, expiresAt: link.expires_at, reason: 'link', copied, connected: false });
      setPendingFor(customerId, 'link');
      eventsRef.current.onStatus(copied ? `Enlace de autorización de ${customerId} copiado al portapapeles.` : `Enlace de autorización de ${customerId} listo para copiar.`);
      startWatch(customerId, 'link', baseline, link.authorization_url, null, link.expires_at);
    },
    [api, setPendingFor, startWatch],
  );

  /** Closes the link dialog; a pending link stays watched for a few minutes more. */
  const closeLinkDialog = useCallback(() => setLinkDialog(null), []);

  /** Stops watching a customer (e.g. it was deleted). */
  const forget = useCallback((customerId: string) => watches.current.get(customerId)?.stop(), []);

  return { pending, linkDialog, connect, copyLink, closeLinkDialog, forget };
}
