import * as fc from 'fast-check';
import { publishList, publishTable, suppressionMask, withTotals } from './suppression';

/**
 * Independent check (linear algebra, not the graph argument the implementation uses): with the published cells
 * known, every row sums to its total and every column to its total. A suppressed cell can be recovered exactly
 * when its unit vector lies in the row space of those equations restricted to the suppressed cells.
 */
function recoverableCells(grid: number[][], mask: boolean[][]): [number, number][] {
  const rows = grid.length;
  const columns = grid[0].length;
  const unknowns: [number, number][] = [];
  for (let i = 0; i < rows; i += 1) for (let j = 0; j < columns; j += 1) if (mask[i][j]) unknowns.push([i, j]);
  const index = new Map(unknowns.map(([i, j], k) => [`${i}:${j}`, k]));
  const equations: number[][] = [];
  // Row i: cells of the row minus its total = 0 (the last row is the column totals, the last column the row totals).
  for (let i = 0; i < rows; i += 1) {
    const equation = new Array(unknowns.length).fill(0);
    for (let j = 0; j < columns; j += 1) {
      const k = index.get(`${i}:${j}`);
      if (k !== undefined) equation[k] += j === columns - 1 ? -1 : 1;
    }
    equations.push(equation);
  }
  for (let j = 0; j < columns; j += 1) {
    const equation = new Array(unknowns.length).fill(0);
    for (let i = 0; i < rows; i += 1) {
      const k = index.get(`${i}:${j}`);
      if (k !== undefined) equation[k] += i === rows - 1 ? -1 : 1;
    }
    equations.push(equation);
  }
  const rank = (matrix: number[][]): number => {
    const m = matrix.map((row) => [...row]);
    let r = 0;
    for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c += 1) {
      const pivot = m.findIndex((row, index) => index >= r && Math.abs(row[c]) > 1e-9);
      if (pivot < 0) continue;
      [m[r], m[pivot]] = [m[pivot], m[r]];
      for (let i = 0; i < m.length; i += 1) {
        if (i === r || Math.abs(m[i][c]) < 1e-9) continue;
        const factor = m[i][c] / m[r][c];
        for (let k = c; k < m[i].length; k += 1) m[i][k] -= factor * m[r][k];
      }
      r += 1;
    }
    return r;
  };
  const base = rank(equations);
  return unknowns.filter((_, k) => {
    const unit = new Array(unknowns.length).fill(0);
    unit[k] = 1;
    return rank([...equations, unit]) === base;
  });
}

const table = fc.integer({ min: 1, max: 6 }).chain((rows) => fc.integer({ min: 1, max: 8 }).chain((columns) => fc.array(fc.array(fc.nat({ max: 12 }), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows })));

describe('small-cell suppression', () => {
  it('leaves no suppressed cell recoverable from the row and column totals, hides every small cell and total, and never hides a zero (property)', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 2, max: 5 }), (cells, threshold) => {
        const grid = withTotals(cells);
        const mask = suppressionMask(grid, threshold);
        expect(recoverableCells(grid, mask)).toEqual([]);
        grid.forEach((row, i) =>
          row.forEach((value, j) => {
            if (value > 0 && value < threshold) expect(mask[i][j]).toBe(true);
            // Non-negativity cannot pin a cell either: every suppressed cell is positive, so each cycle moves both ways.
            if (mask[i][j]) expect(value).toBeGreaterThan(0);
          }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('suppresses a second cell of a row whose one small cell the row total would give away', () => {
    const published = publishTable(
      [
        [1, 5, 7],
        [6, 8, 9],
      ],
      3,
    );
    expect(published.cells[0][0]).toEqual({ value: null, suppressed: true });
    expect(published.cells[0].filter((cell) => cell.suppressed).length).toBeGreaterThanOrEqual(2);
    expect(published.cells.map((row) => row[0]).filter((cell) => cell.suppressed).length).toBeGreaterThanOrEqual(2);
    expect(published.total).toEqual({ value: 36, suppressed: false });
    expect(publishTable([[1, 5]], null).cells[0][0]).toEqual({ value: 1, suppressed: false });
  });

  it('suppresses a list so that no count is its total minus the others', () => {
    const list = publishList([2, 0, 10, 12], 3);
    expect(list.cells.map((cell) => cell.suppressed)).toEqual([true, false, true, false]);
    expect(list.total).toEqual({ value: 24, suppressed: false });
  });
});
