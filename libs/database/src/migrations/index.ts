import { InitialSchema1795626600000 } from './1795626600000-InitialSchema';

/** Listed explicitly so the built apps and tests run the same set, in order, without glob loading. */
export const migrations = [InitialSchema1795626600000];
