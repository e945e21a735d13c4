import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useParams } from '../router';
import { api, unwrap } from '../../api/client';
import { day, exactMoney, renewalLength } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field } from '../../ui/field';
import { QueryState } from '../../ui/states';
import { useTitle } from '../../ui/title';
import { fieldErrors } from '../../ui/form-problem';

type Terms = Record<string, unknown>;
const plan = (items: unknown) =>
  Array.isArray(items) && items.length
    ? items
        .map(
          (i: { quantity: number; type: string; platform: string; per: string }) => `${i.quantity} ${i.type} on ${i.platform} per ${i.per}`,
        )
        .join('; ')
    : 'none';
const yesNo = (value: unknown) => (value ? 'yes' : 'no');

/** The terms as the ambassador accepts them: every binding field, in words. */
function rows(t: Terms): [string, string][] {
  const money = (field: string) => exactMoney(String(t[field]), String(t.currency));
  return [
    ['Brand', String(t.brand)],
    ['Ambassador', String(t.ambassador)],
    ['Dates', `${day(String(t.startDate))} – ${day(String(t.endDate))}`],
    ['Retainer per month', money('retainerMonthly')],
    ['Fee per deliverable', money('feePerDeliverable')],
    ['Commission rate', `${String(t.commissionRate)} %`],
    ['Product budget', money('giftingBudget')],
    ['Deliverable plan', plan(t.deliverablePlan)],
    ['Usage rights until', t.usageRightsUntil ? day(String(t.usageRightsUntil)) : 'none'],
    ['Exclusivity', t.exclusivityCategory ? `${String(t.exclusivityCategory)} until ${day(String(t.exclusivityUntil))}` : 'none'],
    ['Notice period', `${String(t.noticePeriodDays)} days`],
    ['Renews automatically', t.autoRenew ? `yes, ${renewalLength(t.renewalTermMonths)}` : yesNo(false)],
  ];
}

export function TermsPage() {
  const { id = '' } = useParams();
  const terms = useQuery({
    queryKey: ['portal-terms', id],
    queryFn: () => unwrap(api.GET('/v1/portal/contracts/{id}', { params: { path: { id } } })),
  });
  const accept = useMutation({
    mutationFn: (body: { fullName: string; termsSha256: string }) =>
      unwrap(api.POST('/v1/portal/contracts/{id}/accept', { params: { path: { id } }, body })),
  });
  useTitle('Terms', 'Ambassador portal');
  return (
    <QueryState query={terms} what="the terms" empty="" isEmpty={() => false}>
      {(data) => {
        const acceptance = data.contract.termsAcceptance;
        const submit = (event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          accept.mutate({ fullName: String(new FormData(event.currentTarget).get('fullName')), termsSha256: data.termsSha256 });
        };
        return (
          <>
            <h1 className="text-xl font-semibold">
              Terms with {data.contract.brand.name} <Badge status={data.contract.status} />
            </h1>
            <Card title={`Term ${data.contract.termNumber}`}>
              <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-1 px-4 py-3 text-sm">
                {rows(data.terms).map(([label, value]) => (
                  <div key={label} className="contents">
                    <dt className="text-slate-600">{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              <p className="border-t border-slate-100 px-4 py-2 text-xs break-all text-slate-600">
                Fingerprint (SHA-256): {data.termsSha256}
              </p>
            </Card>
            {acceptance ? (
              <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
                Accepted by {acceptance.name} on {new Date(acceptance.acceptedAt).toLocaleString()}.
              </p>
            ) : data.contract.status === 'draft' ? (
              <Card title="Accept these terms">
                <form onSubmit={submit} className="flex flex-col gap-3 p-4" noValidate>
                  <p className="text-sm text-slate-700">Type your full name to accept the terms above as your signature.</p>
                  <Field label="Your full name" name="fullName" autoComplete="name" required error={fieldErrors(accept.error).fullName} />
                  {accept.error && !fieldErrors(accept.error).fullName && (
                    <p role="alert" className="text-sm text-red-700">
                      {accept.error.message}
                    </p>
                  )}
                  <Button type="submit" variant="primary" disabled={accept.isPending}>
                    Accept the terms
                  </Button>
                </form>
              </Card>
            ) : null}
          </>
        );
      }}
    </QueryState>
  );
}
