import { type ReactNode, useState } from 'react';
import { ApiError } from './api-client';
import { Dialog } from './Dialog';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  /** Label of the confirming button, e.g. "Eliminar". */
  readonly confirmLabel: string;
  /** Runs the action; a rejection is shown inside the dialog, which stays open. */
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
  readonly testId?: string;
}

/** A confirmation for a destructive action, with "Cancelar" focused first. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, testId }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'No se pudo completar la acción. Inténtalo de nuevo.');
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <div className="dialog-body">{children}</div>
      <div role="alert" className="error-text">
        {error}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancelar
        </button>
        <button type="button" className="danger" onClick={confirm} disabled={busy} data-testid="confirm-accept">
          {busy ? 'Un momento…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
