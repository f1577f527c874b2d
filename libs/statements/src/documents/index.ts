export * from './statement-document';
export { escapeHtml, renderStatementHtml } from './statement-html';
export { renderStatementPdf, statementPdfDefinition } from './statement-pdf';
export { renderStatementXlsx } from './statement-xlsx';
