import * as E from 'fp-ts/Either';
import { sendDue, type SendDueDeps } from './send-due';

export interface MailSenderOptions extends SendDueDeps {
  /** the pause when nothing is due; 1 s when absent */
  readonly pollMs?: number;
}

export interface MailSender {
  /** stops after the mail being sent; mails claimed but not tried yet are given back */
  readonly stop: () => Promise<void>;
}

const pause = (signal: AbortSignal, ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The worker's mail sender: passes over the outbox until stopped, at once again after a full
 * batch, after `pollMs` otherwise. Several senders (workers) may run on one outbox: their claims
 * never overlap.
 */
export const startMailSender = (options: MailSenderOptions): MailSender => {
  const controller = new AbortController();
  const { signal } = controller;
  const batchSize = options.batchSize ?? 20;
  const pollMs = options.pollMs ?? 1000;
  const loop = (async () => {
    while (!signal.aborted) {
      let full = false;
      try {
        const pass = await sendDue(options, () => signal.aborted);
        if (E.isLeft(pass))
          options.logger.error('the outbox could not be read; trying again', {
            error: pass.left.kind === 'StoreUnavailable' ? pass.left.message : pass.left.kind,
          });
        else full = pass.right.claimed === batchSize;
      } catch (error) {
        options.logger.error('the mail sender failed; trying again', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      if (!full) await pause(signal, pollMs);
    }
  })();
  return {
    stop: async () => {
      controller.abort();
      await loop;
      options.transport.close();
    },
  };
};
