import type { ReactNode } from 'react';

/** A form's Cancel button and its primary submit button (`children` is the submit's text). */
export function CancelSubmit({
  onCancel,
  disabled,
  children,
}: {
  onCancel: () => void;
  disabled: boolean;
  children: ReactNode;
}) {
  return (
    <div className="form-actions">
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="btn btn-primary" disabled={disabled}>
        {children}
      </button>
    </div>
  );
}

/** A form field's label, above its control (named by `htmlFor`). */
export function FieldLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label className="field" htmlFor={htmlFor}>
      <span>{children}</span>
    </label>
  );
}
