import { useState, type FormEvent } from 'react';
import { Button } from './button';

/**
 * A list's text search: typed freely, applied on submit (Enter or the button). `value` is the search in force
 * (the address's `q`): when it changes from outside (Back, a link), the box shows it again.
 */
export function SearchForm({ value, placeholder, onSearch }: { value?: string; placeholder: string; onSearch: (q?: string) => void }) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value ?? '');
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim() || undefined);
  };
  return (
    <form role="search" onSubmit={submit} className="flex items-end gap-2">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">Search</span>
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={placeholder}
          className="rounded-md border border-slate-300 px-2 py-1.5"
        />
      </label>
      <Button type="submit">Search</Button>
    </form>
  );
}
