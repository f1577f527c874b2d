import { DISPUTE_DOCUMENT_MAX_BYTES, documentViolations, type NewDisputeDocument } from './dispute-documents';

const doc = (over: Partial<NewDisputeDocument> = {}): NewDisputeDocument => ({
  fileName: 'letter.pdf',
  contentType: 'application/pdf',
  content: Buffer.from('%PDF'),
  ...over,
});

describe('documentViolations', () => {
  it.each<[string, NewDisputeDocument, string[]]>([
    ['a small PDF', doc(), []],
    ['exactly the size limit', doc({ content: Buffer.alloc(DISPUTE_DOCUMENT_MAX_BYTES) }), []],
    ['one byte over the limit', doc({ content: Buffer.alloc(DISPUTE_DOCUMENT_MAX_BYTES + 1) }), ['d[0].contentBase64']],
    ['empty', doc({ content: Buffer.alloc(0) }), ['d[0].contentBase64']],
    ['not a media type', doc({ contentType: 'pdf' }), ['d[0].contentType']],
    ['a path as file name', doc({ fileName: '../etc/passwd' }), ['d[0].fileName']],
    ['a blank file name', doc({ fileName: '  ' }), ['d[0].fileName']],
    ['a control character in the name', doc({ fileName: 'a\nb.pdf' }), ['d[0].fileName']],
  ])('%s', (_name, document, paths) => {
    expect(documentViolations([document], 'd').map((v) => v.path)).toEqual(paths);
  });

  it('lists every problem of every document, and too many documents', () => {
    const many = Array.from({ length: 11 }, () => doc());
    expect(documentViolations(many, 'd').map((v) => v.path)).toEqual(['d']);
    expect(documentViolations([doc({ contentType: 'x' }), doc({ fileName: '' })], 'd').map((v) => v.path)).toEqual([
      'd[0].contentType',
      'd[1].fileName',
    ]);
  });
});
