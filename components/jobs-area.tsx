import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { readStoredLinkedInStatus } from '../lib/db/linkedin-status';
import { readJobsNewestFirst } from '../lib/db/panel-queries';
import { ACTIVE_JOB_STATUSES, type JobRecord } from '../lib/db/records';
import { ApiError } from '../lib/model/errors';
import { canSavePartial, describeJobKind, failureKeepsWork, isRetryableKind } from '../lib/model/job-kinds';
import { ErrorNotice } from './error-notice';
import { hintFor } from './error-hints';
import { failureNotice, type JobActionFailure } from './job-failure';
import { describeJobResult, describeJobStatus, describeJobTitle, describeProgress, describeSkippedRows } from './job-text';
import { LinkedInPauseNotice } from './linkedin-pause-notice';
import { useServices } from './panel-services';
import { describeRunReport } from './refresh-text';
import { routeHref } from './route';

/** How a job's buttons report to the jobs area: an action starts (the last failure is over), or fails. */
interface JobActionReport {
  onAction: () => void;
  onFailure: (failure: JobActionFailure) => void;
}

function ActiveJob({ job, onAction, onFailure }: { job: JobRecord } & JobActionReport) {
  const { send, clock } = useServices();
  const [cancelling, setCancelling] = useState(false);
  const titleId = `job-${job.id}-title`;
  const { done, total } = job.progress;
  const detail = [describeProgress(job), describeJobStatus(job, clock())].filter(Boolean).join(' · ') || 'Starting…';

  async function cancel() {
    setCancelling(true);
    onAction();
    try {
      await send('jobs.cancel', { jobId: job.id });
    } catch (thrown) {
      onFailure({ jobId: job.id, action: 'cancel', error: ApiError.from(thrown).toJSON() });
      setCancelling(false);
    }
  }

  return (
    <li className="job" data-status={job.status}>
      <div className="job-main">
        <p className="job-title" id={titleId}>
          {describeJobTitle(job)}
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-labelledby={titleId}
          aria-valuemin={0}
          aria-valuemax={total > 0 ? total : undefined}
          aria-valuenow={total > 0 ? Math.min(done, total) : undefined}
          aria-valuetext={detail}
        >
          <div className="progress-fill" style={{ width: total > 0 ? `${(100 * Math.min(done, total)) / total}%` : undefined }} />
        </div>
        <p className="job-detail">{detail}</p>
      </div>
      <button
        type="button"
        className="button button-small"
        aria-describedby={titleId}
        disabled={cancelling || job.cancelRequested}
        onClick={() => void cancel()}
      >
        Cancel
      </button>
    </li>
  );
}

function EndedJob({ job, listExists, onAction, onFailure }: { job: JobRecord; listExists: boolean } & JobActionReport) {
  const { send, clock } = useServices();
  const [busy, setBusy] = useState(false);
  const titleId = `job-${job.id}-title`;

  async function act(action: 'dismiss' | 'retry' | 'save') {
    setBusy(true);
    onAction();
    try {
      if (action === 'dismiss') await send('jobs.dismiss', { jobId: job.id });
      else if (action === 'retry') await send('jobs.retry', { jobId: job.id });
      else await send('jobs.savePartial', { jobId: job.id });
    } catch (thrown) {
      onFailure({ jobId: job.id, action, error: ApiError.from(thrown).toJSON() });
    } finally {
      setBusy(false);
    }
  }

  const failed = job.status === 'failed';
  // A failed job keeps what it read: Retry goes on from there; a capture can also keep it as a partial list.
  const keeps = failed && failureKeepsWork(job.error);
  const canRetry = keeps && describeJobKind(job.kind) !== undefined && isRetryableKind(job.kind);
  const canSave = keeps && canSavePartial(job.kind) && job.progress.done > 0;
  const now = clock();
  const hint = failed && job.error ? hintFor(job.error, now) : undefined;
  const skippedRows = job.status === 'done' ? job.report?.skippedRows : undefined;
  const { duplicates = 0, unnamed = 0, invalid = 0 } = job.report?.dropped ?? {};
  return (
    <li className="job" data-status={job.status}>
      <div className="job-main">
        <div className="job-text" role={failed ? 'alert' : undefined}>
          <p className="job-title" id={titleId}>
            {describeJobTitle(job)}
          </p>
          <p className="job-detail">
            {/* A cancel's own words start with "Cancelled", so only the other endings get a label. */}
            {job.status !== 'cancelled' && <span className="job-outcome">{failed ? 'Failed: ' : 'Done: '}</span>}
            {describeJobResult(job, now)}
          </p>
          {hint && <p className="job-hint">{hint}</p>}
          {skippedRows && skippedRows.length > 0 && (
            <p className="job-hint">{describeSkippedRows(skippedRows, duplicates + unnamed + invalid)}</p>
          )}
          {job.report && (
            <details className="job-report">
              <summary>Run report</summary>
              <dl className="facts">
                {describeRunReport(job.report).map((fact) => (
                  <div key={fact.term} className="fact">
                    <dt>{fact.term}</dt>
                    <dd>{fact.value}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
        </div>
        <div className="job-actions">
          {job.status === 'done' && job.resultListId && listExists && (
            <a className="button button-small button-primary" href={routeHref({ view: 'list', listId: job.resultListId })}>
              Open list
            </a>
          )}
          {canRetry && (
            <button
              type="button"
              className="button button-small button-primary"
              aria-describedby={titleId}
              disabled={busy}
              onClick={() => void act('retry')}
            >
              Retry
            </button>
          )}
          {canSave && (
            <button
              type="button"
              className="button button-small"
              aria-describedby={titleId}
              disabled={busy}
              onClick={() => void act('save')}
            >
              Save what was captured
            </button>
          )}
          <button
            type="button"
            className="button button-small"
            aria-describedby={titleId}
            disabled={busy}
            onClick={() => void act('dismiss')}
          >
            Dismiss
          </button>
        </div>
      </div>
    </li>
  );
}

/**
 * Work running in the background, read live from the `jobs` table: progress and Cancel while
 * it runs; its outcome, what to do about a failure (Retry, Save what was captured), and a link
 * to the new list once it ends. Above them, a LinkedIn cool-down with Resume and Clear cool-down.
 */
export function JobsArea() {
  const { db, clock } = useServices();
  const [failure, setFailure] = useState<JobActionFailure>();
  const jobs = useLiveQuery(async () => {
    const newestFirst = await readJobsNewestFirst(db);
    // Work in progress first, then what ended; each newest first.
    const all = [
      ...newestFirst.filter((job) => ACTIVE_JOB_STATUSES.includes(job.status)),
      ...newestFirst.filter((job) => !ACTIVE_JOB_STATUSES.includes(job.status)),
    ];
    const resultIds = all.flatMap((job) => (job.resultListId ? [job.resultListId] : []));
    const lists = await db.lists.bulkGet(resultIds);
    const existing = new Set(lists.flatMap((list) => (list ? [list.id] : [])));
    return { all, existing };
  }, [db]);

  const paused = useLiveQuery(async () => {
    const status = await readStoredLinkedInStatus(db, clock());
    return status.coolDownUntil !== undefined || status.resumeNeeded === true;
  }, [db, clock]);

  if (!jobs || (jobs.all.length === 0 && !paused)) return null;
  const notice = failureNotice(failure, jobs.all, clock());
  const report: JobActionReport = { onAction: () => setFailure(undefined), onFailure: setFailure };
  return (
    <section className="jobs" aria-labelledby="jobs-title">
      <h2 id="jobs-title" className="jobs-title">
        Jobs
      </h2>
      <LinkedInPauseNotice id="jobs-linkedin-pause" />
      <ul className="job-list">
        {jobs.all.map((job) =>
          ACTIVE_JOB_STATUSES.includes(job.status) ? (
            <ActiveJob key={job.id} job={job} {...report} />
          ) : (
            <EndedJob key={job.id} job={job} listExists={!!job.resultListId && jobs.existing.has(job.resultListId)} {...report} />
          ),
        )}
      </ul>
      {notice && <ErrorNotice error={notice} />}
    </section>
  );
}
