// The External ID sign-up funnel (issue 6 §1). Sign-up events share a correlationId per attempt
// and there is one event per stage reached, so an attempt is a group of events.
//
// How one attempt is classified (all in the first aggregate below, per correlationId):
// - entered stage S: the attempt has an event at S.
// - completed: it has an event at `userCreation` whose errorCode is 0 or an expected interruption
//   (50140 "keep me signed in" follows a successful creation).
// - failure event: errorCode not 0 and not an expected interruption (1002013 = prompted for the
//   email one-time passcode, 50140 = keep me signed in). Interruptions are steps of the flow, so
//   they never count as failures.
// - failed at stage X: not completed and has a failure event; X is the latest stage (flow order)
//   of its failure events.
// - existing account: an event before userCreation already carries a user id (userSnapshot/userId
//   or the flat userId of the live sample): the email belonged to an account, so the attempt is
//   counted apart (`existingAccountAttempts`); it still counts as an attempt, as Entra's log does.
// - left at stage S (drop-off): not completed and S is the furthest stage (flow order) it reached;
//   it left either by failing there or by abandoning. dropOffRate(S) = left(S) / entered(S).
// - highest drop-off stage: most attempts left there (ties: earlier in flow order); the stage with
//   the highest rate is reported as well.
// - conversion = completed / attempts; the day of an attempt is the UTC day of its first event.
// Local account = identity provider `Email Password` / `Email OTP` (any `Email …`); others are social.
import {
  agg, aggregate, and, call, caseWhen, cmp, eq, field, inList, isNull, lit, named, not, or, scan, where, type Expr,
} from '../query/ir/index.ts';
import { SIGN_UP_INTERRUPT_CODES, STAGE_ORDER, stageColumn } from './sign-up-stages.ts';
import { inRange } from './report-exprs.ts';
import { lastDays, type ReportDef } from './report-types.ts';
import { shapeFunnel } from './sign-up-funnel-shape.ts';


const code = field('status', 'errorCode');
const okOrInterrupt = (): Expr => or(eq(code, lit(0)), inList(code, SIGN_UP_INTERRUPT_CODES.map((c) => lit(c))));
const isFailure = (): Expr => and(isNull(code, true), not(okOrInterrupt()));
const stageOrdinal = (): Expr =>
  caseWhen(STAGE_ORDER.map((s, i) => ({ when: eq(field('signUpStage'), lit(s)), then: lit(i) })), lit(-1));
const hasUserId = (): Expr => or(isNull(field('userSnapshot', 'userId'), true), isNull(field('userId'), true));

export const signUpFunnelReport: ReportDef = {
  name: 'signUpFunnel',
  description: 'Sign-up funnel: conversion, per-stage entered/left and drop-off, by provider and local vs social, daily trend',
  params: [],
  defaultRange: (now) => lastDays(now, 30),
  build(ctx) {
    const events = where(scan('signUps', ctx.tenantId), inRange('createdDateTime', ctx.range));
    const attempts = aggregate(events, [named('correlationId', field('correlationId'))], [
      // min() rather than any_value so the answer is deterministic if a provider name ever differs.
      named('provider', agg('min', [field('signUpIdentityProvider')])),
      named('appId', agg('min', [field('appId')])),
      named('startedAt', agg('min', [field('createdDateTime')])),
      named('lastOrd', agg('max', [stageOrdinal()])),
      named('completedN', agg('count', [], { filter: and(eq(field('signUpStage'), lit('userCreation')), okOrInterrupt()) })),
      named('failOrd', agg('max', [stageOrdinal()], { filter: isFailure() })),
      named('existingN', agg('count', [], { filter: and(hasUserId(), cmp('ne', field('signUpStage'), lit('userCreation'))) })),
      ...STAGE_ORDER.map((s) => named(stageColumn(s), agg('count', [], { filter: eq(field('signUpStage'), lit(s)) }))),
    ]);
    // Second level: a few hundred rows (provider × day × outcome) the shaper folds into slices.
    const summary = aggregate(attempts, [
      named('provider', field('provider')),
      named('day', call('startofday', field('startedAt'))),
      named('lastOrd', field('lastOrd')),
      named('completed', cmp('gt', field('completedN'), lit(0))),
      named('failOrd', field('failOrd')),
      named('existing', cmp('gt', field('existingN'), lit(0))),
    ], [
      named('attempts', agg('count')),
      ...STAGE_ORDER.map((s) => named(stageColumn(s), agg('count', [], { filter: cmp('gt', field(stageColumn(s)), lit(0)) }))),
    ]);
    const codes = aggregate(events, [named('errorCode', code), named('failureReason', field('status', 'failureReason'))], [named('events', agg('count'))]);
    return { attempts: summary, codes };
  },
  shape(results) {
    return shapeFunnel(results['attempts'] ?? [], results['codes'] ?? []);
  },
};
