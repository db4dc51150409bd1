/** A lowercase slug from a display name: "Élise Moreau" → "elise-moreau"; `fallback` when nothing is left. */
export function slugOf(name: string, fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  if (!slug) return fallback;
  return /^[a-z]/.test(slug) ? slug : `c-${slug}`.slice(0, 40);
}
