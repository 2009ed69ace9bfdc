/**
 * Internal: the portable and build-compatible CDI extensions and the runtime bean; the top layer, which may import
 * every other package. Not an API; it may change in any release.
 */
package dev.modelchange.cdi;
