export * from './nodes.ts';
export * from './factories.ts';
export * from './functions.ts';
export { printExpr, printPlan } from './print.ts';
export { scannedKinds } from './scanned-kinds.ts';
