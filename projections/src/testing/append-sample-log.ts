import * as E from 'fp-ts/Either';
import type { EventStore } from '@helpdesk/event-store';
import { sampleLog, type SampleLogOptions } from './sample-log';

/** Appends a sample log with multi-stream appends; resolves to the number of events appended. */
export const appendSampleLog = async (
  store: Pick<EventStore, 'appendMany'>,
  options: SampleLogOptions,
): Promise<number> => {
  let appended = 0;
  for (const chunk of sampleLog(options)) {
    const outcomes = await store.appendMany(chunk)();
    const failed = outcomes.find(E.isLeft);
    if (failed !== undefined)
      throw new Error(`appending the sample log failed: ${JSON.stringify(failed.left)}`);
    appended += chunk.reduce((sum, request) => sum + request.events.length, 0);
  }
  return appended;
};
