import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useParams } from '../router';
import { api, unwrap } from '../../api/client';
import { day } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field } from '../../ui/field';
import { QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';
import { fieldErrors } from '../../ui/form-problem';
import { useDeliverables } from './home';

export function DeliverablesPage() {
  useTitle('Deliverables', 'Ambassador portal');
  const deliverables = useDeliverables();
  return (
    <>
      <h1 className="text-xl font-semibold">Deliverables</h1>
      <Card title="All deliverables">
        <QueryState query={deliverables} what="your deliverables" empty="No deliverables yet." isEmpty={(d) => d.data.length === 0}>
          {(d) => (
            <Table
              caption="Your deliverables"
              head={
                <>
                  <Th>Brand</Th>
                  <Th>What</Th>
                  <Th>Due</Th>
                  <Th>Status</Th>
                </>
              }
            >
              {d.data.map((x) => (
                <tr key={x.id}>
                  <Td>{x.brand.name}</Td>
                  <Td>
                    <Link to={`/deliverables/${x.id}`} className="text-indigo-700 underline">
                      {x.type} on {x.platform}
                    </Link>
                  </Td>
                  <Td>{day(x.dueDate)}</Td>
                  <Td>
                    <Badge status={x.status} />
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </QueryState>
      </Card>
    </>
  );
}

const formValues = (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
};

/** One deliverable: the brief, the manager's comment, and what the ambassador can do in its status. */
export function DeliverablePage() {
  const { id = '' } = useParams();
  const path = { params: { path: { id } } };
  const deliverable = useQuery({
    queryKey: ['portal-deliverable', id],
    queryFn: () => unwrap(api.GET('/v1/portal/deliverables/{id}', path)),
  });
  const submit = useMutation({
    mutationFn: (body: { contentUrl: string; caption: string | null }) =>
      unwrap(api.POST('/v1/portal/deliverables/{id}/submit', { ...path, body })),
  });
  const postUrl = useMutation({
    mutationFn: (body: { postUrl: string }) => unwrap(api.POST('/v1/portal/deliverables/{id}/post-url', { ...path, body })),
  });
  useTitle('Deliverable', 'Ambassador portal');
  return (
    <QueryState query={deliverable} what="the deliverable" empty="" isEmpty={() => false}>
      {(x) => (
        <>
          <h1 className="text-xl font-semibold">
            {x.brand.name}: {x.type} on {x.platform} <Badge status={x.status} />
          </h1>
          <Card title="Brief">
            <div className="space-y-2 px-4 py-3 text-sm">
              <p>
                Due {day(x.dueDate)}
                {x.overdue ? ' (overdue)' : ''}
              </p>
              <p className="whitespace-pre-line">{x.brief ?? 'No brief yet: your contact will send one.'}</p>
            </div>
          </Card>
          {x.reviewComment && x.status === 'changes_requested' && (
            <section
              aria-label="Changes requested"
              className="rounded-md border border-orange-200 bg-orange-50 p-3 text-sm text-orange-950"
            >
              <h2 className="font-semibold">Changes requested</h2>
              <p className="mt-1 whitespace-pre-line">{x.reviewComment}</p>
            </section>
          )}
          {x.contentUrl && (
            <p className="text-sm">
              Your content:{' '}
              <a href={x.contentUrl} className="text-indigo-700 underline" rel="noreferrer" target="_blank">
                {x.contentUrl}
              </a>
            </p>
          )}
          {(x.status === 'planned' || x.status === 'changes_requested') && (
            <Card title={x.status === 'planned' ? 'Hand in your content' : 'Resubmit your content'}>
              <form
                className="flex flex-col gap-3 p-4"
                noValidate
                onSubmit={(event) => {
                  const v = formValues(event);
                  submit.mutate({ contentUrl: v.contentUrl, caption: v.caption || null });
                }}
              >
                <Field
                  label="Link to your content (draft)"
                  name="contentUrl"
                  type="url"
                  required
                  error={fieldErrors(submit.error).contentUrl}
                />
                <Field label="Caption" name="caption" defaultValue={x.caption ?? ''} error={fieldErrors(submit.error).caption} />
                <Button type="submit" variant="primary" disabled={submit.isPending}>
                  Submit for review
                </Button>
              </form>
            </Card>
          )}
          {x.status === 'submitted' && (
            <p role="status" className="text-sm text-slate-700">
              Submitted: waiting for the brand's review.
            </p>
          )}
          {x.status === 'approved' && (
            <Card title="Approved: add the live post">
              <form
                className="flex flex-col gap-3 p-4"
                noValidate
                onSubmit={(event) => postUrl.mutate({ postUrl: formValues(event).postUrl })}
              >
                <Field
                  label="Link to the live post"
                  name="postUrl"
                  type="url"
                  defaultValue={x.postUrl ?? ''}
                  required
                  error={fieldErrors(postUrl.error).postUrl}
                />
                <Button type="submit" variant="primary" disabled={postUrl.isPending}>
                  Save the post link
                </Button>
              </form>
            </Card>
          )}
          {x.status === 'published' && x.postUrl && (
            <p className="text-sm">
              Published:{' '}
              <a href={x.postUrl} className="text-indigo-700 underline" rel="noreferrer" target="_blank">
                {x.postUrl}
              </a>
            </p>
          )}
        </>
      )}
    </QueryState>
  );
}
