import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { influencerViewTierValues, socialAccountViewPlatformValues } from '../../api/enums';
import { Card } from '../../ui/card';
import { Pager } from '../../ui/pager';
import { FilterSelect } from '../../ui/select';
import { SearchForm } from '../../ui/search-form';
import { QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';
import { useCanWrite } from '../session';
import { useUrlState } from '../url-state';

type Influencer = Schemas['InfluencerView'];
export type Platform = Schemas['SocialAccountView']['platform'];
type Tier = Influencer['tier'];

export const platforms = socialAccountViewPlatformValues;
const tiers = influencerViewTierValues;
const PAGE_SIZE = 50;

const followers = (n: number) => new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(n);

/** The workspace's influencers: tier, platform and text filters plus the page cursor, all in the address. */
export function InfluencersPage() {
  useTitle('Influencers');
  const canWrite = useCanWrite();
  const [params, set] = useUrlState();
  const tier = (params.get('tier') as Tier | null) ?? undefined;
  const platform = (params.get('platform') as Platform | null) ?? undefined;
  const q = params.get('q') ?? undefined;
  const cursor = params.get('cursor') ?? undefined;
  const list = useQuery({
    queryKey: ['influencers', tier, platform, q, cursor],
    queryFn: () => unwrap(api.GET('/v1/influencers', { params: { query: { tier, platform, q, cursor, limit: PAGE_SIZE as never } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center justify-between">
        <h1 className="text-lg font-semibold">Influencers</h1>
        {canWrite && (
          <div className="flex gap-2">
            <Link
              className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium hover:bg-slate-50"
              to="/influencers/import"
            >
              Import CSV
            </Link>
            <Link className="rounded-md bg-indigo-600 px-2.5 py-1 text-sm font-medium text-white hover:bg-indigo-700" to="/influencers/new">
              New influencer
            </Link>
          </div>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <SearchForm value={q} placeholder="Name, email or handle" onSearch={(text) => set({ q: text })} />
        <FilterSelect label="Tier" any="Any tier" value={tier} options={tiers} onChange={(t) => set({ tier: t })} />
        <FilterSelect label="Platform" any="Any platform" value={platform} options={platforms} onChange={(p) => set({ platform: p })} />
      </div>
      <Card title="Influencers">
        <QueryState
          query={list}
          what="influencers"
          isEmpty={(l) => l.data.length === 0}
          empty={
            q || tier || platform ? (
              'No influencer matches these filters.'
            ) : (
              <>
                No influencers yet.{' '}
                {canWrite && (
                  <>
                    <Link className="text-indigo-700 underline" to="/influencers/new">
                      Add one
                    </Link>{' '}
                    or{' '}
                    <Link className="text-indigo-700 underline" to="/influencers/import">
                      import a CSV file
                    </Link>
                    .
                  </>
                )}
              </>
            )
          }
        >
          {(l) => (
            <>
              <Table
                caption="Influencers"
                head={
                  <>
                    <Th>Name</Th>
                    <Th>Accounts</Th>
                    <Th>Tier</Th>
                    <Th num>Followers</Th>
                    <Th>Country</Th>
                    <Th>Tags</Th>
                  </>
                }
              >
                {l.data.map((i) => (
                  <tr key={i.id}>
                    <Td>
                      <Link className="font-medium text-indigo-800 hover:underline" to={`/influencers/${i.id}`}>
                        {i.name}
                      </Link>
                      {i.email && <div className="text-xs text-slate-500">{i.email}</div>}
                    </Td>
                    <Td>
                      {i.socialAccounts.length === 0
                        ? '—'
                        : i.socialAccounts.map((a) => (
                            <div key={a.id}>
                              <span className="text-slate-500">{a.platform}</span> @{a.handle.replace(/^@/, '')}
                            </div>
                          ))}
                    </Td>
                    <Td>{i.tier}</Td>
                    <Td num>{followers(i.maxFollowers)}</Td>
                    <Td>{i.country ?? '—'}</Td>
                    <Td>{i.tags.join(', ') || '—'}</Td>
                  </tr>
                ))}
              </Table>
              <Pager cursor={cursor} next={l.nextCursor} onPage={(page) => set({ cursor: page })} />
            </>
          )}
        </QueryState>
      </Card>
    </div>
  );
}
