import type { ReactNode } from 'react';

/** One numbered entry of a form list (an honour, a category): a bordered group with its legend. */
export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: 12 }}>
      <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>{legend}</legend>
      {children}
    </fieldset>
  );
}
