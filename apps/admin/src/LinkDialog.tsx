import { useId, useState } from 'react';
import { Dialog } from './Dialog';

/** Props of {@link LinkDialog}. */
export interface LinkDialogProps {
  readonly title: string;
  /** The sentence before the link, e.g. "El navegador bloqueó la ventana emergente. Abre este enlace:". */
  readonly intro: string;
  readonly url: string;
  /** A note under the link (e.g. whether it was copied, when it expires). */
  readonly note?: string | undefined;
  readonly onClose: () => void;
}

/**
 * Shows an authorization link the admin can open or copy. It opens with `rel="opener"` so the
 * callback page can still tell this page how it went.
 */
export function LinkDialog({ title, intro, url, note, onClose }: LinkDialogProps) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const inputId = useId();
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} testId="link-dialog">
      <p>{intro}</p>
      <p className="link-box">
        <a href={url} target="_blank" rel="noopener opener" className="clamp break" data-testid="link-url">
          {url}
        </a>
      </p>
      <div className="field">
        <label htmlFor={inputId}>Enlace de autorización</label>
        <div className="inline">
          <input id={inputId} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="link-input" />
          <button type="button" onClick={copy} data-testid="link-copy">
            Copiar
          </button>
        </div>
        <p className="hint" role="status">
          {copied === true ? 'Copiado.' : copied === false ? 'No se pudo copiar: selecciona el enlace y cópialo a mano.' : ''}
        </p>
      </div>
      {note ? (
        <p className="hint" data-testid="link-note">
          {note}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          Cerrar
        </button>
      </div>
    </Dialog>
  );
}
