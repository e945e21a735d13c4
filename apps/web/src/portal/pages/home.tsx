import { useQuery } from '@tanstack/react-query';
import { Link } from '../router';
import { api, unwrap } from '../../api/client';
import { day } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { QueryState } from '../../ui/states';
import { useTitle } from '../../ui/title';
import { usePortalMe } from '../session';

export const useContracts = () => useQuery({ queryKey: ['portal-contracts'], queryFn: () => unwrap(api.GET('/v1/portal/contracts')) });
export const useDeliverables = () =>
  useQuery({ queryKey: ['portal-deliverables'], queryFn: () => unwrap(api.GET('/v1/portal/deliverables')) });

/** What needs the ambassador: terms to accept, content to hand in; then who they work with. */
export function HomePage() {
  useTitle('Home', 'Ambassador portal');
  const me = usePortalMe();
  const relationships = useQuery({ queryKey: ['portal-relationships'], queryFn: () => unwrap(api.GET('/v1/portal/relationships')) });
  const contracts = useContracts();
  const deliverables = useDeliverables();
  return (
    <>
      <h1 className="text-xl font-semibold">Hi {me.data?.influencer.name}</h1>
      <Card title="Terms">
        <QueryState query={contracts} what="your terms" empty="No terms yet." isEmpty={(d) => d.data.length === 0}>
          {(d) => (
            <ul className="divide-y divide-slate-100">
              {d.data.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
                  <span>
                    {c.brand.name}, term {c.termNumber}: {day(c.startDate)} – {day(c.endDate)} <Badge status={c.status} />
                  </span>
                  <Link to={`/terms/${c.id}`} className="font-medium text-indigo-700 underline">
                    {c.status === 'draft' && !c.termsAcceptance ? 'Read and accept' : 'Read the terms'}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </Card>
      <Card
        title="Next deliverables"
        actions={
          <Link to="/deliverables" className="text-sm text-indigo-700 underline">
            All deliverables
          </Link>
        }
      >
        <QueryState
          query={deliverables}
          what="your deliverables"
          empty="Nothing to hand in."
          isEmpty={(d) => !d.data.some((x) => ['planned', 'changes_requested', 'approved'].includes(x.status))}
        >
          {(d) => (
            <ul className="divide-y divide-slate-100">
              {d.data
                .filter((x) => ['planned', 'changes_requested', 'approved'].includes(x.status))
                .slice(0, 5)
                .map((x) => (
                  <li key={x.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
                    <Link to={`/deliverables/${x.id}`} className="text-indigo-700 underline">
                      {x.brand.name}: {x.type} on {x.platform}
                    </Link>
                    <span>
                      due {day(x.dueDate)} <Badge status={x.status} />
                    </span>
                  </li>
                ))}
            </ul>
          )}
        </QueryState>
      </Card>
      <Card title="Your brands">
        <QueryState query={relationships} what="your brands" empty="No brand yet." isEmpty={(d) => d.data.length === 0}>
          {(d) => (
            <ul className="divide-y divide-slate-100">
              {d.data.map((r) => (
                <li key={r.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
                  <span className="font-medium">
                    {r.brand.name} <Badge status={r.status} />
                  </span>
                  {r.contact && (
                    <a href={`mailto:${r.contact.email}`} className="text-indigo-700 underline">
                      Contact: {r.contact.name}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </Card>
    </>
  );
}
