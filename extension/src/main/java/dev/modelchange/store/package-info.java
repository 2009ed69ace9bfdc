/**
 * Internal: the built-in resume-token stores (MongoDB, JDBC, in memory). Imports the API, the SPI and settings. Not
 * an API; it may change in any release.
 */
package dev.modelchange.store;
