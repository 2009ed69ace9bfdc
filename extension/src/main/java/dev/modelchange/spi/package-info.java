/**
 * ModelChange's SPI: hooks for integrators, such as a {@link dev.modelchange.spi.ResumeTokenStore} of one's own.
 * Public and stable; it imports nothing of the library but the API.
 */
package dev.modelchange.spi;
