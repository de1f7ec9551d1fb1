import { z } from 'zod';

/** `?page=&pageSize=` for every list; answers `{items,total,page,pageSize}` (spec README). */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export function offsetOf(q: PageQuery): number {
  return (q.page - 1) * q.pageSize;
}
