// The procedure of a case as a step bar (docs/decisions/0005, "States"): the steps of its kind
// in order, each finished, in progress, waiting, or where the case was refused.
import type { CaseEvent } from '../api';

export type StepStatus = 'finish' | 'process' | 'wait' | 'error' | 'success';

export interface Step { state: string; status: StepStatus }

export const IDENTIFICATION_STEPS = [
  'lead', 'home_visit', 'data_comparison', 'village_appraisal', 'public_notice', 'township_review',
  'county_approval', 'monitored',
];
export const ELIMINATION_STEPS = [
  'home_visit', 'village_appraisal', 'public_notice', 'township_review', 'county_approval', 'eliminated',
];
export const OPEN_STATES = IDENTIFICATION_STEPS.slice(0, -1);
export const CLOSED_STATES = ['monitored', 'eliminated', 'rejected', 'dismissed'];
export const ALL_STATES = [...OPEN_STATES, ...CLOSED_STATES];

export function isClosed(state: string): boolean {
  return CLOSED_STATES.includes(state);
}

export function stepsOf(kind: string): string[] {
  return kind === 'elimination' ? ELIMINATION_STEPS : IDENTIFICATION_STEPS;
}

// The step bar of a case in `state`. A case that ended rejected or dismissed shows the step it
// left (the `from` of the event that ended it) as refused, the steps before it done and those
// after it not reached; a monitored or eliminated case shows every step done.
export function stepBar(kind: string, state: string, events: Pick<CaseEvent, 'event' | 'from' | 'to'>[] = []): Step[] {
  const steps = stepsOf(kind);
  let at = steps.indexOf(state);
  let status: StepStatus = 'process';
  if (state === 'rejected' || state === 'dismissed') {
    const ending = [...events].reverse().find((e) => e.to === state && e.from !== state);
    at = ending ? steps.indexOf(ending.from) : -1;
    status = 'error';
  } else if (at === steps.length - 1) {
    status = 'success';
  }
  return steps.map((s, i) => ({
    state: s,
    status: at < 0 ? 'wait' : i < at ? 'finish' : i === at ? status : 'wait',
  }));
}

// The index of the step the bar highlights (the first not finished), for el-steps' `active`.
export function activeStep(steps: Step[]): number {
  const i = steps.findIndex((s) => s.status !== 'finish');
  return i < 0 ? steps.length : i;
}
