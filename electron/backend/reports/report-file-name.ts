// Export file names travel through USB sticks, e-mail and Windows shares: ASCII only.

/** 'Bộ phận Một cửa UBND xã Đông Hòa' → 'bo-phan-mot-cua-ubnd-xa-dong-hoa' */
export function asciiSlug(text: string, maxLength = 40): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '') // combining marks: the tones and hats of Vietnamese letters
    .replace(/[đĐ]/g, 'd') // đ is a letter of its own, not d with a mark
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug === '' ? 'don-vi' : slug;
}

/** hai-long-<office>-quay-<n>-<from>_<to>.<ext> */
export function reportFileName(officeName: string, counterNumber: number, range: { from: string; to: string }, ext: 'xlsx' | 'csv'): string {
  return `hai-long-${asciiSlug(officeName)}-quay-${counterNumber}-${range.from}_${range.to}.${ext}`;
}
