import { Client } from 'pg';

/** A database of its own on the server of `serverUrl`, dropped afterwards: every run starts empty. */
export const freshDatabase = async (serverUrl: string, bench: string) => {
  const name = `helpdesk_bench_${bench}_${process.pid}_${Date.now()}`;
  const run = async (sql: string) => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
};
