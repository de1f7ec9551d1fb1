import type { FastifyReply } from 'fastify';
import { fileResponse } from '../../kernel/http/responses.js';
import type { App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import * as m from './model.js';
import { certificatePdf } from './usecases/certificate-pdf.js';

/**
 * The printable certificate (issue 17, RA-21, RA-23): public like the bundle it is drawn from — a certificate
 * is shown to banks and buyers, and the page prints only what the public bundle already answers.
 */
export function certificatePdfRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/public/certificates/:number/certificate.pdf',
    { schema: { tags: ['rights'], params: m.NumberParams, response: { 200: fileResponse('application/pdf') } } },
    async (req, reply) => {
      const pdf = await certificatePdf(k, req.params.number, `${req.protocol}://${req.host}`);
      const name = encodeURIComponent(`${req.params.number}.pdf`);
      // Bytes are sent as-is, never through the view (fileResponse only documents them): the untyped reply sends them.
      const raw: FastifyReply = reply;
      return raw
        .type('application/pdf')
        .header('content-disposition', `inline; filename*=UTF-8''${name}`)
        .send(Buffer.from(pdf));
    },
  );
}
