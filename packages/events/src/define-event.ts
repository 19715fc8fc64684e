import type * as t from 'io-ts';
import { strict } from './codecs';
import type { StreamCategory } from './streams';

/** One event type of the published contract: its name, its stream category and its data codec. */
export interface EventDefinition<T extends string, D extends t.Mixed> {
  readonly type: T;
  readonly category: StreamCategory;
  readonly schemaVersion: number;
  readonly description: string;
  readonly data: D;
}

/** The TypeScript shape of an event as the domain sees it: its type and its decoded data. */
export type EventOf<Def> =
  Def extends EventDefinition<infer T, infer D>
    ? { readonly type: T; readonly data: t.TypeOf<D> }
    : never;

export const defineEvent = <T extends string, P extends t.Props>(
  type: T,
  category: StreamCategory,
  description: string,
  props: P,
  schemaVersion = 1,
): EventDefinition<T, t.ExactC<t.TypeC<P>>> => ({
  type,
  category,
  schemaVersion,
  description,
  data: strict(props, `${type}.data`),
});
