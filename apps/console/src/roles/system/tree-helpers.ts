// The bureau tree for antd's Tree and the search over it (framework-free, unit-tested).
import type { BureauBranch } from './types';

export interface TreeNode {
  key: string;
  title: string;
  children: TreeNode[];
}

/** Branches as tree nodes titled "name（id）". */
export function treeNodes(branches: readonly BureauBranch[]): TreeNode[] {
  return branches.map((b) => ({ key: b.bureauId, title: `${b.name}（${b.bureauId}）`, children: treeNodes(b.children) }));
}

/** Keeps the bureaus whose name or id contains `text`, with the bureaus above them (so they stay in place). */
export function filterBranches(branches: readonly BureauBranch[], text: string): BureauBranch[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...branches];
  return branches.flatMap((b) => {
    const children = filterBranches(b.children, needle);
    const hit = b.name.toLowerCase().includes(needle) || b.bureauId.includes(needle);
    return hit || children.length > 0 ? [{ ...b, children: hit ? b.children : children }] : [];
  });
}

/** Every key in the branches (to open the whole tree). */
export function allKeys(branches: readonly BureauBranch[]): string[] {
  return branches.flatMap((b) => [b.bureauId, ...allKeys(b.children)]);
}
