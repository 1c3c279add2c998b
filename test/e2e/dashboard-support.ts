// Moving through the staff dashboard as a moderator does, for the end-to-end tests: the queue item
// holding a text, keyboard focus on it with j and k, and what the live region announces.
import { expect } from "vitest";
import type { Page } from "playwright-core";

/** The queue item (article) holding `text`. */
export const itemWith = (page: Page, text: string) => page.locator("article.item", { hasText: text });

/** The index of the item holding `text`, and of the item that has the keyboard focus (-1: none). */
const positions = (page: Page, text: string) =>
  page.evaluate((wanted) => {
    const items = [...document.querySelectorAll("article.item")];
    return {
      target: items.findIndex((el) => el.textContent?.includes(wanted)),
      focused: items.findIndex((el) => el.contains(document.activeElement)),
    };
  }, text);

/** The text of the item that has the keyboard focus ("" when none has). */
export const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.closest("article.item")?.textContent ?? "");

/** Presses j or k until the keyboard focus is on the item holding `text`, as a moderator would. */
export async function focusByKeyboard(page: Page, text: string): Promise<void> {
  await itemWith(page, text).waitFor();
  for (let i = 0; i < 60; i++) {
    const { target, focused } = await positions(page, text);
    expect(target).toBeGreaterThanOrEqual(0);
    if (focused === target) return;
    await page.keyboard.press(focused === -1 || focused < target ? "j" : "k");
  }
  throw new Error(`could not reach the item holding ${text}`);
}

/** The polite live region's text, once it says `text`. */
export const announced = (page: Page, text: string | RegExp, timeout?: number) =>
  page.getByRole("status").filter({ hasText: text }).waitFor({ timeout });
