/** An error the user should read at once (announced by screen readers); nothing when there is none. Text only. */
export function ErrorBox({ children, className = '' }: { children: React.ReactNode; className?: string }) {
  if (children === null || children === undefined || children === false || children === '') return null;
  return (
    <p className={`error-box ${className}`.trim()} role="alert">
      {children}
    </p>
  );
}
