import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { Card } from '../../ui/card';
import { QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : '—');

export function CodesPage() {
  useTitle('Codes & links', 'Ambassador portal');
  const codes = useQuery({ queryKey: ['portal-codes'], queryFn: () => unwrap(api.GET('/v1/portal/codes')) });
  return (
    <>
      <h1 className="text-xl font-semibold">Codes &amp; links</h1>
      <Card title="Your discount codes and tracking links">
        <QueryState query={codes} what="your codes" empty="No codes or links yet." isEmpty={(d) => d.data.length === 0}>
          {(d) => (
            <Table
              caption="Your codes and links"
              head={
                <>
                  <Th>Brand</Th>
                  <Th>Code</Th>
                  <Th>Kind</Th>
                  <Th>Valid</Th>
                </>
              }
            >
              {d.data.map((c) => (
                <tr key={c.id}>
                  <Td>{c.brandName}</Td>
                  <Td>
                    <code className="font-mono">{c.code}</code>
                    {c.destinationUrl && <span className="block text-xs text-slate-600">{c.destinationUrl}</span>}
                  </Td>
                  <Td>{c.kind}</Td>
                  <Td>
                    {c.validFrom || c.validTo ? `${when(c.validFrom as string | null)} – ${when(c.validTo as string | null)}` : 'always'}
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
