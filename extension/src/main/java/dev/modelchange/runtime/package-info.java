/**
 * Internal: puts the engine and a resume-token store together from the settings, for the CDI runtime and for
 * {@link dev.modelchange.ModelChanges#builder()}. Not an API; it may change in any release.
 */
package dev.modelchange.runtime;
