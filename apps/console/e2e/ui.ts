// Small helpers for driving Ant Design's widgets the way a person does (click, type, choose).
import type { Page } from 'playwright-core';

/** Opens the select whose input has this id and chooses the option with this text. */
export async function choose(page: Page, inputId: string, option: string): Promise<void> {
  await page.locator(`#${inputId}`).click({ force: true });
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
}

/** Closes an open dropdown (a multiple select stays open after a choice). */
export async function closeDropdowns(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

/** Waits until a success message has been shown (antd's message). */
export async function toast(page: Page, text?: string): Promise<void> {
  const notice = text ? page.locator('.ant-message-notice', { hasText: text }) : page.locator('.ant-message-notice-success');
  await notice.first().waitFor({ state: 'visible' });
}

/**
 * Reloads `path` until `locator` shows: what one service records reaches another's views a moment
 * later (events over the bus), as a person would press reload.
 */
export async function eventually(page: Page, url: string, selector: () => import('playwright-core').Locator, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await page.goto(url);
    try {
      await selector().first().waitFor({ timeout: 2_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}
