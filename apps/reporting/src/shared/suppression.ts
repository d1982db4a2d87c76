/*
 * Small-cell suppression of published tables (issue 17): primary — counts 1 … threshold-1 — and secondary
 * (complementary), so that no suppressed cell can be worked out again from the row and column totals.
 *
 * A table with its totals is an (R+1)×(C+1) grid whose every line sums to zero once the totals change sign, so
 * the suppressed cells are the edges of a bipartite graph (rows × columns) and a suppressed cell is determined
 * by the published ones exactly when its edge is a bridge — on no cycle of suppressed cells. The secondary step
 * puts every suppressed cell on a cycle by suppressing the cheapest rectangle through it, and never picks a zero
 * (a cycle through published-as-suppressed zeros could be pinned by non-negativity).
 */

/** A count as published: null and flagged when suppressed; zeros are never suppressed (they single nobody out). */
export interface PublishedCell {
  value: number | null;
  suppressed: boolean;
}

/** Primary rule alone (one count that is part of no table with totals). */
export function suppressCount(count: number, threshold: number): PublishedCell {
  return count > 0 && count < threshold ? { value: null, suppressed: true } : { value: count, suppressed: false };
}

/** The grid of a table with its totals: cells, each row's total (last column), each column's total (last row) and the grand total. */
export function withTotals(cells: readonly (readonly number[])[]): number[][] {
  const columns = cells[0]?.length ?? 0;
  const grid = cells.map((row) => [...row, row.reduce((sum, value) => sum + value, 0)]);
  const totals = Array.from({ length: columns + 1 }, (_, j) => grid.reduce((sum, row) => sum + row[j], 0));
  return [...grid, totals];
}

/**
 * The suppressed cells that lie on no cycle of suppressed cells (rows i' ↔ columns j' joined by suppressed cells): the
 * bridges of that bipartite graph, found at once by Tarjan's low-link search — one pass over the grid, where asking
 * each cell in turn was a search per cell (a 年度 report's published view took minutes).
 */
function bridgesOf(mask: readonly (readonly boolean[])[]): boolean[][] {
  const rows = mask.length;
  const columns = mask[0]?.length ?? 0;
  const nodes = rows + columns;
  // Nodes 0 … rows-1 are rows, rows … rows+columns-1 columns; the edge of cell (r, c) is r * columns + c.
  const adjacent: [number, number][][] = Array.from({ length: nodes }, () => []);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) {
      if (!mask[r][c]) continue;
      adjacent[r].push([rows + c, r * columns + c]);
      adjacent[rows + c].push([r, r * columns + c]);
    }
  }
  const bridge = mask.map((row) => row.map(() => false));
  const discovered = new Array<number>(nodes).fill(-1);
  const low = new Array<number>(nodes).fill(0);
  let time = 0;
  const visit = (node: number, viaEdge: number): void => {
    discovered[node] = low[node] = time++;
    for (const [next, edge] of adjacent[node]) {
      if (edge === viaEdge) continue;
      if (discovered[next] === -1) {
        visit(next, edge);
        low[node] = Math.min(low[node], low[next]);
        if (low[next] > discovered[node]) bridge[Math.floor(edge / columns)][edge % columns] = true;
      } else {
        low[node] = Math.min(low[node], discovered[next]);
      }
    }
  };
  for (let node = 0; node < nodes; node += 1) if (discovered[node] === -1) visit(node, -1);
  return bridge;
}

/**
 * Suppresses a grid that already holds its totals (see withTotals): returns the mask of suppressed cells.
 * Primary cells are 0 < n < threshold anywhere (a small total is as telling as a small cell); secondary cells
 * are added until every suppressed cell is on a cycle of suppressed cells.
 */
export function suppressionMask(grid: readonly (readonly number[])[], threshold: number): boolean[][] {
  const mask = grid.map((row) => row.map((value) => value > 0 && value < threshold));
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  for (;;) {
    // The first suppressed cell (row by row) on no cycle: it could be worked out from its row's or column's total.
    const bridges = bridgesOf(mask);
    let bridge: [number, number] | null = null;
    for (let i = 0; i < rows && !bridge; i += 1) for (let j = 0; j < columns && !bridge; j += 1) if (bridges[i][j]) bridge = [i, j];
    if (!bridge) return mask;
    const [i, j] = bridge;
    // The cheapest rectangle (i, j) – (i, j2) – (i2, j2) – (i2, j): least newly hidden total, then fewest new cells.
    let best: { cells: [number, number][]; cost: number } | null = null;
    for (let i2 = 0; i2 < rows; i2 += 1) {
      if (i2 === i) continue;
      for (let j2 = 0; j2 < columns; j2 += 1) {
        if (j2 === j) continue;
        const corners: [number, number][] = [
          [i, j2],
          [i2, j2],
          [i2, j],
        ];
        if (corners.some(([r, c]) => !mask[r][c] && grid[r][c] <= 0)) continue;
        const added = corners.filter(([r, c]) => !mask[r][c]);
        const cost = added.reduce((sum, [r, c]) => sum + grid[r][c], 0) * 1000 + added.length;
        if (!best || cost < best.cost) best = { cells: added, cost };
      }
    }
    if (!best) {
      // No rectangle of positive cells exists: hide every positive cell rather than publish a recoverable one.
      for (let r = 0; r < rows; r += 1) for (let c = 0; c < columns; c += 1) if (grid[r][c] > 0) mask[r][c] = true;
      return mask;
    }
    for (const [r, c] of best.cells) mask[r][c] = true;
  }
}

/** A table published with its totals: cells[i][j], rowTotals[i], columnTotals[j], total. */
export interface PublishedTable {
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  total: PublishedCell;
}

/** The table with its totals, suppressed as a whole when `threshold` is set (published view), as is otherwise. */
export function publishTable(cells: readonly (readonly number[])[], threshold: number | null): PublishedTable {
  const grid = withTotals(cells);
  const mask = threshold === null ? grid.map((row) => row.map(() => false)) : suppressionMask(grid, threshold);
  const cell = (i: number, j: number): PublishedCell => (mask[i][j] ? { value: null, suppressed: true } : { value: grid[i][j], suppressed: false });
  const rows = cells.length;
  const columns = grid[0].length - 1;
  return {
    cells: cells.map((row, i) => row.map((_, j) => cell(i, j))),
    rowTotals: cells.map((_, i) => cell(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => cell(rows, j)),
    total: cell(rows, columns),
  };
}

/** A list of counts published with its total (one column): suppressed so that no count is the total minus the others. */
export function publishList(counts: readonly number[], threshold: number | null): { cells: PublishedCell[]; total: PublishedCell } {
  const table = publishTable(
    counts.map((count) => [count]),
    threshold,
  );
  return { cells: table.cells.map(([cell]) => cell), total: table.columnTotals[0] };
}
