import { matchingEn, matchingJa } from './matching';
import { outreachEn, outreachJa } from './outreach';

/** アウトリーチ and 参加支援 messages, merged into ja.ts / en.ts (`resources` and `tsunagu` spread into theirs). */
export const programmesJa = {
  resources: { ...outreachJa.resources, ...matchingJa.resources },
  tsunagu: { ...outreachJa.tsunagu, ...matchingJa.tsunagu },
};

export const programmesEn: typeof programmesJa = {
  resources: { ...outreachEn.resources, ...matchingEn.resources },
  tsunagu: { ...outreachEn.tsunagu, ...matchingEn.tsunagu },
};
