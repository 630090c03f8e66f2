/**
 * The wire shape of GET /api/v1/public/survey-context lives in the HTTP
 * contract (shared/api/survey-links.ts); re-exported for the server modules
 * that name it here.
 */
export type { LinkState, SurveyContext } from '../../shared/api/survey-links';
