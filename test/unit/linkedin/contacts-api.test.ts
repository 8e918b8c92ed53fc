import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTACT_EXPORTER_TASKS_URL, contactExporterTaskUrl } from '../../../lib/linkedin/constants';
import { parseTask, readTaskId, type ContactExporterTask } from '../../../lib/linkedin/contacts-api';
import { ApiError } from '../../../lib/model/errors';
import { snapshotContactSchema } from '../../../lib/model/snapshot';
import expiredResult from '../../fixtures/linkedin/contacts-api/expired-result.json';
import failed from '../../fixtures/linkedin/contacts-api/failed.json';
import inProgress from '../../fixtures/linkedin/contacts-api/in-progress.json';
import malformed from '../../fixtures/linkedin/contacts-api/malformed.json';
import succeeded from '../../fixtures/linkedin/contacts-api/succeeded.json';
import unknownStatus from '../../fixtures/linkedin/contacts-api/unknown-status.json';

function formatError(body: unknown): ApiError {
  try {
    parseTask(body);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('The task was read');
}

function succeededWith(task: ContactExporterTask) {
  if (task.status !== 'SUCCEEDED') throw new Error(`Expected a succeeded task, got ${task.status}`);
  return task;
}

/** The contacts of a succeeded task holding these address-book entries. */
function contactsOf(...contacts: unknown[]) {
  return succeededWith(parseTask({ status: 'SUCCEEDED', 'result~': { contacts, expiresAt: 1893456000000 } }));
}

describe('Contacts API URLs and task id', () => {
  it('starts tasks at contactExporterTasks and reads one with its result projected', () => {
    expect(CONTACT_EXPORTER_TASKS_URL).toBe('https://api.linkedin.com/v2/contactExporterTasks');
    expect(contactExporterTaskUrl('AQFHd8sT4skId0xExample')).toBe(
      'https://api.linkedin.com/v2/contactExporterTasks/AQFHd8sT4skId0xExample?projection=(id,owner,status,result~)',
    );
    // An id is a path segment, whatever LinkedIn puts in it.
    expect(contactExporterTaskUrl('a/b?c')).toBe(
      'https://api.linkedin.com/v2/contactExporterTasks/a%2Fb%3Fc?projection=(id,owner,status,result~)',
    );
  });

  it('reads the task id from x-linkedin-id, and nothing from a missing or blank header', () => {
    expect(readTaskId(new Headers({ 'x-linkedin-id': 'AQFHd8sT4skId0xExample' }))).toBe('AQFHd8sT4skId0xExample');
    expect(readTaskId(new Headers({ 'X-LinkedIn-Id': '  AQFHd8  ' }))).toBe('AQFHd8');
    expect(readTaskId(new Headers())).toBeUndefined();
    expect(readTaskId(new Headers({ 'x-linkedin-id': '   ' }))).toBeUndefined();
  });
});

describe('parseTask', () => {
  it('tells a task in progress, failed, or in a status nobody documented', () => {
    expect(parseTask(inProgress)).toEqual({ status: 'IN_PROGRESS' });
    expect(parseTask(failed)).toEqual({ status: 'FAILED' });
    expect(parseTask(unknownStatus)).toEqual({ status: 'UNKNOWN', raw: 'QUEUED' });
    expect(parseTask({ status: 'succeeded' })).toEqual({ status: 'UNKNOWN', raw: 'succeeded' });
    expect(parseTask({ status: 'X'.repeat(500) })).toEqual({ status: 'UNKNOWN', raw: 'X'.repeat(64) });
  });

  it('reads every contact of a succeeded task, keyed by email, else phone', () => {
    const task = succeededWith(parseTask(succeeded));
    expect(task.expiresAt).toBe(1893456000000);
    for (const contact of task.contacts) expect(snapshotContactSchema.parse(contact)).toEqual(contact);
    expect(task.contacts).toEqual([
      {
        baseContactId: 'mailto:ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        fullName: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '+44 20 7946 0958',
      },
      {
        baseContactId: 'tel:1234445555',
        firstName: 'abcabcabc',
        lastName: 'lastName',
        fullName: 'abcabcabc lastName',
        phone: '1234445555',
      },
      {
        baseContactId: 'mailto:grace.hopper@example.com',
        firstName: 'Grace',
        lastName: 'Hopper',
        fullName: 'Hopper, Grace',
        email: 'Grace.Hopper@Example.COM',
      },
      { baseContactId: 'mailto:meiling@example.cn', fullName: '王美玲', email: 'meiling@example.cn' },
      { baseContactId: 'mailto:ivan@example.ru', fullName: 'Иван Петров', email: 'ivan@example.ru' },
      { baseContactId: 'mailto:cher@example.com', fullName: 'Cher', email: 'cher@example.com' },
      { baseContactId: 'mailto:ada.phd@example.com', fullName: 'Ada Lovelace, PhD', email: 'ada.phd@example.com' },
      { baseContactId: 'mailto:bob@example.com', email: 'bob@example.com' },
      {
        baseContactId: 'tel:5551234567',
        firstName: 'José María',
        lastName: 'García',
        fullName: 'José María  García',
        phone: '(555) 123-4567',
      },
    ]);
    expect(task.skipped).toEqual([
      { index: 3, code: 'duplicate' },
      { index: 8, code: 'missing_key' },
      { index: 9, code: 'missing_key' },
    ]);
  });

  it('gives an expired result with its expiresAt: whether it has passed is the caller’s clock’s business', () => {
    const task = succeededWith(parseTask(expiredResult));
    expect(task.expiresAt).toBe(1475344703930);
    expect(task.contacts.map((contact) => contact.baseContactId)).toEqual(['mailto:ada@example.com', 'tel:1234445555']);
  });

  it('throws linkedin_format_changed for a body that is not a task', () => {
    const error = formatError(malformed);
    expect(error.error).toBe('linkedin_format_changed');
    expect(error.details?.map((detail) => detail.field)).toContain('contactExporterTasks.result~.contacts');
    for (const body of [
      null,
      'SUCCEEDED',
      {},
      { status: 42 },
      { status: 'SUCCEEDED' },
      { status: 'SUCCEEDED', 'result~': { contacts: [] } },
      { status: 'SUCCEEDED', 'result~': { contacts: [{ emailAddress: 7 }], expiresAt: 1 } },
      { status: 'SUCCEEDED', 'result~': { contacts: [{ phoneNumber: '555 1234' }], expiresAt: 1 } },
    ]) {
      expect(formatError(body).error, JSON.stringify(body)).toBe('linkedin_format_changed');
    }
  });

  it('splits names only when the guess is safe', () => {
    const namesOf = (name: string) => {
      const [contact] = contactsOf({ emailAddress: 'a@example.com', name }).contacts;
      return [contact?.firstName, contact?.lastName];
    };
    expect(namesOf('Ada Lovelace')).toEqual(['Ada', 'Lovelace']);
    expect(namesOf('Ada King Lovelace')).toEqual(['Ada King', 'Lovelace']);
    expect(namesOf('Siobhán Ní Bhriain')).toEqual(['Siobhán Ní', 'Bhriain']);
    expect(namesOf("Jean-Luc O'Brien")).toEqual(['Jean-Luc', "O'Brien"]);
    expect(namesOf('Lovelace, Ada')).toEqual(['Ada', 'Lovelace']);
    expect(namesOf('王, 美玲')).toEqual(['美玲', '王']);
    const otherScripts = ['王美玲', '山田 太郎', 'สมชาย ใจดี', 'Иван Петров', 'محمد علي'];
    for (const unsplit of ['Cher', ...otherScripts, 'Ada Lovelace, PhD', 'Smith, John, Jr.', ', Ada', 'Ada (work)', 'Ada 2']) {
      expect(namesOf(unsplit), unsplit).toEqual([undefined, undefined]);
    }
  });

  it('keeps an email only when valid, and then keys by it before the phone', () => {
    const task = contactsOf(
      { emailAddress: 'not-an-email', phoneNumber: { number: ' +1 202 555 0101 ' } },
      { emailAddress: 'Ada@Example.com', phoneNumber: { number: '+1 202 555 0101' } },
      { emailAddress: 'ada@example.com', phoneNumber: { number: '020 7946 0958' } },
      { phoneNumber: { number: '+1 (202) 555-0101' } },
      { phoneNumber: { number: 'n/a' } },
    );
    expect(task.contacts).toEqual([
      { baseContactId: 'tel:+12025550101', phone: '+1 202 555 0101' },
      { baseContactId: 'mailto:ada@example.com', email: 'Ada@Example.com', phone: '+1 202 555 0101' },
    ]);
    expect(task.skipped).toEqual([
      { index: 2, code: 'duplicate' },
      { index: 3, code: 'duplicate' },
      { index: 4, code: 'missing_key' },
    ]);
  });

  it('never throws anything but linkedin_format_changed on arbitrary JSON, and what it returns is consistent', () => {
    const entry = fc.record(
      {
        emailAddress: fc.oneof(fc.string({ unit: 'binary' }), fc.emailAddress(), fc.jsonValue()),
        name: fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue()),
        phoneNumber: fc.oneof(fc.record({ number: fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue()) }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          status: fc.oneof(fc.constantFrom('IN_PROGRESS', 'SUCCEEDED', 'FAILED'), fc.string(), fc.jsonValue()),
          'result~': fc.oneof(
            fc.jsonValue(),
            fc.record({ contacts: fc.array(entry, { maxLength: 8 }), expiresAt: fc.oneof(fc.nat(), fc.jsonValue()) }),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(body, (input) => {
        let task;
        try {
          task = parseTask(input);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).error).toBe('linkedin_format_changed');
          return;
        }
        if (task.status !== 'SUCCEEDED') return;
        for (const contact of task.contacts) expect(snapshotContactSchema.safeParse(contact).success).toBe(true);
        expect(new Set(task.contacts.map((contact) => contact.baseContactId)).size).toBe(task.contacts.length);
      }),
      { numRuns: 500 },
    );
  });
});
