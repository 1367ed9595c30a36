/** A bureau as the gateway learned it from its registration. */
export interface BureauEntry {
  bureauId: string;
  name: string;
  parentBureauId?: string;
}

/** One bureau in the list: where it sits (depth under its root) and how many bureaus it holds directly. */
export interface BureauRow extends BureauEntry {
  depth: number;
  children: number;
  /** False when it names a parent the gateway has not learned (the registration may be on its way). */
  parentKnown: boolean;
}

export interface BureauBranch extends BureauEntry {
  children: BureauBranch[];
}

export interface BureauHierarchy {
  /** Every bureau once, parents before their children, siblings by id. */
  items: BureauRow[];
  /** The same bureaus as trees: the top authorities (or `root`) with everything under them. */
  roots: BureauBranch[];
}

const byId = (a: BureauEntry, b: BureauEntry) => (a.bureauId < b.bureauId ? -1 : a.bureauId > b.bureauId ? 1 : 0);

/**
 * The bureau tree as a list and as nested branches, from `root` (or from every top bureau). A
 * bureau whose parent is unknown, or that sits in a loop of parents, is shown as a top bureau.
 */
export function bureauHierarchy(entries: readonly BureauEntry[], root?: string): BureauHierarchy {
  const known = new Map(entries.map((e) => [e.bureauId, e]));
  const children = new Map<string, BureauEntry[]>();
  const tops: BureauEntry[] = [];
  /** Bureaus that name a parent and sit under it (not under an unknown one, nor in a loop). */
  const placed = new Set<string>();
  for (const entry of [...known.values()].sort(byId)) {
    const parent = entry.parentBureauId;
    if (parent !== undefined && known.has(parent) && !inLoop(entry.bureauId, known)) {
      children.set(parent, [...(children.get(parent) ?? []), entry]);
      placed.add(entry.bureauId);
    } else tops.push(entry);
  }
  const items: BureauRow[] = [];
  const grow = (entry: BureauEntry, depth: number): BureauBranch => {
    const below = children.get(entry.bureauId) ?? [];
    const shown: BureauEntry = { bureauId: entry.bureauId, name: entry.name, ...(entry.parentBureauId !== undefined ? { parentBureauId: entry.parentBureauId } : {}) };
    items.push({ ...shown, depth, children: below.length, parentKnown: entry.parentBureauId === undefined || placed.has(entry.bureauId) });
    return { ...shown, children: below.map((child) => grow(child, depth + 1)) };
  };
  const start = root === undefined ? tops : [known.get(root)].filter((e): e is BureauEntry => e !== undefined);
  return { roots: start.map((entry) => grow(entry, 0)), items };
}

/** Whether following `bureauId`'s parents comes back to it. */
function inLoop(bureauId: string, known: ReadonlyMap<string, BureauEntry>): boolean {
  const seen = new Set<string>();
  for (let current = known.get(bureauId)?.parentBureauId; current !== undefined; current = known.get(current)?.parentBureauId) {
    if (current === bureauId) return true;
    if (seen.has(current)) return false;
    seen.add(current);
  }
  return false;
}
