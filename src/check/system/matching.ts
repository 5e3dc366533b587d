/** Nothing to observe: goss's matching compares its own `content` (gossfile/resources/matching.ts). */
import type { Observer } from './observer.js';

export const matching: Observer = { needs: 'nothing', observe: async () => ({}) };
