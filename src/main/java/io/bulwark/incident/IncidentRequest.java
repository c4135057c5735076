package io.bulwark.incident;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code {fromSequence, toSequence, reason, excludeSources?, referencePrices?}}: the journal range to
 * re-examine, why, and what to compare it with: the index without the named (compromised) oracle sources,
 * and/or prices the operator supplies per market ({@code timestamp}: epoch milliseconds or an ISO-8601
 * instant, as for oracle prices).
 */
record IncidentRequest(
        @NotNull @Min(1) Long fromSequence,
        @NotNull @Min(1) Long toSequence,
        @NotBlank @Size(max = 200) String reason,

        @Size(max = 20)
        List<@NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+") String> excludeSources,

        @Size(max = 1000) List<@Valid @NotNull ReferencePrice> referencePrices) {

    record ReferencePrice(
            @NotBlank @Size(max = 32) String market,
            @NotNull JsonNode timestamp,
            @NotNull BigDecimal price) {}

    List<String> sources() {
        return excludeSources == null ? List.of() : excludeSources;
    }

    List<ReferencePrice> prices() {
        return referencePrices == null ? List.of() : referencePrices;
    }
}
