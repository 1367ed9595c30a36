/**
 * Lets the event loop run what is waiting — timers, sockets, HTTP requests — before going on. A
 * loop that catches up on a backlog with synchronous reads (SQLite) otherwise runs batch after
 * batch on promise callbacks alone, and the process answers nothing, not even its health probe,
 * until the backlog is gone.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
