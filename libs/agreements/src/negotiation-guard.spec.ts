import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '@lib/common';
import { AgreementVersionEntity, VersionStatus } from './agreement.entities';
import { NegotiationService } from './negotiation.service';

describe('NegotiationService never changes an executed version', () => {
  it('refuses with EXECUTED_VERSION_IMMUTABLE before touching the database', async () => {
    const service = new NegotiationService({} as DataSource, {} as never, {} as never, {} as never, {} as never);
    const save = jest.fn();
    const version = Object.assign(new AgreementVersionEntity(), { status: VersionStatus.EXECUTED, versionNumber: 2 });
    const attempt = (
      service as unknown as {
        setVersionStatus(m: EntityManager, v: AgreementVersionEntity, s: VersionStatus): Promise<void>;
      }
    ).setVersionStatus({ save } as unknown as EntityManager, version, VersionStatus.SUPERSEDED);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'EXECUTED_VERSION_IMMUTABLE' });
    expect(save).not.toHaveBeenCalled();
  });
});
