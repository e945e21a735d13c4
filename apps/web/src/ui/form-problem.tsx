import { ProblemError } from '../api/client';

/** `{ field: message }` of a refused write, for showing each message beside its field (problem+json `errors`). */
export const fieldErrors = (error: unknown): Record<string, string> => (error instanceof ProblemError ? error.fieldErrors : {});

/**
 * What a refused write says that no field shows: the whole message when the API named no field (wrong
 * password, 409, throttled), or, given the fields the form `shows`, those it named that have no input.
 */
export function FormProblem({ error, shows }: { error: unknown; shows?: string[] }) {
  if (!error) return null;
  const named = Object.entries(fieldErrors(error));
  const beside = (field: string) => !shows || shows.some((s) => field === s || field.startsWith(`${s}[`) || field.startsWith(`${s}.`));
  const elsewhere = named.filter(([field]) => !beside(field));
  if (named.length > 0 && elsewhere.length === 0) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {elsewhere.length > 0
        ? elsewhere.map(([field, message]) => `${field}: ${message}`).join('; ')
        : error instanceof Error
          ? error.message
          : 'Something went wrong'}
    </p>
  );
}
