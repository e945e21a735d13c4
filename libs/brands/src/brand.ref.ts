/** A brand as other contexts' lists name it, so a client needs no second call to show who is who. */
export interface BrandRef {
  id: string;
  name: string;
}

/**
 * SQL for the BrandRef of the brand whose id is `idSql`, as one JSON value: a scalar subquery on the
 * primary key, so a list that selects it stays one statement (no N+1).
 */
export const brandRefSql = (idSql: string): string =>
  `(SELECT json_build_object('id', br.id, 'name', br.name) FROM brands br WHERE br.id = ${idSql})`;
