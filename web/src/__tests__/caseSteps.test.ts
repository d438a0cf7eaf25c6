// The step bar of a case: steps per kind, the current one, and where a refused case stopped.
import { describe, expect, it } from 'vitest';
import { activeStep, ELIMINATION_STEPS, IDENTIFICATION_STEPS, stepBar } from '../lib/caseSteps';

const statuses = (steps: { status: string }[]) => steps.map((s) => s.status);

describe('stepBar', () => {
  it('an identification case follows the eight steps of decision 0005', () => {
    const steps = stepBar('identification', 'lead');
    expect(steps.map((s) => s.state)).toEqual(IDENTIFICATION_STEPS);
    expect(statuses(steps)).toEqual(['process', 'wait', 'wait', 'wait', 'wait', 'wait', 'wait', 'wait']);
    expect(activeStep(steps)).toBe(0);
  });

  it('the steps before the current one are done', () => {
    const steps = stepBar('identification', 'public_notice');
    expect(statuses(steps)).toEqual(['finish', 'finish', 'finish', 'finish', 'process', 'wait', 'wait', 'wait']);
    expect(activeStep(steps)).toBe(4);
  });

  it('a monitored case has every step done and the last one a success', () => {
    const steps = stepBar('identification', 'monitored');
    expect(statuses(steps)).toEqual([...Array(7).fill('finish'), 'success']);
  });

  it('an elimination case starts at the home visit and ends eliminated', () => {
    const steps = stepBar('elimination', 'village_appraisal');
    expect(steps.map((s) => s.state)).toEqual(ELIMINATION_STEPS);
    expect(statuses(steps)).toEqual(['finish', 'process', 'wait', 'wait', 'wait', 'wait']);
  });

  it('a rejected case shows the step that refused it, from the event that ended it', () => {
    const events = [
      { event: 'open', from: 'lead', to: 'lead' },
      { event: 'apply', from: 'lead', to: 'home_visit' },
      { event: 'record_home_visit', from: 'home_visit', to: 'data_comparison' },
      { event: 'record_comparison', from: 'data_comparison', to: 'village_appraisal' },
      { event: 'record_appraisal', from: 'village_appraisal', to: 'public_notice' },
      { event: 'close_notice', from: 'public_notice', to: 'township_review' },
      { event: 'reject', from: 'township_review', to: 'rejected' },
    ];
    const steps = stepBar('identification', 'rejected', events);
    expect(statuses(steps)).toEqual(['finish', 'finish', 'finish', 'finish', 'finish', 'error', 'wait', 'wait']);
    expect(activeStep(steps)).toBe(5);
  });

  it('a dismissed lead shows the lead step refused', () => {
    const steps = stepBar('identification', 'dismissed', [{ event: 'dismiss', from: 'lead', to: 'dismissed' }]);
    expect(statuses(steps)).toEqual(['error', ...Array(7).fill('wait')]);
  });

  it('a refused case without its events marks no step', () => {
    expect(statuses(stepBar('identification', 'rejected'))).toEqual(Array(8).fill('wait'));
  });
});
