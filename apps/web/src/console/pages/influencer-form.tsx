import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field } from '../../ui/field';
import { SelectField } from '../../ui/select';
import { QueryState } from '../../ui/states';
import { useTitle } from '../../ui/title';
import { fieldErrors, FormProblem } from '../../ui/form-problem';
import { useCanWrite } from '../session';
import { platforms, type Platform } from './influencers';

type Influencer = Schemas['InfluencerView'];
type Body = Schemas['CreateInfluencerRequest'];

/** One social account as typed: strings until sent, so a half-typed number is not lost or coerced. */
interface AccountDraft {
  key: number;
  platform: Platform;
  handle: string;
  followers: string;
  engagementRate: string;
  url: string;
  asOf: string | null;
}

let nextKey = 0;
const draftOf = (a?: Schemas['SocialAccountView']): AccountDraft => ({
  key: nextKey++,
  platform: a?.platform ?? 'instagram',
  handle: a?.handle ?? '',
  followers: a ? String(a.followers) : '',
  engagementRate: a?.engagementRate ?? '',
  url: a?.url ?? '',
  asOf: a?.asOf ?? null,
});

/** `/influencers/new` and `/influencers/:id`: the same form, empty or filled from the API. */
export function InfluencerPage() {
  const { id } = useParams();
  const influencer = useQuery({
    queryKey: ['influencer', id],
    queryFn: () => unwrap(api.GET('/v1/influencers/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
  useTitle(id ? (influencer.data?.name ?? 'Influencer') : 'New influencer', 'Influencers');
  if (!id) return <InfluencerForm />;
  return (
    <QueryState query={influencer} what="the influencer" isEmpty={() => false} empty={null}>
      {(i) => <InfluencerForm key={i.id} influencer={i} />}
    </QueryState>
  );
}

function InfluencerForm({ influencer }: { influencer?: Influencer }) {
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const [accounts, setAccounts] = useState<AccountDraft[]>(() => influencer?.socialAccounts.map(draftOf) ?? [draftOf()]);
  const save = useMutation({
    mutationFn: (body: Body) =>
      influencer
        ? unwrap(api.PATCH('/v1/influencers/{id}', { params: { path: { id: influencer.id } }, body }))
        : unwrap(api.POST('/v1/influencers', { body })),
    onSuccess: () => navigate('/influencers'),
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    save.mutate({
      name: text('name'),
      email: text('email') || null,
      country: text('country') || null,
      tags: text('tags')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      notes: text('notes') || null,
      socialAccounts: accounts.map((a) => ({
        platform: a.platform,
        handle: a.handle.trim(),
        // An empty or non-numeric count goes as typed: the API names the field (followers must be a whole number).
        followers: (a.followers.trim() === '' ? null : Number(a.followers)) as number,
        engagementRate: a.engagementRate.trim() || null,
        url: a.url.trim() || null,
        asOf: a.asOf,
      })),
    });
  };
  const change = (key: number, patch: Partial<AccountDraft>) =>
    setAccounts((list) => list.map((a) => (a.key === key ? { ...a, ...patch } : a)));
  return (
    <form className="flex max-w-3xl flex-col gap-4" onSubmit={submit} noValidate>
      <Link className="text-sm text-indigo-700 hover:underline" to="/influencers">
        ← Influencers
      </Link>
      <h1 className="text-lg font-semibold">
        {influencer ? influencer.name : 'New influencer'}
        {influencer && <span className="ml-2 text-sm font-normal text-slate-500">{influencer.tier}</span>}
      </h1>
      <Card title="Contact">
        <fieldset disabled={!canWrite} className="grid grid-cols-2 gap-3 p-4">
          <Field label="Name" name="name" required defaultValue={influencer?.name} error={errors.name} />
          <Field label="Email" name="email" type="email" defaultValue={influencer?.email ?? ''} error={errors.email} />
          <Field label="Country (2 letters)" name="country" maxLength={2} defaultValue={influencer?.country ?? ''} error={errors.country} />
          <Field label="Tags (comma-separated)" name="tags" defaultValue={influencer?.tags.join(', ')} error={errors.tags} />
          <div className="col-span-2">
            <Field label="Notes" name="notes" defaultValue={influencer?.notes ?? ''} error={errors.notes} />
          </div>
        </fieldset>
      </Card>
      <Card
        title="Social accounts"
        actions={canWrite && <Button onClick={() => setAccounts((list) => [...list, draftOf()])}>Add account</Button>}
      >
        <fieldset disabled={!canWrite} className="flex flex-col gap-3 p-4">
          {accounts.length === 0 && <p className="text-sm text-slate-500">No accounts.</p>}
          {accounts.map((a, index) => {
            const at = (field: string) => errors[`socialAccounts[${index}].${field}`];
            return (
              <div
                key={a.key}
                role="group"
                aria-label={`Account ${index + 1}`}
                className="grid grid-cols-[8rem_minmax(0,1fr)_6rem_6rem_minmax(0,1.2fr)_auto] items-start gap-2 [&>*]:min-w-0"
              >
                <SelectField
                  label="Platform"
                  value={a.platform}
                  onChange={(e) => change(a.key, { platform: e.target.value as Platform })}
                  error={at('platform')}
                >
                  {platforms.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </SelectField>
                <Field label="Handle" value={a.handle} onChange={(e) => change(a.key, { handle: e.target.value })} error={at('handle')} />
                <Field
                  label="Followers"
                  inputMode="numeric"
                  value={a.followers}
                  onChange={(e) => change(a.key, { followers: e.target.value })}
                  error={at('followers')}
                />
                <Field
                  label="Engagement %"
                  inputMode="decimal"
                  value={a.engagementRate}
                  onChange={(e) => change(a.key, { engagementRate: e.target.value })}
                  error={at('engagementRate')}
                />
                <Field label="URL" type="url" value={a.url} onChange={(e) => change(a.key, { url: e.target.value })} error={at('url')} />
                {canWrite && (
                  <Button
                    className="mt-6"
                    variant="danger"
                    aria-label={`Remove account ${index + 1}`}
                    onClick={() => setAccounts((list) => list.filter((x) => x.key !== a.key))}
                  >
                    Remove
                  </Button>
                )}
              </div>
            );
          })}
          {errors.socialAccounts && <p className="text-sm text-red-700">{errors.socialAccounts}</p>}
        </fieldset>
      </Card>
      <FormProblem error={save.error} shows={['name', 'email', 'country', 'tags', 'notes', 'socialAccounts']} />
      {canWrite && (
        <div className="flex gap-2">
          <Button variant="primary" type="submit" disabled={save.isPending}>
            {influencer ? 'Save changes' : 'Create influencer'}
          </Button>
          <Link className="rounded-md px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100" to="/influencers">
            Cancel
          </Link>
        </div>
      )}
    </form>
  );
}
