/**
 * Internal: the in-process evaluator of MongoDB query filters. Imports nothing of the library but the message
 * codes. Not an API; it may change in any release.
 */
package dev.modelchange.filter;
