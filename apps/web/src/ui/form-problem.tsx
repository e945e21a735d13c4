import { ProblemError } from '../api/client';

/** `{ field: message }` of a refused write, for showing each beside its field ({} for anything else). */
export const fieldErrors = (error: unknown): Record<string, string> => (error instanceof ProblemError ? error.fieldErrors : {});

/** Field errors go beside their fields; anything else (a 409, a wrong password, throttling) shows here. */
export function FormProblem({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = error instanceof ProblemError ? Object.keys(error.fieldErrors).length : 0;
  if (fields > 0) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {error instanceof Error ? error.message : 'Something went wrong'}
    </p>
  );
}
