/**
 * Internal: ModelChange's Micrometer meters ({@code modelchange.*}), registered as a {@code MeterBinder} bean by
 * the CDI extensions only when Micrometer is on the class path ({@link MetricsRegistration}). Quarkus binds the
 * bean to its registry itself; elsewhere an application binds it ({@code bindTo}), and without CDI it makes one
 * with {@link ModelChangeMetrics#of}. Those two entry points aside, not an API; it may change in any release.
 */
package dev.modelchange.metrics;
