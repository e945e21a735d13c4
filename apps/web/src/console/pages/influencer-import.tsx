import { useMutation } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';

/** `/influencers/import`: a CSV file upserted by email (docs/influencers-import.md), then the API's report row by row. */
export function InfluencerImportPage() {
  useTitle('Import influencers', 'Influencers');
  const fileId = useId();
  const upload = useMutation({
    mutationFn: async (file: File) =>
      unwrap(
        api.POST('/v1/influencers/import', {
          body: await file.text(),
          bodySerializer: (csv: string) => csv,
          headers: { 'content-type': 'text/csv' },
        }),
      ),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('file');
    if (file instanceof File && file.size > 0) upload.mutate(file);
  };
  return (
    <div className="flex max-w-4xl flex-col gap-4">
      <Link className="text-sm text-indigo-700 hover:underline" to="/influencers">
        ← Influencers
      </Link>
      <h1 className="text-lg font-semibold">Import influencers</h1>
      <p className="text-sm text-slate-600">
        A CSV file with a header row: <code>name</code>, <code>email</code> (the key: an existing email is updated), and optionally{' '}
        <code>country</code>, <code>tags</code>, <code>notes</code> and per platform <code>instagram_handle</code>,{' '}
        <code>instagram_followers</code>… Valid rows are kept; the others are listed below with their reasons. Every column and rule:{' '}
        <code>docs/influencers-import.md</code>.
      </p>
      <form className="flex items-end gap-3" onSubmit={submit}>
        <div className="flex flex-col gap-1">
          <label htmlFor={fileId} className="text-sm font-medium text-slate-700">
            CSV file
          </label>
          <input
            id={fileId}
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            className="rounded-md border border-slate-300 bg-white text-sm file:mr-3 file:border-0 file:border-r file:border-slate-300 file:bg-slate-50 file:px-3 file:py-1.5"
          />
        </div>
        <Button variant="primary" type="submit" disabled={upload.isPending}>
          {upload.isPending ? 'Importing…' : 'Import'}
        </Button>
      </form>
      {upload.error && (
        <p role="alert" className="text-sm text-red-700">
          The file was refused, nothing was imported: {upload.error.message}
        </p>
      )}
      {upload.data && <ImportResult report={upload.data} />}
    </div>
  );
}

function ImportResult({ report }: { report: Schemas['ImportReport'] }) {
  const rows = report.rejected.flatMap((r) => r.errors.map((e, i) => ({ key: `${r.row}-${i}`, row: r.row, ...e })));
  return (
    <Card title="Import report">
      <p role="status" className="px-4 py-3 text-sm">
        {report.created} created, {report.updated} updated, {report.rejected.length} rejected.
      </p>
      {rows.length > 0 && (
        <Table
          caption="Rejected rows"
          head={
            <>
              <Th num>Line</Th>
              <Th>Column</Th>
              <Th>Problem</Th>
            </>
          }
        >
          {rows.map((r) => (
            <tr key={r.key}>
              <Td num>{r.row}</Td>
              <Td>
                <code>{r.field}</code>
              </Td>
              <Td>{r.message}</Td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
