import { useState } from 'react';
import { listNameSchema } from '../lib/model/schemas';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import type { LeadListSummary } from '../lib/model/lead-lists';
import { useAnnounce } from './announcer';
import { ErrorNotice } from './error-notice';
import { formatCount } from './locale-format';
import { useServices } from './panel-services';

type Load = { state: 'idle' | 'loading' } | { state: 'loaded'; items: LeadListSummary[] } | { state: 'failed'; error: SerializedApiError };

/**
 * A lead list's name as a list name. The background already cut it to one (whole characters, at
 * most 200 code units); the check keeps a name it could not vouch for out of the request.
 */
function listNameFor(leadList: LeadListSummary): string {
  const parsed = listNameSchema.safeParse(leadList.name);
  return parsed.success ? parsed.data : `Lead list ${leadList.id}`;
}

/**
 * The person's saved Sales Navigator lead lists, each with a capture button. Loaded on request:
 * it is a LinkedIn call, not something to make every time the view opens.
 */
export function LeadListsSection() {
  const { send } = useServices();
  const announce = useAnnounce();
  const [load, setLoad] = useState<Load>({ state: 'idle' });
  const [starting, setStarting] = useState<string>();
  const [failure, setFailure] = useState<SerializedApiError>();

  async function fetchLeadLists() {
    setLoad({ state: 'loading' });
    setFailure(undefined);
    try {
      const { items } = await send('leadLists.list', {});
      setLoad({ state: 'loaded', items });
    } catch (thrown) {
      setLoad({ state: 'failed', error: ApiError.from(thrown).toJSON() });
    }
  }

  async function capture(leadList: LeadListSummary) {
    setStarting(leadList.id);
    setFailure(undefined);
    try {
      await send('capture.startLeadList', { leadListId: leadList.id, leadListName: leadList.name, name: listNameFor(leadList) });
      announce(`Import of “${leadList.name}” started. Follow it under Jobs.`);
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
    } finally {
      setStarting(undefined);
    }
  }

  return (
    <section className="section" aria-labelledby="lead-lists-title">
      <div className="section-header">
        <h3 id="lead-lists-title" className="section-title">
          Saved lead lists
        </h3>
        <button type="button" className="button button-small" onClick={() => void fetchLeadLists()} disabled={load.state === 'loading'}>
          {load.state === 'loaded' || load.state === 'failed' ? 'Reload lead lists' : 'Show my lead lists'}
        </button>
      </div>
      <p className="field-hint">Import one of your Sales Navigator lead lists as it is today.</p>
      {load.state === 'loading' && (
        <p className="muted" role="status">
          Loading your lead lists…
        </p>
      )}
      {load.state === 'failed' && <ErrorNotice error={load.error} />}
      {load.state === 'loaded' &&
        (load.items.length === 0 ? (
          <p className="muted">You have no saved lead lists in Sales Navigator.</p>
        ) : (
          <ul className="lead-lists">
            {load.items.map((leadList) => (
              <li key={leadList.id} className="lead-list">
                <div className="lead-list-text">
                  <span className="lead-list-name">{leadList.name}</span>
                  <span className="muted">{formatCount(leadList.size, 'lead')}</span>
                </div>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Capture ${leadList.name}`}
                  disabled={starting !== undefined}
                  onClick={() => void capture(leadList)}
                >
                  {starting === leadList.id ? 'Starting…' : 'Capture'}
                </button>
              </li>
            ))}
          </ul>
        ))}
      {failure && <ErrorNotice error={failure} />}
    </section>
  );
}
