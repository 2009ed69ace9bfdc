package dev.modelchange.sample;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code PATCH /resources/{id}}: the new sync status, required ({@code {}} would erase it). */
public record SyncStatusChange(@NotBlank String syncStatus) {}
