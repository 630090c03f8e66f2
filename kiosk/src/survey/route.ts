/**
 * Which survey this page is for, read from its address:
 * /s/<counter code> (poster) or /l/<token> (dossier receipt).
 */
export type SurveyRoute = { kind: 'counter'; code: string } | { kind: 'link'; token: string };

export function parseRoute(pathname: string): SurveyRoute | null {
  const m = /^\/(s|l)\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  let value: string;
  try {
    value = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  return m[1] === 's' ? { kind: 'counter', code: value } : { kind: 'link', token: value };
}

/** Must match the URL the server preloads in survey.html, byte for byte, or the preload is wasted. */
export function contextUrl(route: SurveyRoute): string {
  return route.kind === 'counter'
    ? `/api/v1/public/survey-context?counter=${encodeURIComponent(route.code)}`
    : `/api/v1/public/survey-context?token=${encodeURIComponent(route.token)}`;
}

/** One draft per counter and per dossier link. The token's tail (its signature) is unique per link. */
export function draftKey(route: SurveyRoute): string {
  return route.kind === 'counter' ? `hl-survey:s:${route.code.toLowerCase()}` : `hl-survey:l:${route.token.slice(-24)}`;
}
