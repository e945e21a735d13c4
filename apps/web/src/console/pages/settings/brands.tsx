import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../../api/client';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field } from '../../../ui/field';
import { SelectField } from '../../../ui/select';
import { QueryState } from '../../../ui/states';
import { Table, Td, Th } from '../../../ui/table';
import { useTitle } from '../../../ui/title';
import { fieldErrors, FormProblem } from '../../../ui/form-problem';
import { useCanWrite, useIsAdmin, useMe } from '../../session';
import { useBrands } from '../../brands';

type Brand = Schemas['BrandView'];
const MONTHS = Array.from({ length: 12 }, (_, i) =>
  new Intl.DateTimeFormat(undefined, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, i, 1)),
);

/** Brands with their currency, time zone (of contract dates and quarters), fiscal year and managers. */
export function BrandsSettings() {
  useTitle('Brands', 'Settings');
  const canWrite = useCanWrite();
  const [editing, setEditing] = useState<Brand | 'new' | null>(null);
  const brands = useBrands();
  return (
    <div className="flex flex-col gap-4">
      {editing && (
        <BrandForm
          key={editing === 'new' ? 'new' : editing.id}
          brand={editing === 'new' ? undefined : editing}
          done={() => setEditing(null)}
        />
      )}
      <Card title="Brands" actions={canWrite && !editing && <Button onClick={() => setEditing('new')}>New brand</Button>}>
        <QueryState
          query={brands}
          what="brands"
          isEmpty={(b) => b.data.length === 0}
          empty="No brands yet: a brand is the first thing to set up."
        >
          {(b) => (
            <Table
              caption="Brands"
              head={
                <>
                  <Th>Name</Th>
                  <Th>Currency</Th>
                  <Th>Time zone</Th>
                  <Th>Fiscal year starts</Th>
                  <Th num>Managers</Th>
                  {canWrite && <Th>Actions</Th>}
                </>
              }
            >
              {b.data.map((brand) => (
                <tr key={brand.id}>
                  <Td>{brand.name}</Td>
                  <Td>{brand.currency}</Td>
                  <Td>{brand.timezone}</Td>
                  <Td>{MONTHS[brand.fiscalYearStartMonth - 1]}</Td>
                  <Td num>{brand.managerUserIds.length}</Td>
                  {canWrite && (
                    <Td>
                      <Button onClick={() => setEditing(brand)} aria-label={`Edit ${brand.name}`}>
                        Edit
                      </Button>
                    </Td>
                  )}
                </tr>
              ))}
            </Table>
          )}
        </QueryState>
      </Card>
    </div>
  );
}

function BrandForm({ brand, done }: { brand?: Brand; done: () => void }) {
  const admin = useIsAdmin();
  const meId = useMe().data?.user?.id;
  const zonesId = useId();
  // Members (to pick the managers who get the brand's emails) are listed to admins only.
  const members = useQuery({ queryKey: ['members'], queryFn: () => unwrap(api.GET('/v1/members')), enabled: admin });
  const save = useMutation({
    mutationFn: (body: Schemas['CreateBrandRequest']) =>
      brand ? unwrap(api.PATCH('/v1/brands/{id}', { params: { path: { id: brand.id } }, body })) : unwrap(api.POST('/v1/brands', { body })),
    onSuccess: done,
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    save.mutate({
      name: text('name'),
      currency: text('currency').toUpperCase(),
      timezone: text('timezone'),
      fiscalYearStartMonth: Number(text('fiscalYearStartMonth')),
      ...(admin && members.data && { managerUserIds: form.getAll('managers').map(String) }),
    });
  };
  return (
    <Card title={brand ? `Edit ${brand.name}` : 'New brand'}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-3 p-4">
        <div className="grid grid-cols-4 gap-3">
          <Field label="Name" name="name" defaultValue={brand?.name} autoFocus error={errors.name} />
          <Field
            label="Currency (ISO 4217)"
            name="currency"
            maxLength={3}
            defaultValue={brand?.currency ?? 'EUR'}
            error={errors.currency}
          />
          <Field
            label="Time zone (IANA)"
            name="timezone"
            list={zonesId}
            defaultValue={brand?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
            error={errors.timezone}
          />
          <datalist id={zonesId}>
            {Intl.supportedValuesOf('timeZone').map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <SelectField
            label="Fiscal year starts in"
            name="fiscalYearStartMonth"
            defaultValue={brand?.fiscalYearStartMonth ?? 1}
            error={errors.fiscalYearStartMonth}
          >
            {MONTHS.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </SelectField>
        </div>
        {admin && members.data && (
          <fieldset className="flex flex-col gap-1">
            <legend className="text-sm font-medium text-slate-700">Managers (receive the brand's emails)</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {members.data.data.map((m) => (
                <label key={m.userId} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    name="managers"
                    value={m.userId}
                    defaultChecked={brand ? brand.managerUserIds.includes(m.userId) : m.userId === meId}
                  />
                  {m.name} <span className="text-slate-500">{m.email}</span>
                </label>
              ))}
            </div>
            {errors.managerUserIds && <p className="text-sm text-red-700">{errors.managerUserIds}</p>}
          </fieldset>
        )}
        <FormProblem error={save.error} shows={['name', 'currency', 'timezone', 'fiscalYearStartMonth', 'managerUserIds']} />
        <div className="flex gap-2">
          <Button variant="primary" type="submit" disabled={save.isPending}>
            {brand ? 'Save brand' : 'Create brand'}
          </Button>
          <Button onClick={done}>Cancel</Button>
        </div>
      </form>
    </Card>
  );
}
