import type { ArgumentMetadata } from '@nestjs/common';
import { IsString } from 'class-validator';
import { AppValidationPipe } from './validation';

class NameInput {
  @IsString()
  name!: string;
}

describe('AppValidationPipe', () => {
  const pipe = new AppValidationPipe();
  const WITH_NUL = { name: 'a\u0000b' };

  it.each<ArgumentMetadata['type']>(['body', 'query', 'param'])('refuses a NUL character in %s input', async (type) => {
    await expect(pipe.transform(WITH_NUL, { type, metatype: Object, data: 'input' })).rejects.toMatchObject({
      violations: [{ path: 'input.name' }],
    });
  });

  it('refuses a NUL character in GraphQL arguments', async () => {
    const metadata = { type: 'args', metatype: NameInput, data: 'input' } as unknown as ArgumentMetadata;
    await expect(pipe.transform(WITH_NUL, metadata)).rejects.toMatchObject({ violations: [{ path: 'input.name' }] });
  });

  it('validates and transforms GraphQL arguments into their class', async () => {
    const metadata = { type: 'args', metatype: NameInput, data: 'input' } as unknown as ArgumentMetadata;
    await expect(pipe.transform({ name: 'ok' }, metadata)).resolves.toBeInstanceOf(NameInput);
    await expect(pipe.transform({ name: 7 }, metadata)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it.each(['root', 'context', 'info', 'custom'])(
    'passes the server’s own %s values through untouched, without walking them',
    async (type) => {
      const own = { nested: { text: 'a\u0000b' } };
      const metadata = { type, metatype: Object } as unknown as ArgumentMetadata;
      await expect(pipe.transform(own, metadata)).resolves.toBe(own);
    },
  );
});
