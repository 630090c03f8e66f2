/** Periodic reports: content from the stats service, and its formats. */
export { buildReportContent, type ReportDeps, type ReportRequest } from './report-content';
export { reportTables, tableCsv, type TableModel } from './report-tables';
export { reportXlsx } from './render-xlsx';
export { reportDocx } from './render-docx';
export { reportHtml } from './render-html';
export { summaryText } from './summary-text';
