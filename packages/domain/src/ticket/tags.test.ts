import * as E from 'fp-ts/Either';
import type { TicketEvent } from '@helpdesk/events';
import { decodeWith } from '@helpdesk/events';
import { specification } from '../testing/specification';
import { TicketCommand, type AddTicketTag } from './commands';
import { ticketDecider } from './decider';
import { agent, archived, closed, ids, system, ticketCreated } from './fixtures';

const { given } = specification(ticketDecider);

const addTag = (tag: string): AddTicketTag => ({
  type: 'AddTicketTag',
  ticketId: ids.ticket,
  actor: system,
  tag,
});
const tagAdded = (tag: string): TicketEvent => ({
  type: 'TicketTagAdded',
  data: { ticket_id: ids.ticket, tag },
});

describe("R6.5 a trigger's add_tag action tags the ticket", () => {
  it('adds the tag, normalised', () =>
    given(ticketCreated()).when(addTag('  Portal Access ')).then(tagAdded('portal_access')));

  it('adds a tag once: a replayed action changes nothing', () =>
    given(ticketCreated(), tagAdded('vip')).when(addTag('VIP')).thenNothingHappens());

  it('keeps every tag in the state', () => {
    const result = given(ticketCreated(), tagAdded('vip'))
      .when({ ...addTag('urgent'), actor: agent })
      .result();
    expect(result).toEqual(E.right([tagAdded('urgent')]));
  });

  it('refuses a blank tag', () => given(ticketCreated()).when(addTag('   ')).thenRefuses('R6.5'));

  it('a missing ticket is not found', () => given().when(addTag('vip')).thenNotFound());
});

describe('R1.5 nobody tags a closed or archived ticket', () => {
  it('refuses on a closed ticket', () =>
    given(ticketCreated(), ...closed)
      .when(addTag('vip'))
      .thenRefuses('R1.5'));

  it('refuses on an archived ticket', () =>
    given(ticketCreated(), ...archived)
      .when(addTag('vip'))
      .thenRefuses('R1.5'));
});

describe('decoding AddTicketTag', () => {
  const decode = decodeWith(TicketCommand, 'invalid ticket command');

  it('normalises the tag', () =>
    expect(decode({ ...addTag('x'), tag: ' New  Customer ' })).toEqual(
      E.right(addTag('new_customer')),
    ));

  it('reports a blank tag by its path', () => {
    const result = decode({ ...addTag('x'), tag: '  ' });
    expect(E.isLeft(result) && result.left.issues.map((i) => i.path)).toContain('tag');
  });
});
