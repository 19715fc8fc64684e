import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { integrationDecider } from '@helpdesk/domain';
import { streams } from '@helpdesk/events';
import { loadStream } from '../command/load-stream';
import { integrationReauthorizationProcess } from '../process-managers/owner-transfer/integration-reauthorization';
import { toProcessEvent } from '../process-managers/process-event';
import { authorizeIntegration, connectIntegration } from './integrations';
import { transferOwnership } from './transfer-ownership';
import { failure, forbidden, notFound, openDesk, run } from './use-case.fixtures';

const quiet = { info: () => undefined, error: () => undefined };

describe('R4.5 integrations authorised by the owner', () => {
  it('only the owner connects one; another account’s integration is not found', async () => {
    const desk = await openDesk();
    const admin = desk.callerAs(await desk.addUser('Ada', 'admin'), 'admin');
    expect(await failure(connectIntegration(desk.deps, admin, 'CRM'))).toEqual(forbidden);
    const created = await run(connectIntegration(desk.deps, desk.owner, 'CRM'));
    expect(created.state).toMatchObject({ status: 'active', authorizedById: desk.opened.ownerId });
    const stranger = { ...desk.owner, accountId: '00000000-0000-4000-8000-000000000009' };
    expect(await failure(authorizeIntegration(desk.deps, stranger, created.state!.id))).toEqual(
      notFound,
    );
  });

  it('on OwnerTransferred the process stops those the previous owner authorised, once; the new owner authorises again', async () => {
    const desk = await openDesk();
    const adaId = await desk.addUser('Ada', 'admin');
    const crm = (await run(connectIntegration(desk.deps, desk.owner, 'CRM'))).state!.id;
    const transferred = await run(transferOwnership(desk.deps, desk.owner, adaId));
    const recorded = transferred.events[0]!;
    const event = toProcessEvent(recorded);
    if (E.isLeft(event)) throw new Error('undecodable');
    const process = integrationReauthorizationProcess({
      ...desk.deps,
      integrations: { idsOf: () => TE.right([crm]) },
      caughtUp: () => TE.right(undefined),
      logger: quiet,
    });
    await run(process.handle([event.right]));
    await run(process.handle([event.right]));
    const stream = await run(
      loadStream(desk.deps.eventStore, integrationDecider, streams.integration(crm)),
    );
    expect(stream.state).toMatchObject({ status: 'reauthorization_required' });
    expect(stream.revision).toBe(1n);
    const read = await desk.deps.eventStore.readStream(streams.integration(crm))();
    expect(E.isRight(read) && read.right[1]!.metadata).toMatchObject({
      actor: { type: 'system' },
      causation_id: recorded.id,
      via: { rel: 'owner_transferred' },
    });
    // the previous owner may no longer; the new one may
    expect(await failure(authorizeIntegration(desk.deps, desk.owner, crm))).toEqual(forbidden);
    const ada = desk.callerAs(adaId, 'admin');
    const authorized = await run(authorizeIntegration(desk.deps, ada, crm));
    expect(authorized.state).toMatchObject({ status: 'active', authorizedById: adaId });
  });
});
