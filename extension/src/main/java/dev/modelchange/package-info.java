/**
 * ModelChange's API: what applications use. {@link dev.modelchange.ModelChange} qualifies observers of
 * {@link dev.modelchange.ChangeEvent}s; {@link dev.modelchange.ModelChanges} listens from code and reports the
 * streams' state. Public and stable; it imports nothing of the library's other packages.
 */
package dev.modelchange;
