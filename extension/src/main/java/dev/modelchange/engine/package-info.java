/**
 * Internal: the runtime: one watcher per collection and stream shape, dispatch, backoff, checkpointing. Plain Java;
 * imports the API, the SPI, settings and filter. Not an API; it may change in any release.
 */
package dev.modelchange.engine;
