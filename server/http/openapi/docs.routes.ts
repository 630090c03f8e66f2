/**
 * GET /api/v1/openapi.json — the OpenAPI 3.1 document, for generators and tools;
 * GET /api/v1/docs — the same, readable, for the people who integrate.
 * Public: the contract is no secret, and a vendor reads it before having a key.
 */
import { Router } from 'express';
import type { AppContext } from '../../context';
import { openApiDocument } from './document';
import { DOCS_CSS, renderDocsPage } from './docs-page';

/** No script, nothing from elsewhere: the page is plain HTML and one local style sheet. */
const DOCS_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function docsRoutes(ctx: Pick<AppContext, 'version'>): Router {
  const r = Router();
  let page: string | null = null;

  r.get('/openapi.json', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.json(openApiDocument(ctx.version));
  });

  r.get('/docs', (_req, res) => {
    page ??= renderDocsPage(openApiDocument(ctx.version));
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', DOCS_CSP);
    res.type('html').send(page);
  });

  r.get('/docs/style.css', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.type('text/css').send(DOCS_CSS);
  });
  return r;
}
