/**
 * Counter posters for printing: the A4 page and the QR code of a counter
 * link. Printing is an office task: any role, and a unit head only for the
 * counters of their unit (permissions).
 */
import { DomainError } from './errors';
import type { Entities, ServicePoint } from './entities';
import { authorise, visibleConfig, type Viewer } from './permissions';
import { posterHtml, postersHtml, qrPng, qrSvg } from './posters';
import { fill, posterText } from '../../shared/i18n/survey';

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

  /**
   * Every active counter the viewer may print (a unit head: their unit's), or
   * only the given ones, in code order: one A4 page each.
   */
  async posters(viewer: Viewer, opts: { ids?: string[]; unitId?: string } = {}): Promise<string> {
    const org = await this.deps.entities.get('organisation', viewer.orgId);
    if (!org) throw new DomainError('not-found', 'Organisation missing');
    const all = visibleConfig(viewer, 'servicePoint', await this.deps.entities.list('servicePoint', { orgId: viewer.orgId }));
    const chosen = all
      .filter((sp) => sp.active !== false)
      .filter((sp) => !opts.ids || opts.ids.includes(sp.id))
      .filter((sp) => !opts.unitId || sp.unitId === opts.unitId)
      .sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }));
    if (opts.ids) for (const id of opts.ids) if (!chosen.some((sp) => sp.id === id)) throw new DomainError('not-found', 'No such counter');
    if (chosen.length === 0) throw new DomainError('not-found', 'No counters to print');
    const input = chosen.map((sp) => ({ orgName: org.name, counterName: sp.name, counterCode: sp.code, url: this.deps.counterUrl(sp.code) }));
    return postersHtml(input, fill(posterText.vi.allTitle, { n: chosen.length }));
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
