import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { readStoredLinkedInStatus } from '../lib/db/linkedin-status';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import { useAnnounce } from './announcer';
import { ClearCoolDownDialog } from './clear-cool-down-dialog';
import { ErrorNotice } from './error-notice';
import { describeLinkedInPause } from './linkedin-pause-text';
import { useServices } from './panel-services';

/**
 * A cool-down after LinkedIn's refusals, or the Resume it left owed, with its end, Resume and a
 * confirmed "Clear cool-down"; nothing when LinkedIn work is not paused. Read live from the
 * gate's state, and read again when the cool-down ends.
 */
export function LinkedInPauseNotice({ id }: { id: string }) {
  const { db, send, clock } = useServices();
  const announce = useAnnounce();
  const [ended, setEnded] = useState(0);
  const [clearing, setClearing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SerializedApiError>();
  const status = useLiveQuery(() => readStoredLinkedInStatus(db, clock()), [db, clock, ended]);
  const coolDownUntil = status?.coolDownUntil;

  useEffect(() => {
    if (coolDownUntil === undefined) return;
    const timer = setTimeout(() => setEnded((n) => n + 1), Math.max(0, coolDownUntil - clock()) + 500);
    return () => clearTimeout(timer);
  }, [coolDownUntil, clock]);

  const text = status && describeLinkedInPause(status, clock());
  if (!text) return null;

  async function resume() {
    setBusy(true);
    setFailure(undefined);
    try {
      await send('linkedin.resume', {});
      announce('LinkedIn work resumed.');
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="notice notice-warning linkedin-pause" role="status" aria-labelledby={`${id}-title`}>
        <p className="notice-title" id={`${id}-title`}>
          {text.title}
        </p>
        <p className="notice-hint">{text.detail}</p>
        <div className="inline-actions">
          {text.resume && (
            <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => void resume()}>
              {busy ? 'Resuming…' : 'Resume'}
            </button>
          )}
          {text.clear && (
            <button type="button" className="button button-small" disabled={busy} onClick={() => setClearing(true)}>
              Clear cool-down
            </button>
          )}
        </div>
        {failure && <ErrorNotice error={failure} />}
      </div>
      {clearing && coolDownUntil !== undefined && <ClearCoolDownDialog until={coolDownUntil} onClose={() => setClearing(false)} />}
    </>
  );
}
