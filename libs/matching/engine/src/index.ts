export * from './lib/model';
export { compareRanked, rank, violatedConstraints, weightErrors } from './lib/rank';
