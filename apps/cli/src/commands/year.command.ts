import type { Command } from 'commander';
import { AgreementsService } from '@lib/agreements';
import { systemActor } from '@lib/common';
import { ContractYearCloseService } from '@lib/reconciliation';
import { ProductsService } from '@lib/reference';
import { parseAgreementRef, pickAgreementOfProduct } from '../year/agreement-ref';
import { yearCloseReport } from '../year/year-close-report';
import { withCliContext } from './context';

/**
 * `cgt year close --agreement <id | product code> --year 2026`: the annual volume true-up
 * (rebate-rules section 6) from the operator's shell. The same service as the GraphQL
 * `closeContractYear` mutation, acting as the platform (actor label `cli`), so the close and the
 * ledger entries it appends are audited like any other.
 */
export function registerYearCommand(program: Command): void {
  const year = program.command('year').description('Contract years of agreements');
  year
    .command('close')
    .description(
      'Close a contract year of an executed agreement: count the eligible episodes of all states, set the volume tier, append every VOLUME rebate',
    )
    .requiredOption('--agreement <ref>', 'agreement id, or the code of its product (e.g. CASGEVY)')
    .requiredOption('--year <year>', 'contract year (calendar year of the administration dates), e.g. 2026')
    .action(async (options: { agreement: string; year: string }) => {
      if (!/^\d{4}$/.test(options.year))
        throw new Error(`--year must be a calendar year such as 2026, got ${options.year}`);
      const ref = parseAgreementRef(options.agreement);
      const report = await withCliContext(async (context) => {
        const actor = systemActor('cli');
        const agreements = context.get(AgreementsService);
        const products = context.get(ProductsService);
        let agreementId: string;
        if (ref.kind === 'id') {
          agreementId = ref.id;
        } else {
          const product = await products.productByCode(ref.code);
          if (!product) throw new Error(`No product has the code ${ref.code}`);
          const page = await agreements.list(actor, { productId: product.id }, { first: 100 });
          agreementId = pickAgreementOfProduct(
            ref.code,
            page.edges.map((e) => e.node),
          );
        }
        const result = await context
          .get(ContractYearCloseService)
          .close(actor, { agreementId, year: Number(options.year) });
        const agreement = await agreements.get(actor, agreementId);
        const product = await products.productById(agreement.productId);
        return yearCloseReport(product?.code ?? agreement.productId, result);
      });
      process.stdout.write(report);
    });
}
