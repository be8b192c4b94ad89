// A person's round photo, or their initials when there is none.
export function Avatar({ name, photoDataUrl, size = 'medium' }: { name: string; photoDataUrl: string | null; size?: 'small' | 'medium' | 'large' }) {
  if (photoDataUrl !== null) return <img className={`avatar avatar--${size}`} src={photoDataUrl} alt="" />;
  // Vietnamese names end with the given name: "Nguyễn Thị Lan" → "L".
  const initial = name.trim().split(/\s+/).at(-1)?.charAt(0).toLocaleUpperCase('vi') ?? '';
  return (
    <span className={`avatar avatar--${size} avatar--initials`} aria-hidden="true">
      {initial}
    </span>
  );
}
