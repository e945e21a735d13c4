import { useId, useState, type FormEvent } from 'react';
import { Button } from './button';

/**
 * A list's text search: typed freely, applied on submit (Enter or the button). `value` is the search in force
 * (the address's `q`): when it changes from outside (Back, a link), the box shows it again.
 */
export function SearchForm({ value, placeholder, onSearch }: { value?: string; placeholder: string; onSearch: (q?: string) => void }) {
  const id = useId();
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
    <form role="search" onSubmit={submit} className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        Search
      </label>
      {/* The button stretches to the box's height, level with the filters' selects beside it. */}
      <div className="flex gap-2">
        <input
          id={id}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={placeholder}
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <Button type="submit">Search</Button>
      </div>
    </form>
  );
}
