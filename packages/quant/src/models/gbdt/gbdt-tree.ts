// A fitted regression tree in flat arrays (node 0 is the root; children always have larger ids than their parent).
// Split nodes send a row left when its bin of `feature` is <= `bin`; leaves have feature -1 and carry the
// shrunken leaf value.

export interface GbdtTree {
  readonly feature: Int32Array;
  readonly bin: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaf output (learning rate applied); 0 on split nodes. */
  readonly value: Float64Array;
}

export const LEAF = -1;

/** The leaf reached by row `row` of a row-major binned matrix. */
export function leafOf(tree: GbdtTree, bins: Uint8Array, cols: number, row: number): number {
  const { feature, bin, left, right } = tree;
  const base = row * cols;
  let node = 0;
  let f = feature[0]!;
  while (f !== LEAF) {
    node = bins[base + f]! <= bin[node]! ? left[node]! : right[node]!;
    f = feature[node]!;
  }
  return node;
}

export const treeDepth = (tree: GbdtTree, node = 0): number =>
  tree.feature[node] === LEAF ? 0 : 1 + Math.max(treeDepth(tree, tree.left[node]), treeDepth(tree, tree.right[node]));
