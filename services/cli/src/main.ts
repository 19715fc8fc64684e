#!/usr/bin/env node
import { accountCreateUsage, runAccountCreate } from './commands/account-create';
import { runDemo } from './commands/demo';
import { runMigrate } from './commands/migrate';
import { rebuildUsage, runRebuild } from './commands/rebuild';
import { replayUsage, runReplay } from './commands/replay';
import { runServe } from './commands/serve';
import { runVerify, verifyUsage } from './commands/verify';
import { verifyChainCommand } from './commands/verify-chain';

const usage = `helpdesk <command>

commands:
  serve           run the HTTP API, the projections and the process managers in one process, on
                  PORT (3000), until SIGTERM or SIGINT; --smtp-port N also receives mail for
                  support+<account id>@HELPDESK_MAIL_DOMAIN (localhost) over SMTP
  migrate         create or update every table (event store, read models, credentials, API)
  account create  open an account and print its owner's API token (shown once):
                  ${accountCreateUsage}
  rebuild         rebuild read models from the log into fresh tables and swap them in, while the
                  old ones keep serving reads: ${rebuildUsage}
  demo            run a short help-desk scenario through the application layer and print the event log
  replay          a ticket's state and history folded straight from the event store, as JSON:
                  ${replayUsage}
  verify          replay every ticket and compare it with the tickets read model; list each
                  difference (exit 1): ${verifyUsage}
  verify-chain    check every event against its hash chain; list each event altered or removed (exit 1)

Where data lives: the embedded PostgreSQL under HELPDESK_DATA_DIR (./.helpdesk) by default;
DATABASE_URL (postgres://…) for the read models, and the events too unless EVENT_STORE_URL
(postgres://…, esdb://…) names another store. HELPDESK_OPERATOR_TOKEN enables POST /api/v2/accounts.
`;

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServe(process.env, rest);
    case 'migrate':
      return runMigrate(process.env);
    case 'account':
      if (rest[0] === 'create') return runAccountCreate(process.env, rest.slice(1));
      process.stderr.write(`usage: ${accountCreateUsage}\n`);
      return 2;
    case 'rebuild':
      return runRebuild(process.env, rest);
    case 'demo':
      return runDemo(process.env);
    case 'replay':
      return runReplay(process.env, rest);
    case 'verify':
      return runVerify(process.env, rest);
    case 'verify-chain':
      return verifyChainCommand(process.env, rest);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(usage);
      return 0;
    default:
      process.stderr.write(`unknown command "${command}"\n\n${usage}`);
      return 2;
  }
};

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', service: 'helpdesk', msg: error instanceof Error ? error.message : String(error) })}\n`,
    );
    process.exitCode = 1;
  },
);
