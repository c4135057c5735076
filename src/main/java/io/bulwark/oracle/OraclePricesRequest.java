package io.bulwark.oracle;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code {prices:[{market, price, source, timestamp}]}}. {@code price} may be a JSON string or
 * number and is passed on as its text: the engine decides, per item, whether it is a valid price.
 * {@code timestamp} is epoch milliseconds or an ISO-8601 instant.
 */
record OraclePricesRequest(@NotEmpty @Size(max = 100) List<@Valid @NotNull Item> prices) {

    record Item(
            @NotBlank @Size(max = 32) String market,
            @NotNull JsonNode price,

            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+")
            String source,

            @NotNull JsonNode timestamp) {}
}
