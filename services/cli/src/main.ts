#!/usr/bin/env node
import { runDemo } from './commands/demo';

const usage = `helpdesk <command>

commands:
  demo    run a short help-desk scenario through the application layer and print the event log
          (on the embedded store under HELPDESK_DATA_DIR, or the store EVENT_STORE_URL names)
`;

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const [command] = argv;
  switch (command) {
    case 'demo':
      return runDemo(process.env);
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
    process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: String(error) })}\n`);
    process.exitCode = 1;
  },
);
