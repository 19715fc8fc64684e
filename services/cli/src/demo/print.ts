import type { AppError } from '@helpdesk/application';
import type { RecordedEvent } from '@helpdesk/event-store';
import type { Names } from './scenario';

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Replaces the ids the scenario named by their names; others are shortened. */
export const withNames = (text: string, names: Names): string =>
  text.replace(uuidPattern, (id) => names.get(id) ?? `${id.slice(0, 8)}…`);

export const describeError = (error: AppError): string => {
  switch (error.kind) {
    case 'DomainRefusal':
      return 'rule' in error.error && error.error.rule !== null
        ? `refused (${error.error.rule}): ${error.error.message}`
        : `refused: ${error.error.message}`;
    case 'CompensationFailed':
      return `${describeError(error.error)} (and undoing its first steps failed)`;
    case 'CorruptStream':
    case 'InvalidEvent':
      return `${error.kind}: ${error.error.message}`;
    case 'StoreUnavailable':
      return `the event store is unavailable: ${error.message}`;
    default:
      return `${error.kind} on ${error.streamName}`;
  }
};

/** One line per event: position, stream, type, data, and why when it was not the actor's own wish. */
export const eventLine = (event: RecordedEvent, names: Names): string => {
  const metadata = event.metadata as {
    via?: { rel?: string | null };
    actor?: { type: string; id: string | null };
  };
  const rel = metadata.via?.rel ? `  [rel ${metadata.via.rel}]` : '';
  const actor = metadata.actor ? ` by ${metadata.actor.id ?? metadata.actor.type}` : '';
  // a claim stream's name is a hash: its kind says enough
  const stream = event.streamName.startsWith('claim-')
    ? event.streamName.split('-').slice(0, 2).join('-')
    : withNames(event.streamName, names);
  return `${String(event.globalPosition).padStart(6)}  ${stream.padEnd(28)} ${event.type.padEnd(28)} ${withNames(`${JSON.stringify(event.data)}${actor}${rel}`, names)}`;
};
