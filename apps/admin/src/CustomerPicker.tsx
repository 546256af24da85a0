import type { CustomerWithCalendar } from '@agendo/contracts';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useApi } from './ApiContext';
import { timing } from './config';
import { useDebouncedValue } from './useDebouncedValue';

/** Props of {@link CustomerPicker}. */
export interface CustomerPickerProps {
  readonly selected: CustomerWithCalendar | null;
  readonly onSelect: (customer: CustomerWithCalendar) => void;
}

const describe = (c: CustomerWithCalendar) => [c.name, c.email, c.phone ? `+${c.phone}` : null].filter(Boolean).join(' · ');

/**
 * "Cliente": a combobox that suggests customers from `GET /api/admin/customers?q=` as the admin types
 * (arrow keys move, Enter picks, Escape closes).
 */
export function CustomerPicker({ selected, onSelect }: CustomerPickerProps) {
  const api = useApi();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(selected?.customer_id ?? '');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<readonly CustomerWithCalendar[]>([]);
  /** The text the suggestions were found for: Enter only picks suggestions for what is typed now. */
  const [optionsFor, setOptionsFor] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [searching, setSearching] = useState(false);
  const query = useDebouncedValue(text, timing.searchDebounceMs);

  // A customer chosen from outside (e.g. `?cliente=`) shows in the box right away.
  const [shown, setShown] = useState(selected);
  if (shown !== selected) {
    setShown(selected);
    if (selected) setText(selected.customer_id);
  }

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setSearching(true);
    api.listCustomers({ q: query, page: 1, pageSize: 8 }, controller.signal).then(
      (page) => {
        setOptions(page.items);
        setOptionsFor(query);
        setActive(0);
        setSearching(false);
      },
      () => {
        if (!controller.signal.aborted) setSearching(false);
      },
    );
    return () => controller.abort();
  }, [api, query, open]);

  const pick = (customer: CustomerWithCalendar) => {
    setText(customer.customer_id);
    setOpen(false);
    onSelect(customer);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter') {
      const choice = optionsFor === text ? options[active] : undefined;
      if (open && choice) {
        event.preventDefault();
        pick(choice);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const showList = open && options.length > 0;
  const activeOption = showList ? options[active] : undefined;
  return (
    <div className="field picker">
      <label htmlFor={id}>Cliente</label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${listId}-${active}` : undefined}
        autoComplete="off"
        placeholder="Busca por ID, nombre, email o teléfono"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        data-testid="customer-picker"
      />
      <ul id={listId} role="listbox" aria-label="Sugerencias" className="options" hidden={!showList}>
        {showList
          ? options.map((c, index) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (arrows, Enter) for its options
              // biome-ignore lint/a11y/useFocusableInteractive: options stay unfocusable; focus remains on the combobox (aria-activedescendant)
              <li
                key={c.customer_id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(c)}
                data-testid={`customer-option-${c.customer_id}`}
              >
                <span className="mono">{c.customer_id}</span> <span className="muted">{describe(c)}</span>
              </li>
            ))
          : null}
      </ul>
      {open && !searching && options.length === 0 && query.trim() !== '' ? <p className="hint">Ningún cliente coincide.</p> : null}
    </div>
  );
}
