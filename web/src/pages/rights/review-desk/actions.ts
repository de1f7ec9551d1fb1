import type { ReviewAction } from '../api';

/** What a desk button asks for before it posts. */
export type ActionForm = 'none' | 'reason' | 'reasonAndGrounds' | 'defects';

export interface DeskAction {
  key: 'accept' | 'reject' | 'formalReview' | 'correction' | 'commission' | 'pass' | 'refuse';
  action: ReviewAction;
  form: ActionForm;
  danger?: boolean;
  /** The fixed part of the body (decide's outcome). */
  outcome?: 'pass' | 'fail';
}

const ACCEPT: DeskAction = { key: 'accept', action: 'accept', form: 'none' };
const REJECT: DeskAction = { key: 'reject', action: 'reject', form: 'reasonAndGrounds', danger: true };
const FORMAL: DeskAction = { key: 'formalReview', action: 'formal-review', form: 'none' };
const CORRECTION: DeskAction = { key: 'correction', action: 'request-correction', form: 'defects', danger: true };
const COMMISSION: DeskAction = { key: 'commission', action: 'commission', form: 'none' };
const PASS: DeskAction = { key: 'pass', action: 'decide', form: 'none', outcome: 'pass' };
const REFUSE: DeskAction = { key: 'refuse', action: 'decide', form: 'reason', danger: true, outcome: 'fail' };

/**
 * The registry's moves per state, read from the RightsRegistration lifecycle (server rights/lifecycle.ts). The view
 * carries no abilities, so these only offer what the lifecycle allows from the state; the server still decides who.
 */
export const ACTIONS_BY_STATE: Record<string, DeskAction[]> = {
  submitted: [ACCEPT, REJECT],
  accepted: [FORMAL, CORRECTION],
  formal_review: [COMMISSION, CORRECTION, REFUSE],
  substantive_review: [PASS, REFUSE],
  second_review: [PASS, REFUSE],
};

/** The desk's queues (tabs) and the states each lists. */
export const QUEUES = [
  { key: 'intake', states: ['submitted'] },
  { key: 'formal', states: ['accepted', 'formal_review', 'correction_requested'] },
  { key: 'substantive', states: ['substantive_review'] },
  { key: 'second', states: ['second_review'] },
  { key: 'publicity', states: ['publicity', 'suspended'] },
] as const;
export type QueueKey = (typeof QUEUES)[number]['key'];
