package dev.modelchange.sample;

import jakarta.validation.constraints.NotBlank;

/** An external resource as a client creates one ({@code POST /resources}): both fields required, no others. */
public record ResourceInput(@NotBlank String name, @NotBlank String syncStatus) {}
