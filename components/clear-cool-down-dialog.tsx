import { useEffect, useRef, useState } from 'react';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import { ErrorNotice } from './error-notice';
import { formatMoment } from './locale-format';
import { useServices } from './panel-services';

/**
 * Asks before ending a cool-down early (a modal `<dialog>`; Escape and the focused Cancel keep
 * it): sending to LinkedIn while it refuses is how accounts get restricted.
 */
export function ClearCoolDownDialog({ until, onClose }: { until: number; onClose: () => void }) {
  const { send, clock } = useServices();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SerializedApiError>();

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    cancelRef.current?.focus();
    return () => dialog?.close();
  }, []);

  async function confirm() {
    setBusy(true);
    setFailure(undefined);
    try {
      await send('linkedin.clearCoolDown', {});
      onClose();
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="clear-cool-down-title"
      aria-describedby="clear-cool-down-description"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id="clear-cool-down-title" className="dialog-title">
        Clear the cool-down?
      </h2>
      <p id="clear-cool-down-description">
        LinkedIn refused requests, so LinkedIn work is paused until {formatMoment(until, clock())}. Sending requests again before then can
        get your LinkedIn account restricted. If LinkedIn refuses again, the next pause is longer.
      </p>
      {failure && <ErrorNotice error={failure} />}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onClose} disabled={busy}>
          Keep the pause
        </button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Clearing…' : 'Clear cool-down'}
        </button>
      </div>
    </dialog>
  );
}
