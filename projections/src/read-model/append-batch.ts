import type { Batch, BatchTarget, ProjectedEvent } from '../runtime/projection';
import { rowsToAppend, type Column } from './multi-row';

/**
 * The batch of a projection that appends one row per event it keeps (the audits, the requester
 * changes): each row is encoded as its event is added, so the batch holds no event.
 */
export const appendBatch =
  <Row extends ProjectedEvent>(
    table: string,
    columns: ReadonlyArray<Column<Row>>,
    keeps: (event: ProjectedEvent) => event is Row,
  ) =>
  (target: BatchTarget): Batch => {
    const rows = rowsToAppend(table, columns, target);
    return {
      add: (events) => {
        for (const event of events) if (keeps(event)) rows.add(event);
      },
      write: rows.write,
    };
  };
