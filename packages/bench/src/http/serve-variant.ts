import { servers, type Variant } from './servers';

// `pnpm bench http` runs this in a child process: `<variant> <port>`; it says `listening` when ready
const [variant, port] = process.argv.slice(2);
const make = servers[variant as Variant];
if (make === undefined || port === undefined) throw new Error(`usage: <variant> <port>`);
make().listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
