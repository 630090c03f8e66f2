/**
 * Counter posters for printing: the A4 page and the QR code of a counter
 * link. Printing is an office task: any role, and a unit head only for the
 * counters of their unit (permissions).
 */
import { DomainError } from './errors';
import type { Entities, ServicePoint } from './entities';
import { authorise, type Viewer } from './permissions';
import { posterHtml, qrPng, qrSvg } from './posters';

export interface PostersDeps {
  entities: Entities;
  /** Where a counter link points (PUBLIC_URL/s/<code>). */
  counterUrl: (code: string) => string;
}

export class PostersService {
  constructor(private readonly deps: PostersDeps) {}

  async poster(viewer: Viewer, servicePointId: string): Promise<string> {
    const sp = await this.counter(viewer, servicePointId);
    const org = await this.deps.entities.get('organisation', sp.orgId);
    if (!org) throw new DomainError('not-found', 'Organisation missing');
    return posterHtml({ orgName: org.name, counterName: sp.name, counterCode: sp.code, url: this.deps.counterUrl(sp.code) });
  }

  async qrSvg(viewer: Viewer, servicePointId: string): Promise<{ code: string; svg: string }> {
    const sp = await this.counter(viewer, servicePointId);
    return { code: sp.code, svg: await qrSvg(this.deps.counterUrl(sp.code)) };
  }

  async qrPng(viewer: Viewer, servicePointId: string, size: number): Promise<{ code: string; png: Buffer }> {
    const sp = await this.counter(viewer, servicePointId);
    return { code: sp.code, png: await qrPng(this.deps.counterUrl(sp.code), size) };
  }

  private async counter(viewer: Viewer, id: string): Promise<ServicePoint> {
    return authorise(viewer, 'counter', await this.deps.entities.get('servicePoint', id));
  }
}
