import { AsyncLocalStorage } from 'node:async_hooks';
import { Role } from './roles';

/** Who is acting. Filled by the auth guard (HTTP) or by a job handler (worker). */
export interface Actor {
  workspaceId: string;
  role: Role;
  userId?: string;
  apiKeyId?: string;
}

interface Store {
  actor?: Actor;
}

const storage = new AsyncLocalStorage<Store>();

/**
 * The tenant of the current request or job. The store is created empty per request by middleware and
 * mutated by the guard, because a guard cannot wrap the handler in `run()`.
 */
export const RequestContext = {
  run<T>(fn: () => T, actor?: Actor): T {
    return storage.run({ actor }, fn);
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
