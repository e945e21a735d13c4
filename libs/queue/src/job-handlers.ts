import { Injectable, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job } from 'bullmq';
import { JobData, JobName } from './jobs';

/**
 * A job handler receives the payload (ids only) and the BullMQ job. It re-reads its rows and returns
 * without error when they are gone or already done; a thrown error makes BullMQ retry with backoff.
 */
export type JobHandler<N extends JobName = JobName> = (data: JobData<N>, job: Job<JobData<N>, unknown, N>) => Promise<unknown>;

const ON_JOB = 'acrm:on-job';

/**
 * Marks a provider method as THE handler of one job name (Immich's `@OnJob`). The compiler checks the
 * method's payload type against the job's. Providers of any module imported by the worker are found.
 *
 *   @OnJob(JobName.NotificationsSend)
 *   async send({ notificationId }: JobData<JobName.NotificationsSend>) { ... }
 */
export function OnJob<N extends JobName>(name: N) {
  return <T extends JobHandler<N>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    SetMetadata(ON_JOB, name)(target, key, descriptor);
  };
}

export class JobHandlerCoverageError extends Error {
  constructor(
    readonly duplicates: Array<{ name: JobName; owners: string[] }>,
    readonly missing: JobName[],
  ) {
    super(
      [
        duplicates.length && `found several handlers for: ${duplicates.map((d) => `${d.name} (${d.owners.join(', ')})`).join('; ')}`,
        missing.length && `found no handler for: ${missing.join(', ')}`,
      ]
        .filter(Boolean)
        .join('; ')
        .replace(/^/, 'Each job name needs exactly one handler; '),
    );
    this.name = 'JobHandlerCoverageError';
  }
}

interface Registration {
  name: JobName;
  owner: string;
  handle: JobHandler;
  source?: unknown;
}

export interface JobHandlerCoverage {
  handled: JobName[];
  missing: JobName[];
}

/** Job name → handler. Filled from `@OnJob` methods at worker start, or by `register()` in an onModuleInit. */
@Injectable()
export class JobHandlerRegistry {
  private readonly registrations: Registration[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  register<N extends JobName>(name: N, handle: JobHandler<N>, owner = 'anonymous'): void {
    this.add({ name, owner, handle: handle as unknown as JobHandler });
  }

  /** Collects every `@OnJob` method of the application's providers (idempotent). */
  discover(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(ON_JOB, fn as (...args: unknown[]) => unknown);
        if (!name) continue;
        this.add({ name, owner: `${instance.constructor.name}.${method}`, handle: (fn as JobHandler).bind(instance), source: fn });
      }
    }
  }

  /**
   * The startup check: two handlers for one job name would run each job twice, and a job name with none
   * would wait in its queue forever (or, sharing a queue with handled jobs, fail as unknown): either stops the worker.
   */
  assertEachHandledOnce(): void {
    const duplicates = Object.values(JobName)
      .map((name) => ({ name, owners: this.registrations.filter((r) => r.name === name).map((r) => r.owner) }))
      .filter((d) => d.owners.length > 1);
    const { missing } = this.coverage();
    if (duplicates.length || missing.length) throw new JobHandlerCoverageError(duplicates, missing);
  }

  coverage(): JobHandlerCoverage {
    const names = Object.values(JobName);
    const handled = new Set(this.registrations.map((r) => r.name));
    return { handled: names.filter((n) => handled.has(n)), missing: names.filter((n) => !handled.has(n)) };
  }

  get(name: string): JobHandler | undefined {
    return this.registrations.find((r) => r.name === name)?.handle;
  }

  private add(registration: Registration): void {
    if (!(Object.values(JobName) as string[]).includes(registration.name))
      throw new Error(`Unknown job name "${registration.name}" (${registration.owner})`);
    // The same method seen twice (discover() called again, or its class provided by two modules) is one
    // handler, not a duplicate: the worker calls one of them per job either way.
    const known = this.registrations.some(
      (r) => r.name === registration.name && r.source !== undefined && r.source === registration.source,
    );
    if (!known) this.registrations.push(registration);
  }
}
