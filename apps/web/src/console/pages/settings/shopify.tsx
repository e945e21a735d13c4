import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, unwrap } from '../../../api/client';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field } from '../../../ui/field';
import { useTitle } from '../../../ui/title';
import { fieldErrors, FormProblem } from '../../../ui/form-problem';
import { useMe } from '../../session';
import { AdminOnly } from './settings';

/** The Shopify app's shared secret (stored, never shown back) and the address to paste into Shopify. */
export function ShopifySettings() {
  useTitle('Shopify', 'Settings');
  const workspaceId = useMe().data?.workspace.id;
  const save = useMutation({ mutationFn: (secret: string) => unwrap(api.PUT('/v1/workspace/shopify', { body: { secret } })) });
  const errors = fieldErrors(save.error);
  const webhookUrl = `${window.location.origin}/v1/webhooks/shopify/${workspaceId}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    save.mutate(String(new FormData(form).get('secret') ?? ''), { onSuccess: () => form.reset() });
  };
  return (
    <AdminOnly>
      <Card title="Shopify orders and refunds">
        <div className="flex max-w-3xl flex-col gap-4 p-4 text-sm">
          <ol className="list-decimal space-y-1 pl-5 text-slate-700">
            <li>
              In Shopify admin, Settings › Notifications › Webhooks, create webhooks for <b>Order payment</b> (orders/paid) and{' '}
              <b>Refund create</b> (refunds/create), format JSON, at this address:
            </li>
          </ol>
          <input
            readOnly
            aria-label="Webhook URL to paste into Shopify"
            value={webhookUrl}
            onFocus={(e) => e.target.select()}
            className="rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs"
          />
          <ol start={2} className="list-decimal pl-5 text-slate-700">
            <li>
              Paste the signing secret Shopify shows under the webhooks list here. It is stored and never shown again; saving replaces it.
            </li>
          </ol>
          <form onSubmit={submit} noValidate className="flex items-start gap-3">
            <div className="w-96">
              <Field label="Shopify webhook signing secret" name="secret" type="password" autoComplete="off" error={errors.secret} />
            </div>
            <Button className="mt-6" variant="primary" type="submit" disabled={save.isPending}>
              Save secret
            </Button>
          </form>
          <FormProblem error={save.error} shows={['secret']} />
          {save.isSuccess && (
            <p role="status" className="text-green-800">
              Secret saved: orders signed with it are recorded from now on.
            </p>
          )}
        </div>
      </Card>
    </AdminOnly>
  );
}
