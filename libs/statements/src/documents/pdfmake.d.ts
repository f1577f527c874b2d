// The part of pdfmake 0.3 (server build) this library uses. @types/pdfmake is not installed: it
// pulls the DOM lib into the whole program, which changes Node's fetch types everywhere.
declare module 'pdfmake' {
  export type PdfCell = string | PdfNode;
  export interface PdfNode {
    text?: string | PdfCell[];
    stack?: PdfCell[];
    columns?: PdfCell[];
    columnGap?: number;
    table?: { headerRows?: number; dontBreakRows?: boolean; widths?: (string | number)[]; body: PdfCell[][] };
    layout?:
      | string
      | {
          hLineWidth?: (i: number) => number;
          vLineWidth?: (i: number) => number;
          hLineColor?: (i: number) => string;
          fillColor?: (rowIndex: number) => string | null;
        };
    style?: string;
    bold?: boolean;
    color?: string;
    fontSize?: number;
    alignment?: 'left' | 'right' | 'center';
    margin?: [number, number, number, number];
    pageBreak?: 'before' | 'after';
  }
  export interface PdfStyle {
    fontSize?: number;
    bold?: boolean;
    color?: string;
    margin?: [number, number, number, number];
    font?: string;
  }
  export interface PdfDocumentDefinition {
    pageSize?: string;
    pageOrientation?: 'portrait' | 'landscape';
    pageMargins?: [number, number, number, number];
    info?: { title?: string; subject?: string; creator?: string; author?: string };
    header?: (currentPage: number, pageCount: number) => PdfCell | null;
    footer?: (currentPage: number, pageCount: number) => PdfCell | null;
    content: PdfCell[];
    defaultStyle?: PdfStyle;
    styles?: Record<string, PdfStyle>;
  }
  export interface PdfFontFiles {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, PdfFontFiles>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    createPdf(definition: PdfDocumentDefinition): { getBuffer(): Promise<Buffer> };
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
