import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { canDeleteOnSaber, hasQueuedCreate } from '../lib/db/panel-queries';
import type { ListRecord } from '../lib/db/records';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import { ErrorNotice } from './error-notice';
import { formatCount } from './locale-format';
import { useServices } from './panel-services';

interface DeleteListDialogProps {
  list: ListRecord;
  onClose: () => void;
  onDeleted: () => void;
}

/**
 * Asks before deleting a list (a modal `<dialog>`: focus stays inside, Escape cancels). For a
 * list on Saber, or whose push still waits in the outbox, it also asks whether to delete
 * Saber's copy.
 */
export function DeleteListDialog({ list, onClose, onDeleted }: DeleteListDialogProps) {
  const { db, send } = useServices();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [alsoOnSaber, setAlsoOnSaber] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SerializedApiError>();
  // Read live: the queued create may be sent (or refused) while the dialog is open.
  const createQueued = useLiveQuery(() => hasQueuedCreate(db, list.id), [db, list.id], false);
  const onSaber = canDeleteOnSaber(list, createQueued);
  const stillQueued = createQueued && !list.sync?.remoteId;

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
      await send('lists.delete', { listId: list.id, alsoOnSaber: onSaber && alsoOnSaber });
      onDeleted();
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="delete-title"
      aria-describedby="delete-description"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id="delete-title" className="dialog-title">
        Delete “<bdi>{list.name}</bdi>”?
      </h2>
      <p id="delete-description">
        This removes the list and its {formatCount(list.contactCount, 'contact')} from this browser. People who are also in other lists stay
        in them.
      </p>
      {onSaber && (
        <div className="checkbox-field">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={alsoOnSaber}
              onChange={(event) => setAlsoOnSaber(event.target.checked)}
              aria-describedby={stillQueued ? 'delete-saber-hint' : undefined}
            />
            <span>Also delete it on Saber</span>
          </label>
          {stillQueued && (
            <p id="delete-saber-hint" className="field-hint">
              Its push has not reached Saber yet. If it gets there, it is deleted there right after.
            </p>
          )}
        </div>
      )}
      {failure && <ErrorNotice error={failure} />}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Deleting…' : 'Delete list'}
        </button>
      </div>
    </dialog>
  );
}
