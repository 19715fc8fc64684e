import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventsDocument } from './events-doc';

/** `pnpm --silent docs:events`: writes `docs/events.md` (or the path given) from `eventCatalog`. */
writeFileSync(resolve(process.argv[2] ?? 'docs/events.md'), eventsDocument());
