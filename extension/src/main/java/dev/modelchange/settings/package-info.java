/**
 * Internal: the configuration table, parsed and checked once. Imports only the API. Not an API; it may change in
 * any release.
 */
package dev.modelchange.settings;
