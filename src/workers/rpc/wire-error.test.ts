import { describe, expect, it } from 'vitest';
import { UserFacingError, type AppErrorData } from '../../core/errors';
import { ModelError } from '../../core/model/errors';
import { abortError } from './abort';
import { fromWireError, toWireError, type RemoteError, type WireError } from './wire-error';

/** Across a worker boundary: the wire form is structured-cloned as postMessage does. */
const cross = (e: unknown, fallbackCode?: string): Error =>
  fromWireError(structuredClone(toWireError(e, fallbackCode)));

describe('the one worker error wire format', () => {
  it('a UserFacingError crosses with its code and facts and is a UserFacingError again', () => {
    const facts: AppErrorData = { code: 'power-constant-column', why: 'same', column: 'recency', value: 3 };
    const wire = toWireError(new UserFacingError(facts), 'internal');
    expect(wire).toEqual({
      name: 'UserFacingError',
      message: 'power-constant-column',
      code: 'power-constant-column',
      facts,
    });
    const back = cross(new UserFacingError(facts));
    expect(back).toBeInstanceOf(UserFacingError);
    expect(back).toMatchObject({ name: 'UserFacingError', code: 'power-constant-column', facts });
  });

  it('a plain Error keeps its name and message; it has a code only when the worker gives a fallback', () => {
    const e = new TypeError('x.map is not a function');
    expect(toWireError(e)).toEqual({ name: 'TypeError', message: 'x.map is not a function' });
    const back = cross(e) as RemoteError;
    expect(back).toBeInstanceOf(Error);
    expect(back).not.toBeInstanceOf(UserFacingError);
    expect([back.name, back.message, 'code' in back]).toEqual([
      'TypeError',
      'x.map is not a function',
      false,
    ]);
    expect((cross(e, 'internal') as RemoteError).code).toBe('internal');
  });

  it('an error with its own string code keeps it; a numeric code (DOMException) gets the fallback', () => {
    const coded = Object.assign(new Error('gone'), { code: 'ENOENT' });
    expect((cross(coded, 'internal') as RemoteError).code).toBe('ENOENT');
    const dom = new DOMException('cannot read', 'NotReadableError');
    expect(toWireError(dom, 'hash-failed')).toEqual({
      name: 'NotReadableError',
      message: 'cannot read',
      code: 'hash-failed',
    });
  });

  it('a thrown non-Error crosses as an Error named Error with its text', () => {
    expect(toWireError('boom', 'internal')).toEqual({ name: 'Error', message: 'boom', code: 'internal' });
    expect(toWireError(42)).toEqual({ name: 'Error', message: '42' });
    expect(toWireError(null, 'internal')).toEqual({ name: 'Error', message: 'null', code: 'internal' });
    const back = cross(undefined, 'internal') as RemoteError;
    expect([back.name, back.message, back.code]).toEqual(['Error', 'undefined', 'internal']);
  });

  it("an AbortError crosses as an AbortError (a status), never through the client's own rule", () => {
    const wire = toWireError(abortError('The load was cancelled.'), 'internal');
    expect(wire).toEqual({ name: 'AbortError', message: 'The load was cancelled.', code: 'aborted' });
    const back = fromWireError(structuredClone(wire), {
      uncoded: () => new UserFacingError({ code: 'internal', detail: 'never', reading: true }),
    });
    expect(back).not.toBeInstanceOf(UserFacingError);
    expect([back.name, back.message]).toEqual(['AbortError', 'The load was cancelled.']);
    expect(toWireError(new DOMException('aborted', 'AbortError')).code).toBe('aborted');
  });

  it('an apply-style error keeps its code, path and row (row null when it names none)', () => {
    const e = new ModelError('request-not-number', 'frequency, row 3', '"abc" is not a number', 1);
    const wire = toWireError(e, 'apply-failed');
    expect(wire).toEqual({
      name: 'ModelError',
      message: '"abc" is not a number',
      code: 'request-not-number',
      path: 'frequency, row 3',
      row: 1,
    });
    const back = cross(e, 'apply-failed') as RemoteError;
    expect(back).toMatchObject({
      name: 'ModelError',
      code: 'request-not-number',
      path: 'frequency, row 3',
      row: 1,
    });
    const whole = cross(
      new ModelError('score-no-customers', '', 'no customer row'),
      'apply-failed',
    ) as RemoteError;
    expect([whole.path, whole.row]).toEqual(['', null]);
  });

  it("a client's rule for errors without facts replaces only that case (the data client's)", () => {
    const rule = {
      uncoded: (w: WireError) => new UserFacingError({ code: 'internal', detail: w.message, reading: true }),
    };
    const plain = fromWireError(toWireError(new RangeError('Invalid array length'), 'internal'), rule);
    expect(plain).toMatchObject({
      facts: { code: 'internal', detail: 'Invalid array length', reading: true },
    });
    const facts: AppErrorData = { code: 'nothing-kept', fileName: 'a.csv' };
    expect(fromWireError(toWireError(new UserFacingError(facts)), rule)).toMatchObject({ facts });
  });
});
