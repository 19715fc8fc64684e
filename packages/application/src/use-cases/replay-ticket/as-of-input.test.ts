import * as E from 'fp-ts/Either';
import { AsOfInput } from './as-of-input';

describe('as_of, a revision or a time', () => {
  it.each([
    ['0', { kind: 'revision', revision: 0n }],
    ['42', { kind: 'revision', revision: 42n }],
    ['2024-03-01T09:30:00Z', { kind: 'time', time: '2024-03-01T09:30:00.000Z' }],
    ['2024-03-01T10:30:00.25+01:00', { kind: 'time', time: '2024-03-01T09:30:00.250Z' }],
    ['2024-03-01T09:30:00.123456Z', { kind: 'time', time: '2024-03-01T09:30:00.123456Z' }],
  ])('reads %j', (input, expected) => {
    expect(AsOfInput.decode(input)).toEqual(E.right(expected));
    expect(AsOfInput.is(expected)).toBe(true);
  });

  it.each([
    '-1',
    '1.5',
    '1e3',
    '',
    'head',
    'yesterday',
    '2024-03-01',
    '2024-03-01T09:30:00',
    '2024-13-01T09:30:00Z',
    '9999999999999999',
  ])('refuses %j', (input) => {
    expect(E.isLeft(AsOfInput.decode(input))).toBe(true);
  });

  it('refuses what is not one string', () => {
    expect(E.isLeft(AsOfInput.decode(3))).toBe(true);
    expect(E.isLeft(AsOfInput.decode(['1', '2']))).toBe(true);
  });
});
