import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import { ErrorNotice } from './error-notice';

interface ConfirmDialogProps {
  /** Prefix of the title's and description's ids, unique in the page. */
  id: string;
  title: ReactNode;
  description: ReactNode;
  /** Controls between the description and the buttons (a checkbox). */
  children?: ReactNode;
  cancelLabel: string;
  confirmLabel: string;
  busyLabel: string;
  /** The action; a throw is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/**
 * Asks before a step that is hard to undo (a modal `<dialog>`: focus stays inside, Escape and
 * the focused Cancel keep things as they are).
 */
export function ConfirmDialog({
  id,
  title,
  description,
  children,
  cancelLabel,
  confirmLabel,
  busyLabel,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SerializedApiError>();

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    // The safe choice takes the focus, not the first control.
    cancelRef.current?.focus();
    return () => dialog?.close();
  }, []);

  async function confirm() {
    setBusy(true);
    setFailure(undefined);
    try {
      await onConfirm();
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={`${id}-title`} className="dialog-title">
        {title}
      </h2>
      <p id={`${id}-description`}>{description}</p>
      {children}
      {failure && <ErrorNotice error={failure} />}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onClose} disabled={busy}>
          {cancelLabel}
        </button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
