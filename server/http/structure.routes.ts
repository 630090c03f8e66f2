/**
 * Writes to the office's structure (the reads stay in config.routes):
 *   POST /units · PATCH /units/:id (admin, manager; a unit head renames their own)
 *   POST /service-points · PATCH /service-points/:id (a unit head: their unit's)
 *   POST /officers · PATCH /officers/:id (a unit head: their unit's)
 *   POST /procedures · PATCH /procedures/:id · POST /procedures/import (admin, manager)
 *   POST /procedures/import/file (the XLSX or CSV file as the body)
 *   POST /officers/:id/photo (the image as the body) · DELETE /officers/:id/photo
 *   GET /officer-photos/:id (public: the kiosk's <img> carries no token)
 */
import express, { Router } from 'express';
import { DomainError } from '../domain/errors';
import { XLSX_TYPE } from '../domain/procedures-xlsx';
import { PHOTO_MAX_BYTES } from '../domain/officer-photos';
import type { AppContext } from '../context';
import { handle, requireUser } from './auth.middleware';
import { parseOr400 } from './validate';
import { rolesFor } from '../domain/permissions';
import {
  IdParamsSchema,
  OfficerCreateBodySchema,
  OfficerPatchBodySchema,
  PROCEDURE_FILE_MAX_BYTES,
  ProcedureCreateBodySchema,
  ProcedureFileImportQuerySchema,
  ProcedureImportBodySchema,
  ProcedurePatchBodySchema,
  ServicePointCreateBodySchema,
  ServicePointPatchBodySchema,
  UnitCreateBodySchema,
  UnitPatchBodySchema,
} from '../../shared/api';
import { toOfficerDto, toProcedureDto, toProcedureImportResult, toServicePointDto, toUnitDto } from './dto';

export function structureRoutes(ctx: AppContext): Router {
  const r = Router();
  const managers = requireUser(ctx, rolesFor('units.manage'));
  const anyone = requireUser(ctx, rolesFor('structure.change'));
  const procedures = requireUser(ctx, rolesFor('procedures.manage'));
  const s = ctx.structure;

  r.post('/units', managers, handle(async (req, res) => {
    res.status(201).json(toUnitDto(await s.createUnit(req.user!, parseOr400(UnitCreateBodySchema, req.body))));
  }));
  r.patch('/units/:id', anyone, handle(async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params);
    res.json(toUnitDto(await s.updateUnit(req.user!, id, parseOr400(UnitPatchBodySchema, req.body))));
  }));

  r.post('/service-points', anyone, handle(async (req, res) => {
    res.status(201).json(toServicePointDto(await s.createServicePoint(req.user!, parseOr400(ServicePointCreateBodySchema, req.body))));
  }));
  r.patch('/service-points/:id', anyone, handle(async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params);
    res.json(toServicePointDto(await s.updateServicePoint(req.user!, id, parseOr400(ServicePointPatchBodySchema, req.body))));
  }));

  r.post('/officers', anyone, handle(async (req, res) => {
    res.status(201).json(toOfficerDto(await s.createOfficer(req.user!, parseOr400(OfficerCreateBodySchema, req.body))));
  }));
  r.patch('/officers/:id', anyone, handle(async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params);
    res.json(toOfficerDto(await s.updateOfficer(req.user!, id, parseOr400(OfficerPatchBodySchema, req.body))));
  }));

  // Any media type is read as bytes: the photo's own signature decides (a wrong one is a 400 naming photo).
  // The parser's limit is above the photo's so that a 2.5 MB photo is told "at most 2 MB" by name.
  r.post(
    '/officers/:id/photo',
    anyone,
    express.raw({ type: () => true, limit: PHOTO_MAX_BYTES * 2 }),
    handle(async (req, res) => {
      const { id } = parseOr400(IdParamsSchema, req.params);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      res.json(toOfficerDto(await s.setOfficerPhoto(req.user!, id, bytes)));
    }),
  );
  r.delete('/officers/:id/photo', anyone, handle(async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params);
    res.json(toOfficerDto(await s.removeOfficerPhoto(req.user!, id)));
  }));
  r.get('/officer-photos/:id', handle(async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params);
    const photo = await s.officerPhoto(id);
    if (!photo) throw new DomainError('not-found', 'No photo for this officer');
    // The URL names the version: the same URL is the same picture for good.
    res.setHeader('cache-control', req.query.v === photo.version ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.type('image/webp').send(photo.bytes);
  }));

  // The file as it is: larger than a JSON body may be, so its own parser and limit (413 beyond it).
  r.post(
    '/procedures/import/file',
    procedures,
    express.raw({ type: [XLSX_TYPE, 'text/csv', 'text/plain', 'application/octet-stream'], limit: PROCEDURE_FILE_MAX_BYTES }),
    handle(async (req, res) => {
      const { dryRun } = parseOr400(ProcedureFileImportQuerySchema, req.query);
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new DomainError('invalid-input', 'Send the file as the body (XLSX or text/csv)', [{ path: 'file', message: `an XLSX (${XLSX_TYPE}) or text/csv body is required` }]);
      }
      res.json(toProcedureImportResult(await s.importProcedureFile(req.user!, req.body, !dryRun)));
    }),
  );
  // Before /procedures/:id, so "import" is never read as an id.
  r.post('/procedures/import', procedures, handle(async (req, res) => {
    const { csv, dryRun } = parseOr400(ProcedureImportBodySchema, req.body);
    res.json(toProcedureImportResult(await s.importProcedures(req.user!, csv, !dryRun)));
  }));
  r.post('/procedures', procedures, handle(async (req, res) => {
    res.status(201).json(toProcedureDto(await s.createProcedure(req.user!, parseOr400(ProcedureCreateBodySchema, req.body))));
  }));
  r.patch('/procedures/:id', procedures, handle(async (req, res) => {
    const { id } = parseOr400(IdParamsSchema, req.params);
    res.json(toProcedureDto(await s.updateProcedure(req.user!, id, parseOr400(ProcedurePatchBodySchema, req.body))));
  }));
  return r;
}
