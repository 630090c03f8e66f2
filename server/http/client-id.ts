/**
 * The counter-QR client id cookie (`hl_client`): issued by the server, signed,
 * at a limited rate per address (SurveyLinksService.issueClientId). Set by
 * the counter page (GET /s/<code>) when it has none or a forged one.
 */
import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { CLIENT_COOKIE } from '../cookies';

const CLIENT_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/**
 * Sets a fresh signed id as the cookie and in the `x-client-id` answer header
 * (for a page that keeps it itself). Nothing when this address had too many
 * this hour: the client then answers without one.
 */
export async function setClientCookie(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const id = await ctx.surveyLinks.issueClientId(req.ip ?? 'unknown');
  if (!id) return;
  const secure = ctx.config.secure ? '; Secure' : '';
  res.append('set-cookie', `${CLIENT_COOKIE}=${id}; Path=/; Max-Age=${CLIENT_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure}`);
  res.setHeader('x-client-id', id);
}
