import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

/** The workspace's brands (a workspace has a few: one page of 200), for headlines, filters and forms. */
export const brandsQuery = queryOptions({
  queryKey: ['brands'],
  queryFn: () => unwrap(api.GET('/v1/brands', { params: { query: { limit: 200 as never } } })),
});

export const useBrands = () => useQuery(brandsQuery);
