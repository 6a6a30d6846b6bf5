// Hash routing: #/summary, #/explorer?..., #/item/ID?..., #/labels, #/models.

export interface Route { page: string; id: string | null; query: string }

export function current(): Route {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?", 2);
  const [page, id] = path.split("/");
  return { page: page || "summary", id: id ?? null, query };
}

export function go(hash: string): void {
  if (location.hash !== hash) location.hash = hash;
}

/** Replaces the URL without a new history entry or a re-render. */
export function replace(hash: string): void {
  history.replaceState(null, "", location.pathname + hash);
}
