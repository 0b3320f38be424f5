// Provisioning cycles: an HR source feeding the directory (inbound) and the directory feeding a SaaS
// app (outbound), every 40 minutes, with success, skipped and failed changes and their steps.
import { Prng } from './prng.ts';
import { DAY, MINUTE, TICKS, type EntraClock, type DemoWindow } from './entra-time.ts';
import type { DemoTenant, DemoUser } from './tenant-model.ts';
import type { DayGenerator } from './timed-record.ts';

const CYCLE = 40 * MINUTE;
type Result = 'success' | 'skipped' | 'failure';
type Action = 'create' | 'update' | 'disable' | 'delete';

interface Job {
  readonly jobId: string;
  readonly servicePrincipal: { readonly id: string; readonly displayName: string };
  readonly source: { readonly id: string; readonly displayName: string };
  readonly target: { readonly id: string; readonly displayName: string };
  readonly inbound: boolean;
}

const FAILURES = [
  { errorCode: 'EntryConflict', reason: 'An entry with the same matching attribute value already exists in the target system.', recommendedAction: 'Resolve the duplicate entry in the target system.', errorCategory: 'nonServiceFailure' },
  { errorCode: 'MandatoryFieldsMissing', reason: 'The target system requires a value for attribute mail, and none was provided.', recommendedAction: 'Populate the attribute in the source or add a default mapping.', errorCategory: 'nonServiceFailure' },
  { errorCode: 'InsufficientRights', reason: 'The provisioning service account lacks permission to update this object.', recommendedAction: 'Grant the service account the required permissions.', errorCategory: 'nonServiceFailure' },
  { errorCode: 'TooManyRequests', reason: 'The target system throttled the request.', recommendedAction: 'No action needed; the change is retried in the next cycle.', errorCategory: 'failure' },
] as const;

const STEP_NAME: Record<Action, string> = { create: 'Add', update: 'Update', disable: 'Update', delete: 'Delete' };

export function createProvisioningGenerator(seed: number, t: DemoTenant, window: DemoWindow, clock: EntraClock): DayGenerator {
  const rng = new Prng(seed, 'provisioning');
  const compactTenant = t.id.replace(/-/g, '');
  const entra = { id: rng.guid(), displayName: 'Microsoft Entra ID' };
  const hr = t.apps.find((a) => a.displayName === 'Workday') ?? t.apps[0];
  const saas = t.apps.find((a) => a.displayName === 'Salesforce') ?? t.apps[0];
  const jobs: Job[] = [
    { jobId: `Workday2AAD.${compactTenant}.${rng.guid()}`, servicePrincipal: { id: hr.servicePrincipalId, displayName: 'Workday to Microsoft Entra ID User Provisioning' },
      source: { id: rng.guid(), displayName: 'Workday' }, target: entra, inbound: true },
    { jobId: `salesforce.${compactTenant}.${rng.guid()}`, servicePrincipal: { id: saas.servicePrincipalId, displayName: saas.displayName },
      source: entra, target: { id: rng.guid(), displayName: 'Salesforce' }, inbound: false },
  ];
  const members = t.users.filter((u) => u.userType === 'member');
  const changesPerCycle = Math.max(1, t.users.length / 400);

  function change(job: Job, cycleId: string, ms: number, u: DemoUser): { k: number; record: Record<string, unknown> } {
    const r = rng.next();
    const result: Result = r < 0.85 ? 'success' : r < 0.95 ? 'skipped' : 'failure';
    const a = rng.next();
    const action: Action = a < 0.12 ? 'create' : a < 0.9 ? 'update' : a < 0.97 ? 'disable' : 'delete';
    const failure = result === 'failure' ? rng.pick(FAILURES) : null;
    const step = (name: string, description: string, provisioningStepType: string, status: string) =>
      ({ name, description, details: {}, provisioningStepType, status });
    const steps = [
      step('EntryImport', `Retrieved ${u.displayName} from ${job.source.displayName}`, 'import', 'success'),
      step('EntrySynchronizationScoping', result === 'skipped'
        ? `${u.displayName} is not in scope of the provisioning configuration` : `${u.displayName} is in scope`, 'scoping',
      result === 'skipped' ? 'skipped' : 'success'),
    ];
    if (result !== 'skipped') {
      steps.push(step('EntryImportByMatchingAttributes', `Matched ${u.displayName} on ${job.inbound ? 'employeeId' : 'userPrincipalName'}`, 'matching', 'success'));
      steps.push(step(`EntrySynchronization${STEP_NAME[action]}`, `Determined the ${action} for ${u.displayName}`, 'processing', 'success'));
      steps.push(step(`EntryExport${STEP_NAME[action]}`, failure ? failure.reason : `${action} exported to ${job.target.displayName}`, 'export', result));
    }
    const k = clock.key(Math.floor(ms), rng.int(TICKS));
    const identity = (id: string) => ({ id, displayName: u.displayName, identityType: 'User', details: {} });
    const errorInformation = failure ? { ...failure, additionalDetails: null }
      : result === 'skipped' ? { errorCode: 'EntrySynchronizationSkipped', reason: 'The object is not in scope.', additionalDetails: null, recommendedAction: null, errorCategory: 'nonServiceFailure' }
        : null;
    const record = {
      id: `${cycleId}_${rng.hex(8)}`,
      activityDateTime: clock.format(k),
      changeId: rng.guid(), cycleId, durationInMilliseconds: 60 + rng.int(2400),
      initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
      jobId: job.jobId,
      modifiedProperties: result === 'skipped' ? [] : [
        { displayName: 'accountEnabled', oldValue: action === 'create' ? null : 'True', newValue: action === 'disable' ? 'False' : 'True' },
        { displayName: 'department', oldValue: null, newValue: u.department },
        { displayName: 'jobTitle', oldValue: null, newValue: u.jobTitle },
      ],
      provisioningAction: result === 'skipped' ? 'other' : action,
      provisioningStatusInfo: { status: result, errorInformation },
      provisioningSteps: steps,
      servicePrincipal: job.servicePrincipal,
      sourceIdentity: identity(job.inbound ? `WD${100000 + u.index}` : u.id),
      sourceSystem: { id: job.source.id, displayName: job.source.displayName, details: {} },
      targetIdentity: identity(job.inbound ? u.id : `005${rng.hex(6)}`),
      targetSystem: { id: job.target.id, displayName: job.target.displayName, details: {} },
      tenantId: t.id,
      // Deprecated beta twins of provisioningAction/provisioningStatusInfo, still on the wire.
      action: result === 'skipped' ? 'Other' : action[0].toUpperCase() + action.slice(1),
      statusInfo: {
        status: result, errorCode: errorInformation?.errorCode ?? null, reason: errorInformation?.reason ?? null,
        additionalDetails: null, recommendedAction: errorInformation?.recommendedAction ?? null,
        errorCategory: errorInformation?.errorCategory ?? null,
      },
    };
    return { k, record };
  }

  return {
    day(day, push) {
      const dayStart = window.base + day * DAY;
      for (let c = dayStart; c < dayStart + DAY; c += CYCLE) {
        if (c < window.start || c + 10 * MINUTE >= window.end) continue;
        for (const job of jobs) {
          const cycleId = rng.guid();
          const n = rng.poisson(changesPerCycle);
          for (let i = 0; i < n; i++) {
            const { k, record } = change(job, cycleId, c + 20_000 + rng.next() * 5 * MINUTE, rng.pick(members));
            push({ kind: 'provisioning', k, tag: null, record });
          }
        }
      }
    },
  };
}
