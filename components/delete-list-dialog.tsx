import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { canDeleteOnSaber, hasQueuedCreate } from '../lib/db/panel-queries';
import type { ListRecord } from '../lib/db/records';
import { ConfirmDialog } from './confirm-dialog';
import { formatCount } from './locale-format';
import { useServices } from './panel-services';

interface DeleteListDialogProps {
  list: ListRecord;
  onClose: () => void;
  onDeleted: () => void;
}

/**
 * Asks before deleting a list. For a
 * list on Saber, or whose push still waits in the outbox, it also asks whether to delete
 * Saber's copy.
 */
export function DeleteListDialog({ list, onClose, onDeleted }: DeleteListDialogProps) {
  const { db, send } = useServices();
  const [alsoOnSaber, setAlsoOnSaber] = useState(false);
  // Read live: the queued create may be sent (or refused) while the dialog is open.
  const createQueued = useLiveQuery(() => hasQueuedCreate(db, list.id), [db, list.id], false);
  const onSaber = canDeleteOnSaber(list, createQueued);
  const stillQueued = createQueued && !list.sync?.remoteId;

  return (
    <ConfirmDialog
      id="delete"
      title={
        <>
          Delete “<bdi>{list.name}</bdi>”?
        </>
      }
      description={
        <>
          This removes the list and its {formatCount(list.contactCount, 'contact')} from this browser. People who are also in other lists
          stay in them.
        </>
      }
      cancelLabel="Cancel"
      confirmLabel="Delete list"
      busyLabel="Deleting…"
      onConfirm={async () => {
        await send('lists.delete', { listId: list.id, alsoOnSaber: onSaber && alsoOnSaber });
        onDeleted();
      }}
      onClose={onClose}
    >
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
    </ConfirmDialog>
  );
}
