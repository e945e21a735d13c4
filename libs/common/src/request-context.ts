import { AsyncLocalStorage } from 'node:async_hooks';
import { Role } from './roles';

/** Who is acting. Filled by the auth guard (HTTP) or by a job handler (worker). */
export interface Actor {
  workspaceId: string;
  role: Role;
  userId?: string;
  apiKeyId?: string;
  /** An ambassador signed into the portal (libs/portal): reads only their own, acts on their own deliverables and terms. */
  influencerId?: string;
}

interface Store {
  actor?: Actor;
  /** A read-only request (GET, HEAD): its lag-tolerant reads may go to a read replica. */
  laggingReads?: boolean;
}

const storage = new AsyncLocalStorage<Store>();

/**
 * The tenant of the current request or job. The store is created empty per request by middleware and
 * mutated by the guard, because a guard cannot wrap the handler in `run()`.
 */
export const RequestContext = {
  run<T>(fn: () => T, actor?: Actor, options: { laggingReads?: boolean } = {}): T {
    return storage.run({ actor, ...options }, fn);
  },
  /** Whether this is a read-only request, whose lag-tolerant reads may use a replica (never in a job). */
  laggingReadsAllowed(): boolean {
    return storage.getStore()?.laggingReads === true;
  },
  setActor(actor: Actor): void {
    const store = storage.getStore();
    if (!store) throw new Error('RequestContext.setActor outside RequestContext.run');
    store.actor = actor;
  },
  maybeActor(): Actor | undefined {
    return storage.getStore()?.actor;
  },
  actor(): Actor {
    const actor = storage.getStore()?.actor;
    if (!actor) throw new Error('No actor: workspace-scoped code ran outside an authenticated request or job');
    return actor;
  },
  workspaceId(): string {
    return RequestContext.actor().workspaceId;
  },
};
