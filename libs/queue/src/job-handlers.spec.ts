import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { JobHandlerCoverageError, JobHandlerRegistry, OnJob } from './job-handlers';
import { JobData, JobName } from './jobs';

@Injectable()
class SendProcessor {
  readonly seen: string[] = [];

  @OnJob(JobName.NotificationsSend)
  async send({ notificationId }: JobData<JobName.NotificationsSend>): Promise<void> {
    this.seen.push(notificationId);
  }

  notAHandler(): void {}
}

@Injectable()
class AnotherSendProcessor {
  @OnJob(JobName.NotificationsSend)
  async sendToo(): Promise<void> {}
}

async function registryWith(
  ...providers: Array<new (...args: never[]) => unknown>
): Promise<JobHandlerRegistry & { instance: <T>(type: new (...args: never[]) => T) => T }> {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [JobHandlerRegistry, ...providers] }).compile();
  return Object.assign(moduleRef.get(JobHandlerRegistry), { instance: <T>(type: new (...args: never[]) => T) => moduleRef.get(type) });
}

describe(JobHandlerRegistry.name, () => {
  it('finds @OnJob methods and reports which job names have a handler and which have none yet', async () => {
    // Prepare
    const registry = await registryWith(SendProcessor);

    // Act
    registry.discover();
    registry.discover();

    // Assert
    const { handled, missing } = registry.coverage();
    expect(handled).toEqual([JobName.NotificationsSend]);
    expect(missing).toHaveLength(Object.values(JobName).length - 1);
    expect(missing).not.toContain(JobName.NotificationsSend);
  });

  it('calls the handler bound to its provider', async () => {
    const registry = await registryWith(SendProcessor);
    registry.discover();

    await registry.get(JobName.NotificationsSend)?.({ notificationId: 'n-1' } as never, {} as never);

    expect(registry.instance(SendProcessor).seen).toEqual(['n-1']);
    expect(registry.get(JobName.RenewalsScan)).toBeUndefined();
  });

  it('refuses two handlers for one job name, naming both', async () => {
    const registry = await registryWith(SendProcessor, AnotherSendProcessor);
    registry.discover();

    expect(() => registry.assertEachHandledOnce()).toThrow(JobHandlerCoverageError);
    expect(() => registry.assertEachHandledOnce()).toThrow(/notifications\.send \(SendProcessor\.send, AnotherSendProcessor\.sendToo\)/);
  });

  it('takes programmatic registrations and counts them in the duplicate check', async () => {
    const registry = await registryWith(SendProcessor);
    registry.register(JobName.RollupsRelationship, async () => undefined, 'RollupsProcessor');
    registry.register(JobName.NotificationsSend, async () => undefined, 'Other');
    registry.discover();

    expect(registry.coverage().handled).toEqual([JobName.NotificationsSend, JobName.RollupsRelationship]);
    expect(() => registry.assertEachHandledOnce()).toThrow(/Other/);
    expect(() => registry.register('nope' as JobName, async () => undefined)).toThrow(/Unknown job name "nope"/);
  });

  it('refuses a job name without a handler, naming it, and passes once each has exactly one', async () => {
    const registry = await registryWith(SendProcessor);
    registry.discover();
    const others = Object.values(JobName).filter((name) => name !== JobName.NotificationsSend);

    expect(() => registry.assertEachHandledOnce()).toThrow(new RegExp(`found no handler for: ${others.join(', ').replace(/\./g, '\\.')}$`));
    for (const name of others) registry.register(name, async () => undefined, 'Processor');
    expect(() => registry.assertEachHandledOnce()).not.toThrow();
  });
});
