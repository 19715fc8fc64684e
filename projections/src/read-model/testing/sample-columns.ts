import { column } from '../multi-row';

/** A row of every kind of column the multi-row statements and the binary COPY write. */
export interface SampleRow {
  readonly id: string;
  readonly note: string | null;
  readonly doc: unknown;
  readonly n: bigint;
  readonly at: string | null;
  readonly flag: boolean | null;
}

export const sampleColumns = [
  column<SampleRow>('id', 'uuid', (r) => r.id),
  column<SampleRow>('note', 'text', (r) => r.note),
  column<SampleRow>('doc', 'jsonb', (r) => r.doc),
  column<SampleRow>('n', 'bigint', (r) => r.n),
  column<SampleRow>('at', 'timestamptz', (r) => r.at),
  column<SampleRow>('flag', 'boolean', (r) => r.flag),
];
