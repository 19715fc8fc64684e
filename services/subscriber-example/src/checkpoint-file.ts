import { readFile, rename, writeFile } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { Uuid, decodeWith } from '@helpdesk/events';
import { FollowFailed } from './followed-event';
import type { TallySnapshot } from './requester-tally';

/**
 * The tally and its position in one JSON file, replaced in one rename: a crash leaves either the
 * old file or the new one, never a position without the counts that go with it.
 */
const SavedTally = t.strict(
  {
    position: t.union([t.string, t.null]),
    requesters: t.array(t.tuple([Uuid, Uuid])),
  },
  'SavedTally',
);

const PositionText = /^\d{1,19}$/;

export const loadTally = async (path: string): Promise<TallySnapshot> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { position: undefined, requesters: [] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FollowFailed(`${path} is not JSON`);
  }
  const saved = decodeWith(SavedTally, `${path} is not a saved tally`)(json);
  if (E.isLeft(saved)) throw new FollowFailed(saved.left.message);
  const { position, requesters } = saved.right;
  if (position !== null && !PositionText.test(position))
    throw new FollowFailed(`${path}: position ${position} is not a global position`);
  return { position: position === null ? undefined : BigInt(position), requesters };
};

export const saveTally = async (path: string, snapshot: TallySnapshot): Promise<void> => {
  const saved: t.OutputOf<typeof SavedTally> = {
    position: snapshot.position === undefined ? null : snapshot.position.toString(),
    requesters: snapshot.requesters.map(([ticket, requester]) => [ticket, requester]),
  };
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(saved));
  await rename(temporary, path);
};
