/**
 * Contracts that only a real MongoDB can check: update descriptions, replace events, pre- and post-images, events
 * over 16 MB, lost history and a primary step-down. Each test declares the {@link
 * dev.modelchange.tck.backend.Capability capabilities} it needs, so on the in-JVM server (and on a real one too old
 * or too small) it is skipped, naming them. Each abstract class lists the beans its runner deploys.
 */
package dev.modelchange.tck.realmongo;
