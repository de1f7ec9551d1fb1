import type { TrainingFact } from '../identity/service.js';
import type { z } from 'zod';
import type { TrainingView } from './model-duties.js';

/** A Training as the lab's duty page lists it (LAB-15). */
export const presentTraining = (t: TrainingFact): z.infer<typeof TrainingView> => ({
  id: t.id,
  labId: t.labId,
  title: t.title,
  kind: t.kind,
  heldOn: t.heldOn,
  hours: t.hours,
  attendeeCount: t.attendeeCount,
  signInSheetRef: t.signInSheetRef,
});
