import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../../api/client';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field } from '../../../ui/field';
import { QueryState } from '../../../ui/states';
import { useTitle } from '../../../ui/title';
import { fieldErrors, FormProblem } from '../../../ui/form-problem';
import { useIsAdmin } from '../../session';

const TIERS = ['micro', 'mid', 'macro', 'mega'] as const;
const EMV_ACTIONS = ['impressions', 'views', 'likes', 'comments', 'shares', 'saves', 'clicks'] as const;

/** Name, tier thresholds, conversion lock days and EMV rates (PATCH /v1/workspace, admin+). */
export function WorkspaceSettings() {
  useTitle('Workspace', 'Settings');
  const workspace = useQuery({ queryKey: ['workspace'], queryFn: () => unwrap(api.GET('/v1/workspace')) });
  return (
    <QueryState query={workspace} what="the workspace" isEmpty={() => false} empty={null}>
      {(w) => <WorkspaceForm key={w.id} workspace={w} />}
    </QueryState>
  );
}

function WorkspaceForm({ workspace }: { workspace: Schemas['WorkspaceView'] }) {
  const admin = useIsAdmin();
  const save = useMutation({ mutationFn: (body: Schemas['UpdateWorkspaceRequest']) => unwrap(api.PATCH('/v1/workspace', { body })) });
  const errors = fieldErrors(save.error);
  const thresholds = workspace.tierThresholds as unknown as Record<string, number>;
  const rates = workspace.emvRates as unknown as Record<string, string>;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    // Numbers go as typed (NaN stays NaN): the API names a bad one beside its field.
    const whole = (name: string) => (text(name) === '' ? (null as unknown as number) : Number(text(name)));
    save.mutate({
      name: text('name'),
      conversionLockDays: whole('conversionLockDays'),
      tierThresholds: { micro: whole('tier.micro'), mid: whole('tier.mid'), macro: whole('tier.macro'), mega: whole('tier.mega') },
      emvRates: Object.fromEntries(EMV_ACTIONS.map((a) => [a, text(`emv.${a}`)])),
    });
  };
  return (
    <form onSubmit={submit} noValidate className="flex max-w-3xl flex-col gap-4">
      <fieldset disabled={!admin} className="flex flex-col gap-4">
        <Card title="Workspace">
          <div className="grid grid-cols-2 gap-3 p-4">
            <Field label="Name" name="name" defaultValue={workspace.name} error={errors.name} />
            <Field
              label="Conversion lock (days before a pending conversion is approved)"
              name="conversionLockDays"
              inputMode="numeric"
              defaultValue={workspace.conversionLockDays}
              error={errors.conversionLockDays}
            />
          </div>
        </Card>
        <Card title="Tier thresholds (followers of the largest account)">
          <div className="grid grid-cols-4 gap-3 p-4">
            {TIERS.map((t) => (
              <Field
                key={t}
                label={`${t} from`}
                name={`tier.${t}`}
                inputMode="numeric"
                defaultValue={thresholds[t]}
                error={errors[`tierThresholds.${t}`]}
              />
            ))}
          </div>
          <p className="px-4 pb-3 text-xs text-slate-500">Below micro is nano. Changing them re-tiers every influencer.</p>
        </Card>
        <Card title="EMV per action (in each brand's currency)">
          <div className="grid grid-cols-4 gap-3 p-4">
            {EMV_ACTIONS.map((a) => (
              <Field key={a} label={a} name={`emv.${a}`} inputMode="decimal" defaultValue={rates[a]} error={errors[`emvRates.${a}`]} />
            ))}
          </div>
        </Card>
      </fieldset>
      <FormProblem error={save.error} shows={['name', 'conversionLockDays', 'tierThresholds', 'emvRates']} />
      {save.isSuccess && (
        <p role="status" className="text-sm text-green-800">
          Saved.
        </p>
      )}
      {admin ? (
        <div>
          <Button variant="primary" type="submit" disabled={save.isPending}>
            Save workspace
          </Button>
        </div>
      ) : (
        <p className="text-sm text-slate-600">Only admins and owners can change these.</p>
      )}
    </form>
  );
}
