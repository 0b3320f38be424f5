export * from './risk-types.ts';
export { RISK_RULES } from './risk-rules.ts';
export { createRiskEngine, riskyUsersFrom, sortDetections, DETECTION_WINDOW_DAYS, type RiskEngine } from './risk-engine.ts';
