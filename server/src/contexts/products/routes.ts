import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { defineObjectReader } from '../../kernel/workflow/readers.js';
import * as m from './model.js';
import './messages.js';
import { marketRoutes } from './routes-market.js';
import { marketReadRoutes } from './routes-market-read.js';
import { approveRestrictedListing, listListingsOf, requestListing } from './usecases/listings.js';
import { createFeeCap, decideFiling, filePrice, listFeeCaps, listFilings, reportFeeCap } from './usecases/pricing.js';
import {
  advanceDisclosure,
  correctDisclosure,
  generateDisclosure,
  listMyDisclosures,
  publicDisclosure,
} from './usecases/disclosures.js';
import { createProduct, getProductDetail, listProducts, submitProduct } from './usecases/products.js';
import { publicPrices, publicProduct, publicProducts } from './usecases/public.js';
import { decideRegistration, getRegistration, submitRegistration } from './usecases/registrations.js';
import { closeCycle, getCycle, listCycles, recordCycle } from './usecases/revenue.js';
import { checkItems, decideReview } from './usecases/reviews.js';

const tags = ['products'];
const Id = m.IdParam;
const A = requireAuthenticated;
const FilingAction = z.object({ id: z.uuid(), action: z.enum(['accept', 'return']) });

/** products-market.md API resources, part 1 (products, reviews, registrations, listings, prices, public pages). */
export function productRoutes(app: App, k: Kernel) {
  defineObjectReader('DataProduct', getProductDetail); // LED-13: whoever may open it may see its timeline
  productDesk(app, k);
  registryDesk(app, k);
  pricingDesk(app, k);
  disclosureDesk(app, k);
  publicPages(app, k);
  marketRoutes(app, k); // part 2: orders, contracts, deliveries, usage, settlements
  marketReadRoutes(app, k); // the market pages' lists: my orders, contracts, usage, bills, settlement runs
}

const DisclosureAction = z.object({ id: z.uuid(), action: z.enum(['review', 'publish']) });

/** PM-30: the caller's org generates, reviews, publishes and corrects its yearly disclosure. */
function disclosureDesk(app: App, k: Kernel) {
  app.get('/api/v1/disclosures', { schema: { tags, response: { 200: m.DisclosuresView } } }, async (req) =>
    listMyDisclosures(k, A(req)),
  );
  app.post(
    '/api/v1/disclosures',
    { schema: { tags, body: m.DisclosureInput, response: { 201: m.DisclosureView } } },
    async (req, reply) => reply.status(201).send(await generateDisclosure(k, A(req), req.body.year)),
  );
  app.post(
    '/api/v1/disclosures/:id/corrections',
    { schema: { tags, params: Id, body: m.CorrectionInput, response: { 201: m.DisclosureView } } },
    async (req, reply) => reply.status(201).send(await correctDisclosure(k, A(req), req.params.id, req.body.reason)),
  );
  app.post(
    '/api/v1/disclosures/:id/:action',
    { schema: { tags, params: DisclosureAction, response: { 200: m.DisclosureView } } },
    async (req) => advanceDisclosure(k, A(req), req.params.id, req.params.action),
  );
}

function productDesk(app: App, k: Kernel) {
  app.get(
    '/api/v1/products',
    { schema: { tags, querystring: m.ProductListQuery, response: { 200: pageOf(m.ProductView) } } },
    async (req) => listProducts(k, A(req), req.query),
  );
  app.post(
    '/api/v1/products',
    { schema: { tags, body: m.CreateProductInput, response: { 201: m.ProductView } } },
    async (req, reply) => reply.status(201).send(await createProduct(k, A(req), req.body)),
  );
  app.get(
    '/api/v1/products/:id',
    { schema: { tags, params: Id, response: { 200: m.ProductDetailView } } },
    async (req) => getProductDetail(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/products/:id/submit',
    { schema: { tags, params: Id, response: { 200: m.ProductMovedView } } },
    async (req) => submitProduct(k, A(req), req.params.id),
  );
  app.get(
    '/api/v1/products/:id/reviews',
    { schema: { tags, params: Id, response: { 200: m.ReviewsView } } },
    async (req) => ({
      items: (await getProductDetail(k, A(req), req.params.id)).reviews,
    }),
  );
  app.post(
    '/api/v1/products/:id/reviews/items',
    { schema: { tags, params: Id, body: m.CheckItemsInput, response: { 200: m.ReviewView } } },
    async (req) => checkItems(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/products/:id/reviews/decision',
    { schema: { tags, params: Id, body: m.ReviewDecisionInput, response: { 200: m.ProductMovedView } } },
    async (req) => decideReview(k, A(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/products/:id/listings',
    { schema: { tags, params: Id, response: { 200: m.ListingsView } } },
    async (req) => listListingsOf(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/listings',
    { schema: { tags, body: m.ListingInput, response: { 201: m.ListingView } } },
    async (req, reply) => reply.status(201).send(await requestListing(k, A(req), req.body)),
  );
  app.post(
    '/api/v1/listings/:id/approve',
    { schema: { tags, params: Id, response: { 200: m.ListingView } } },
    async (req) => approveRestrictedListing(k, A(req), req.params.id),
  );
}

function registryDesk(app: App, k: Kernel) {
  app.post(
    '/api/v1/product-registrations',
    { schema: { tags, body: m.RegistrationInput, response: { 201: m.RegistrationView } } },
    async (req, reply) => reply.status(201).send(await submitRegistration(k, A(req), req.body)),
  );
  app.get(
    '/api/v1/product-registrations/:id',
    { schema: { tags, params: Id, response: { 200: m.RegistrationView } } },
    async (req) => getRegistration(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/product-registrations/:id/:action',
    {
      schema: {
        tags,
        params: m.RegistryActionParam,
        body: m.ReasonInput.optional(),
        response: { 200: m.RegistrationView },
      },
    },
    async (req) => decideRegistration(k, A(req), req.params.id, req.params.action, req.body?.reason ?? null),
  );
}

function pricingDesk(app: App, k: Kernel) {
  app.get('/api/v1/fee-caps', { schema: { tags, response: { 200: m.FeeCapsView } } }, async (req) =>
    listFeeCaps(k, A(req)),
  );
  app.post(
    '/api/v1/fee-caps',
    { schema: { tags, body: m.FeeCapInput, response: { 201: m.FeeCapView } } },
    async (req, reply) => reply.status(201).send(await createFeeCap(k, A(req), req.body)),
  );
  app.post(
    '/api/v1/fee-caps/:id/report',
    { schema: { tags, params: Id, response: { 200: m.FeeCapMovedView } } },
    async (req) => reportFeeCap(k, A(req), req.params.id),
  );
  app.get('/api/v1/price-filings', { schema: { tags, response: { 200: m.PriceFilingsView } } }, async (req) =>
    listFilings(k, A(req)),
  );
  app.post(
    '/api/v1/price-filings',
    { schema: { tags, body: m.PriceFilingInput, response: { 201: m.FilingMovedView } } },
    async (req, reply) => reply.status(201).send(await filePrice(k, A(req), req.body)),
  );
  app.post(
    '/api/v1/price-filings/:id/:action',
    { schema: { tags, params: FilingAction, body: m.ReasonInput.optional(), response: { 200: m.FilingMovedView } } },
    async (req) => decideFiling(k, A(req), req.params.id, req.params.action, req.body?.reason ?? null),
  );
  app.get('/api/v1/revenue-cycles', { schema: { tags, response: { 200: m.RevenueCyclesView } } }, async (req) =>
    listCycles(k, A(req)),
  );
  app.post(
    '/api/v1/revenue-cycles',
    { schema: { tags, body: m.RevenueCycleInput, response: { 201: m.RevenueCycleView } } },
    async (req, reply) => reply.status(201).send(await recordCycle(k, A(req), req.body)),
  );
  app.get(
    '/api/v1/revenue-cycles/:id',
    { schema: { tags, params: Id, response: { 200: m.RevenueCycleView } } },
    async (req) => getCycle(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/revenue-cycles/:id/close',
    { schema: { tags, params: Id, body: m.CloseCycleInput, response: { 200: m.CycleMovedView } } },
    async (req) => closeCycle(k, A(req), req.params.id, req.body.actualIndustryRevenueFen),
  );
}

/** No-login pages with fixed shapes (issue 15): the live catalogue and the published prices (PM-18). */
function publicPages(app: App, k: Kernel) {
  app.get(
    '/api/v1/public/products',
    { schema: { tags, querystring: m.PublicProductsQuery, response: { 200: pageOf(m.PublicProductView) } } },
    async (req) => publicProducts(k, req.query),
  );
  app.get(
    '/api/v1/public/products/:id',
    { schema: { tags, params: Id, response: { 200: m.PublicProductDetailView } } },
    async (req) => publicProduct(k, req.params.id),
  );
  app.get(
    '/api/v1/public/disclosures/:orgId/:year',
    { schema: { tags, params: m.DisclosureParams, response: { 200: m.PublicDisclosureView } } },
    async (req) => publicDisclosure(k, req.params.orgId, req.params.year),
  );
  app.get('/api/v1/public/prices', { schema: { tags, response: { 200: m.PublicPricesView } } }, async () =>
    publicPrices(k),
  );
}
