/**
 * Internal: what the per-package message catalogues share. Not an API; it may change in any release.
 */
package dev.modelchange.logging;
