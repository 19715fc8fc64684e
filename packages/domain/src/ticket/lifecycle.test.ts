import { specification } from '../testing/specification';
import { ticketDecider } from './decider';
import {
  archiveTicket,
  archived,
  changeStatus,
  changeSubject,
  closed,
  ids,
  statusChanged,
  ticketCreated,
} from './fixtures';

const { given } = specification(ticketDecider);

describe("a ticket's status", () => {
  it('moves between working statuses', () =>
    given(ticketCreated(), statusChanged('new', 'open'))
      .when(changeStatus('pending'))
      .then(statusChanged('open', 'pending')));

  it('reopens a solved ticket', () =>
    given(ticketCreated({ status: 'solved' }))
      .when(changeStatus('open'))
      .then(statusChanged('solved', 'open')));

  it('closes a ticket', () =>
    given(ticketCreated({ status: 'solved' }))
      .when(changeStatus('closed'))
      .then(statusChanged('solved', 'closed')));

  it('changes nothing when the status is already that one', () =>
    given(ticketCreated({ status: 'hold' }))
      .when(changeStatus('hold'))
      .thenNothingHappens());

  it('a ticket that does not exist is not found', () =>
    given().when(changeStatus('open')).thenNotFound());
});

describe('R1.5 agents cannot change the status of a closed or archived ticket', () => {
  it('refuses to reopen a closed ticket', () =>
    given(ticketCreated(), ...closed)
      .when(changeStatus('open'))
      .thenRefuses('R1.5'));

  it('refuses on an archived ticket', () =>
    given(ticketCreated(), ...archived)
      .when(changeStatus('solved'))
      .thenRefuses('R1.5'));

  it('settled with R1.5: a ticket never returns to new', () =>
    given(ticketCreated({ status: 'open' }))
      .when(changeStatus('new'))
      .thenRefuses('R1.5'));
});

describe('R1.5 a closed ticket may be archived, never reversed', () => {
  it('archives a closed ticket', () =>
    given(ticketCreated(), ...closed)
      .when(archiveTicket)
      .then({ type: 'TicketArchived', data: { ticket_id: ids.ticket } }));

  it('refuses to archive a ticket that is not closed', () =>
    given(ticketCreated({ status: 'solved' }))
      .when(archiveTicket)
      .thenRefuses('R1.5'));

  it('archiving twice changes nothing', () =>
    given(ticketCreated(), ...archived)
      .when(archiveTicket)
      .thenNothingHappens());

  it('a ticket that does not exist is not found', () => given().when(archiveTicket).thenNotFound());
});

describe("a ticket's subject", () => {
  it('changes', () =>
    given(ticketCreated())
      .when(changeSubject('Printer still on fire'))
      .then({
        type: 'TicketSubjectChanged',
        data: {
          ticket_id: ids.ticket,
          previous_subject: 'Printer on fire',
          subject: 'Printer still on fire',
        },
      }));

  it('changes nothing when it is the same', () =>
    given(ticketCreated()).when(changeSubject('Printer on fire')).thenNothingHappens());

  it('R1.5 is not changed on a closed ticket', () =>
    given(ticketCreated(), ...closed)
      .when(changeSubject('Other'))
      .thenRefuses('R1.5'));
});
