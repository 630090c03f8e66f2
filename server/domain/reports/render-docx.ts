/**
 * The report as an editable DOCX in the Vietnamese administrative-document
 * layout of Decree 30/2020/NĐ-CP: agency names top left, the national name
 * and motto top right, number, place and date, "BÁO CÁO" and its subject,
 * the body and tables, "Nơi nhận:" and the signature block. Times New Roman
 * 13 pt, A4, margins top/bottom 20 mm, left 30 mm, right 15 mm.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import type { ReportContent } from '../../../shared/api/reports';

import { cellText, reportTables } from './report-tables';
import { reportText, type ReportText } from './report-text';

const FONT = 'Times New Roman';
/** A4 in twips as Word writes it (210 × 297 mm). */
const A4 = { width: 11906, height: 16838 };
/** Millimetres to twips, rounded up: a margin never falls below the decree's minimum. */
const mm = (x: number) => Math.ceil((x * 1440) / 25.4);
const SIZE = 26; // half-points: 13 pt
const HEADER_SIZE = 24; // 12 pt: the decree's size for agency and national names, so the national name fits on one line
/** The text width between the margins, twips (210 − 30 − 15 mm). */
const TEXT_WIDTH = A4.width - mm(30) - mm(15);
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS: ITableCellBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: o.size ?? SIZE, bold: o.bold, italics: o.italics });
const para = (text: string, o: { bold?: boolean; italics?: boolean; center?: boolean; size?: number; after?: number } = {}) =>
  new Paragraph({ alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED, spacing: { after: o.after ?? 60 }, children: [run(text, o)] });

/** A two-column table with no borders: the header and the signature block. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftPct = 40): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: [
      new TableRow({
        children: [
          new TableCell({ borders: NO_BORDERS, width: { size: leftPct, type: WidthType.PERCENTAGE }, children: left }),
          new TableCell({ borders: NO_BORDERS, width: { size: 100 - leftPct, type: WidthType.PERCENTAGE }, children: right }),
        ],
      }),
    ],
  });
}

export async function reportDocx(rc: ReportContent, lang: 'vi' | 'en'): Promise<Buffer> {
  const T: ReportText = reportText(rc, lang);
  const header = twoColumns(
    [
      ...(rc.organisation.agencyParent ? [para(rc.organisation.agencyParent.toUpperCase(), { center: true, after: 0, size: HEADER_SIZE })] : []),
      para(rc.organisation.name[lang].toUpperCase(), { bold: true, center: true, after: 0, size: HEADER_SIZE }),
      para('———', { center: true, after: 60 }),
      para(T.number, { center: true }),
    ],
    [
      para(T.nation, { bold: true, center: true, after: 0, size: HEADER_SIZE }),
      para(T.motto, { bold: true, center: true, after: 0 }),
      para('———————————', { center: true, after: 60 }),
      para(T.placeDate, { italics: true, center: true }),
    ],
  );
  const body: (Paragraph | Table)[] = [
    para('', { after: 120 }),
    para(T.title, { bold: true, center: true, size: 28, after: 0 }),
    para(T.subject, { bold: true, center: true, size: 28, after: 240 }),
    ...T.paragraphs.map((p) => para(p)),
  ];
  for (const table of reportTables(rc, lang)) {
    body.push(new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [run(table.title[lang], { bold: true })] }));
    if (!table.rows.length) {
      body.push(para(T.noRows, { italics: true }));
      continue;
    }
    // Fixed widths that add up to the text width: the name column gets the room, figures a narrow right-aligned column each.
    const cols = table.headers.length;
    const first = cols <= 2 ? Math.round(TEXT_WIDTH * 0.72) : Math.round(TEXT_WIDTH * 0.28);
    const rest = Math.floor((TEXT_WIDTH - first) / (cols - 1));
    const widths = [first, ...Array.from({ length: cols - 1 }, () => rest)];
    const cell = (text: string, i: number, o: { bold?: boolean; right?: boolean } = {}) =>
      new TableCell({
        width: { size: widths[i], type: WidthType.DXA },
        children: [new Paragraph({ alignment: o.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(text, { bold: o.bold, size: 22 })] })],
      });
    body.push(
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        margins: { left: 70, right: 70, top: 20, bottom: 20 },
        rows: [
          new TableRow({ tableHeader: true, cantSplit: true, children: table.headers.map((h, i) => cell(h[lang], i, { bold: true })) }),
          ...table.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(cellText(c, lang), i, { right: !('text' in c) })) })),
        ],
      }),
    );
    if (table.note) body.push(para(table.note[lang], { italics: true }));
    body.push(para('', { after: 60 }));
  }
  if (rc.comments.length) {
    body.push(para(T.commentsTitle, { bold: true, after: 60 }));
    for (const c of rc.comments) body.push(para(T.comment(c), { italics: true }));
  }
  const signature = twoColumns(
    [
      new Paragraph({ children: [run(T.recipientsLabel, { bold: true, italics: true, size: 24 })] }),
      ...T.recipients.map((x) => new Paragraph({ children: [run(x, { size: 22 })] })),
    ],
    [
      para(T.signerTitle.toUpperCase(), { bold: true, center: true, after: 0 }),
      para(T.signHint, { italics: true, center: true, after: 1200 }),
      para(T.signer, { bold: true, center: true }),
    ],
    50,
  );
  const doc = new Document({
    creator: 'Hài Lòng',
    title: `${T.subject}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
          },
        },
        children: [header, ...body, para('', { after: 240 }), signature],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

