import { SelectField } from '../../../ui/select';

/** The role a form grants (an invitation, an API key): `roles` in order of power, manager preselected. */
export function RoleSelect({ roles, error }: { roles: readonly string[]; error?: string }) {
  return (
    <SelectField label="Role" name="role" defaultValue="manager" error={error}>
      {roles.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </SelectField>
  );
}
