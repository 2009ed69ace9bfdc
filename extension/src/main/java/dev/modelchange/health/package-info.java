/**
 * Internal: ModelChange's MicroProfile Health checks (readiness, liveness, startup), registered by the CDI
 * extensions only when the MicroProfile Health API is on the class path ({@link HealthRegistration}). The
 * decision is {@link StreamHealth}'s, a pure function of the streams' status and the time; the check beans are
 * thin. Not an API; it may change in any release.
 */
package dev.modelchange.health;
