export { buildApp, DEFAULT_LIMITS, type AppDeps } from './app.ts';
export { ApiError, graphErrorBody, API_ERRORS, type ApiErrorCode } from './api-errors.ts';
export { localAuthenticator, type Authenticator, type Principal } from './request-context.ts';
export { defaultWebRoot, registerWebRoutes, type WebRouteDeps } from './web-routes.ts';
