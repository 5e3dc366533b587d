/** Nothing to observe: includes are merged when the spec loads (gossfile/resources/gossfile.ts). */
import type { Observer } from './observer.js';

export const gossfile: Observer = { needs: 'nothing', observe: async () => ({}) };
