import * as E from 'fp-ts/Either';
import { verifyChain, type ChainFinding } from '@helpdesk/event-store';
import { settingsOf } from '../runtime/settings';
import { openStores } from '../runtime/stores';

export const verifyChainUsage = 'helpdesk verify --chain   (or: helpdesk verify-chain)';

/** Where the command writes: a line of result on stdout, a line of progress on stderr. */
export interface VerifyChainOutput {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const processOutput: VerifyChainOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const at = (f: { streamName: string; revision: bigint; globalPosition: bigint; id: string }) =>
  `${f.streamName} revision ${f.revision} (position ${f.globalPosition}, event ${f.id})`;

/** A finding as one JSON line: what an auditor reads, and what a script can filter. */
const describe = (finding: ChainFinding): Record<string, unknown> => {
  switch (finding.kind) {
    case 'altered':
    case 'unchained':
    case 'out_of_order':
    case 'broken_link': {
      const place = {
        stream: finding.streamName,
        revision: Number(finding.revision),
        position: Number(finding.globalPosition),
        event_id: finding.id,
      };
      const message =
        finding.kind === 'altered'
          ? `${at(finding)} was altered: ${finding.reason}`
          : finding.kind === 'unchained'
            ? `${at(finding)} carries no chain: recorded before chaining, or its chain was removed`
            : finding.kind === 'out_of_order'
              ? `${at(finding)} comes where revision ${finding.expectedRevision} was due`
              : `${at(finding)} does not link to the event before it: it names ${finding.found}, that event's hash is ${finding.expected}`;
      return { finding: finding.kind, ...place, message };
    }
    case 'missing':
      return {
        finding: finding.kind,
        stream: finding.streamName,
        from_revision: Number(finding.from),
        to_revision: Number(finding.to),
        before_position: Number(finding.before),
        message: `${finding.streamName} lacks revisions ${finding.from} to ${finding.to}: removed from the store`,
      };
    case 'missing_positions':
      return {
        finding: finding.kind,
        count: Number(finding.count),
        gaps: finding.gaps.map((gap) => [Number(gap.from), Number(gap.to)]),
        message: `${finding.count} event(s) removed from the end of their stream: the log has holes at these positions`,
      };
    default: {
      const _exhaustive: never = finding;
      return _exhaustive;
    }
  }
};

const progressEveryMs = 1_000;

/**
 * `helpdesk verify --chain` (and `helpdesk verify-chain`): checks every event of the log against
 * its hash chain (docs/event-store.md, "Hash chain") and prints each event altered, each link
 * broken, each removed event, each event without a chain, one JSON line each, then a summary line.
 * Progress goes to stderr. Exit code 0 when the log is intact, 1 when anything was found, 2 for a
 * bad argument.
 */
export const verifyChainCommand = async (
  env: NodeJS.ProcessEnv,
  args: ReadonlyArray<string> = [],
  output: VerifyChainOutput = processOutput,
): Promise<number> => {
  const unknown = args.filter((arg) => arg !== '--chain');
  if (unknown.length > 0) {
    output.err(`unknown argument "${unknown[0]}"\nusage: ${verifyChainUsage}`);
    return 2;
  }
  const settings = settingsOf(env);
  const stores = await openStores(env, { readModelSchema: settings.readModelSchema, poolSize: 2 });
  try {
    const log = (msg: string, fields: Record<string, unknown>) =>
      output.err(JSON.stringify({ level: 'info', service: 'helpdesk', msg, ...fields }));
    log('verifying the hash chain of every event', { events: stores.description.events });
    let lastProgress = Date.now();
    const report = await verifyChain(stores.store, {
      // every PostgreSQL-backed store numbers positions without holes; EventStoreDB does not
      densePositions: !/^esdb/i.test(env['EVENT_STORE_URL']?.trim() ?? ''),
      onProgress: ({ events, position }) => {
        if (Date.now() - lastProgress < progressEveryMs) return;
        lastProgress = Date.now();
        log('events checked so far', { events, position: Number(position) });
      },
    })();
    if (E.isLeft(report))
      throw new Error(
        `could not read the event store: ${report.left.kind === 'StoreUnavailable' ? report.left.message : report.left.kind}`,
      );
    for (const finding of report.right.findings) output.out(JSON.stringify(describe(finding)));
    output.out(
      JSON.stringify({
        verified: 'chain',
        events: report.right.events,
        streams: report.right.streams,
        findings: report.right.findings.length,
      }),
    );
    return report.right.findings.length === 0 ? 0 : 1;
  } finally {
    await stores.close();
  }
};
