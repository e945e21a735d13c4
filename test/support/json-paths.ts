/** Paths (`socialAccounts[0]`, `overrides`) of the objects nested in a JSON body; an array counts by its first item. */
export function nestedObjectPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value))
    return value.length && typeof value[0] === 'object' && value[0] !== null ? nestedObjectPaths(value[0], `${path}[0]`) : [];
  if (typeof value !== 'object' || value === null) return [];
  const own = path ? [path] : [];
  return [...own, ...Object.entries(value).flatMap(([key, inner]) => nestedObjectPaths(inner, path ? `${path}.${key}` : key))];
}

/** A copy of `body` with `field` set on the object at `path` (as nestedObjectPaths names it). */
export function setAtPath(body: Record<string, unknown>, path: string, field: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const target = path
    .split(/\.|(?=\[)/)
    .reduce<Record<string, unknown>>(
      (node, step) =>
        (step.startsWith('[') ? (node as unknown as unknown[])[Number(step.slice(1, -1))] : node[step]) as Record<string, unknown>,
      copy,
    );
  target[field] = value;
  return copy;
}
