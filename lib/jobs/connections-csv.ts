import type { ProspectDb } from '../db/database';
import { LocalContactLists } from '../db/local-contact-lists';
import { parseConnectionsCsv, type ConnectionsCsv } from '../linkedin/connections-csv';
import { localDay } from '../model/dates';
import { ApiError, parseOrThrow } from '../model/errors';
import type { JobKindName } from '../model/job-kinds';
import { outcome } from '../model/outcomes';
import { SKIPPED_ROWS_LISTED, type RunReport } from '../model/refresh';
import type { Clock, IdFactory } from '../model/runtime';
import type { ContactList } from '../model/schemas';
import { z } from '../model/zod';
import type { JobKind } from './runner';

/** Job kind of "Import Connections.csv". */
export const CONNECTIONS_CSV_KIND = 'network.connectionsCsv' satisfies JobKindName;

/** What an import is asked; the file's text is the job's staged page 0, not a parameter (the panel reads every job's params). */
const connectionsCsvParamsSchema = z.object({ fileName: z.string().trim().min(1).max(255) });
const stagedTextSchema = z.object({ text: z.string() });

export interface ConnectionsCsvJobDeps {
  newId?: IdFactory;
}

/** "Connections.csv, 2026-11-22": the file's name and the user's own day. */
function connectionsCsvListName(fileName: string, now: number): string {
  return `${fileName.slice(0, 180)}, ${localDay(now)}`;
}

/** The run report of an import: rows read and kept, and the rows skipped, the first {@link SKIPPED_ROWS_LISTED} by line. */
function importReport(parsed: ConnectionsCsv): RunReport {
  const by = (code: string) => parsed.skipped.filter((row) => row.code === code).length;
  const duplicates = by('duplicate');
  const unnamed = by('missing_name');
  return {
    matched: parsed.rows,
    fetched: parsed.rows,
    kept: parsed.contacts.length,
    dropped: { duplicates, unnamed, invalid: parsed.skipped.length - duplicates - unnamed },
    ...(parsed.skipped.length > 0
      ? {
          skippedRows: parsed.skipped
            .slice(0, SKIPPED_ROWS_LISTED)
            .map((row) => ({ line: row.line, code: row.code, ...(row.field ? { field: row.field } : {}) })),
        }
      : {}),
  };
}

/** A Connections.csv read and validated, ready to commit. */
export interface CsvImport {
  fileName: string;
  parsed: ConnectionsCsv;
  report: RunReport;
}

/** Parses and validates the file (bad rows skipped and listed by line); a file that is not an export throws. */
export function readCsvImport(fileName: string, text: string): CsvImport {
  const parsed = parseConnectionsCsv(text);
  return { fileName, parsed, report: importReport(parsed) };
}

/** Writes the import as a new list: the list, its items and their base contacts in one transaction (the caller's, if open). */
export function commitCsvImport(db: ProspectDb, input: CsvImport, deps: { clock: Clock; newId?: IdFactory }): Promise<ContactList> {
  const store = new LocalContactLists(db, { clock: deps.clock, ...(deps.newId ? { newId: deps.newId } : {}) });
  return store.createList({
    name: connectionsCsvListName(input.fileName, deps.clock()),
    contacts: input.parsed.contacts,
    source: { kind: 'connectionsCsv', fileName: input.fileName },
    matchedCount: input.parsed.rows,
    report: input.report,
  });
}

/**
 * "Import Connections.csv" as a job, so the panel can close while it runs and the jobs area
 * shows its report: one step parses the staged text and commits the list with the job's end.
 * A refusal (not an export, not text) fails the job with its reason and the field (`file`), not
 * the parser's English sentence: nothing is written.
 */
export function createConnectionsCsvKind(deps: ConnectionsCsvJobDeps = {}): JobKind {
  return {
    kind: CONNECTIONS_CSV_KIND,
    async step(job, ctx) {
      const { fileName } = parseOrThrow(connectionsCsvParamsSchema, job.params, 'params');
      const [page] = await ctx.readStaged();
      const { text } = parseOrThrow(stagedTextSchema, page?.data, 'stagedPages');
      // Parsed before the transaction opens: a long synchronous parse inside it would let IndexedDB commit it early.
      const read = refusedWithoutWords(() => readCsvImport(fileName, text));
      const { contacts, skipped } = read.parsed;
      await ctx.complete([ctx.db.lists, ctx.db.items, ctx.db.baseContacts], async () => ({
        resultListId: (await commitCsvImport(ctx.db, read, { clock: ctx.clock, ...(deps.newId ? { newId: deps.newId } : {}) })).id,
        outcome: outcome('connectionsCsv.done', { contacts: contacts.length, skipped: skipped.length }),
        report: read.report,
      }));
      return { done: true };
    },
  };
}

/** Runs the parser; its refusal keeps its reason and field, without the English message a job would store. */
function refusedWithoutWords<T>(parse: () => T): T {
  try {
    return parse();
  } catch (thrown) {
    if (thrown instanceof ApiError && thrown.reason) throw thrown.with({ details: [{ field: 'file' }] });
    throw thrown;
  }
}
