import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A card's title as the page's second-level heading (one h1 per page, then h2s: axe's heading order). */
export function CardTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
      {children}
    </Typography.Title>
  );
}
