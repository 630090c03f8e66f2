import { describe, expect, it } from 'vitest';
import { ApiError } from '../../admin/src/api/http';
import { adminMessages } from '../../admin/src/messages';
import { activeFilterCount, filtersFromParams, filtersToParams, filtersToQuery, withUnit } from '../../admin/src/ui/filters';
import { fieldFor, problemOf } from '../../admin/src/ui/form-errors';

const m = adminMessages.vi.form;

describe('filters in the address', () => {
  it('reads the API-named params, leaving out values the API would refuse', () => {
    expect(filtersFromParams({ unitId: 'unit-a', channel: 'kiosk', verified: 'only', groupBy: 'officerId' })).toEqual({ unitId: 'unit-a', channel: 'kiosk', verified: 'only' });
    expect(filtersFromParams({ channel: 'fax', verified: 'maybe', servicePointId: 'x'.repeat(65) })).toEqual({});
  });

  it('writes every dimension, so a cleared one leaves the address', () => {
    expect(filtersToParams({ officerId: 'off-1' })).toEqual({ unitId: undefined, servicePointId: undefined, officerId: 'off-1', procedureId: undefined, channel: undefined, verified: undefined });
  });

  it('is the stats query as it stands', () => {
    expect(filtersToQuery({ unitId: 'unit-a', procedureId: 'proc-1' })).toEqual({ unitId: 'unit-a', procedureId: 'proc-1' });
    expect(activeFilterCount({ unitId: 'u', channel: 'qr' })).toBe(2);
  });

  it('drops a counter and an officer of another unit when the unit changes, keeps those of the new one', () => {
    const unitOf = { servicePoint: (id: string) => ({ 'sp-t1': 'unit-a', 'sp-t2': 'unit-b' })[id], officer: (id: string) => ({ 'off-1': 'unit-a' })[id] };
    expect(withUnit({ servicePointId: 'sp-t1', officerId: 'off-1', channel: 'kiosk' }, 'unit-b', unitOf)).toEqual({ unitId: 'unit-b', channel: 'kiosk' });
    expect(withUnit({ servicePointId: 'sp-t1', officerId: 'off-1' }, 'unit-a', unitOf)).toEqual({ unitId: 'unit-a', servicePointId: 'sp-t1', officerId: 'off-1' });
    expect(withUnit({ unitId: 'unit-a', servicePointId: 'sp-t1' }, undefined, unitOf)).toEqual({ servicePointId: 'sp-t1' });
  });
});

describe('API error details → form field messages', () => {
  const fields = ['target', 'minSample', 'kiosk.idleSeconds', 'hours.sessions'];

  it('puts each issue on its field, in our words with the server’s beside them', () => {
    const err = new ApiError(400, 'invalid-input', 'Some fields are invalid: target, kiosk.idleSeconds', [
      { path: 'target', message: 'Too small: expected number to be >=0.5' },
      { path: 'kiosk.idleSeconds', message: 'Too big: expected number to be <=600' },
    ]);
    const p = problemOf(err, m, fields);
    expect(p.fields).toEqual({
      target: { text: m.invalid, detail: 'Too small: expected number to be >=0.5' },
      'kiosk.idleSeconds': { text: m.invalid, detail: 'Too big: expected number to be <=600' },
    });
    expect(p.form).toBe(m.someInvalid);
    expect(p.formDetails).toEqual([]);
  });

  it('gives a nested path to the field it lies under, the first issue per field winning', () => {
    expect(fieldFor('hours.sessions.0.open', fields)).toBe('hours.sessions');
    expect(fieldFor('kiosk', fields)).toBeNull();
    const err = new ApiError(422, 'unprocessable', 'x', [
      { path: 'hours.sessions.1.close', message: 'first' },
      { path: 'hours.sessions.0.open', message: 'second' },
    ]);
    expect(problemOf(err, m, fields).fields['hours.sessions'].detail).toBe('first');
  });

  it('keeps issues of no field of this form, or of the whole body, for the form line', () => {
    const err = new ApiError(400, 'invalid-input', 'x', [
      { path: '', message: 'malformed JSON' },
      { path: 'unknownThing', message: 'Unrecognized key' },
    ]);
    const p = problemOf(err, m, fields);
    expect(p.fields).toEqual({});
    expect(p.form).toBe(m.someInvalid);
    expect(p.formDetails).toEqual(['malformed JSON', 'unknownThing: Unrecognized key']);
  });

  it('words the other failures plainly, and ignores details that are not field issues', () => {
    expect(problemOf(new ApiError(0, 'offline', 'Network error'), m, fields).form).toBe(m.offline);
    expect(problemOf(new ApiError(403, 'forbidden', 'Outside your unit'), m, fields).form).toBe(m.forbidden);
    expect(problemOf(new ApiError(404, 'not-found', 'x'), m, fields).form).toBe(m.notFound);
    expect(problemOf(new ApiError(409, 'conflict', 'x'), m, fields).form).toBe(m.conflict);
    expect(problemOf(new ApiError(500, 'internal', 'x', { requestId: 'r1' }), m, fields)).toEqual({ fields: {}, form: m.failed, formDetails: [] });
    expect(problemOf(new ApiError(400, 'invalid-input', 'x', { requestId: 'r1' }), m, fields).form).toBe(m.failed);
    expect(problemOf(new Error('boom'), m, fields).form).toBe(m.failed);
  });
});
