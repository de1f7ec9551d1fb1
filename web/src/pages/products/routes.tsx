import { lazy } from 'react';
import { AccountBookOutlined, AuditOutlined, ProductOutlined, ShopOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';

/** Product pages (products-market.md "What users see"): catalogue, operator workbench, authority desks. */
const catalogue = lazy(() => import('./catalogue'));
const productPage = lazy(() => import('./product-page'));
const pages: PageDef[] = [
  {
    path: '/products/catalogue',
    element: catalogue,
    menuKey: 'products.menu.catalogue',
    icon: <ShopOutlined />,
    group: 'products',
    order: 10,
  },
  { path: '/products/catalogue/:id', element: productPage },
  {
    path: '/products/mine',
    element: lazy(() => import('./my-products')),
    menuKey: 'products.menu.mine',
    icon: <ProductOutlined />,
    group: 'products',
    order: 20,
    actors: ['operator'],
  },
  {
    path: '/products/review',
    element: lazy(() => import('./review-desk')),
    menuKey: 'products.menu.review',
    icon: <AuditOutlined />,
    group: 'products',
    order: 30,
    actors: ['authority'],
  },
  {
    path: '/products/pricing',
    element: lazy(() => import('./pricing')),
    menuKey: 'products.menu.pricing',
    icon: <AccountBookOutlined />,
    group: 'products',
    order: 40,
    actors: ['authority', 'operator'],
  },
  { path: '/public/products', element: catalogue, layout: 'public' },
  { path: '/public/products/:id', element: productPage, layout: 'public' },
];

export default pages;
